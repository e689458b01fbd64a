import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '@skillway/core';
import type { TempStore } from '@skillway/store/testing';
import app from '../app';
import { loadConfig } from '../config';
import { fastifyOptions } from '../fastify-options';
import { createTestStore, expectProblem, type JsonBody } from '../testing/test-api';

/**
 * One error path: a route added the way a new route file is (its own plugin, nothing registered,
 * no try/catch) that throws a domain error gets a problem document with its field errors.
 */
let store: TempStore;
let server: FastifyInstance;
let origin: string;

beforeAll(async () => {
  store = await createTestStore();
  const config = loadConfig({ LOG_LEVEL: 'silent', DATABASE_PATH: store.path });
  server = Fastify(fastifyOptions(config));
  await server.register(app, { config });
  await server.register(
    async (routes) => {
      routes.post('/refuse', async () => {
        throw new DomainError(
          'invalid',
          'The listing has 2 problems; see errors.',
          [
            { field: 'name', reason: 'must not be empty' },
            { field: 'countries[1]', reason: 'is not a country code' },
          ],
          { input: 'body' },
        );
      });
      routes.get('/gone', async () => {
        throw new DomainError('not-found', 'There is no such report.');
      });
      routes.get('/mail-down', async () => {
        throw new DomainError('unavailable', 'We could not send the e-mail just now.', [], {
          cause: new Error('connect ECONNREFUSED 127.0.0.1:25 <secret@example.org>'),
        });
      });
    },
    { prefix: '/api/v1/test-only' },
  );
  await server.listen({ port: 0, host: '127.0.0.1' });
  origin = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await server?.close();
  await store?.dispose();
});

async function call(path: string, init?: RequestInit) {
  const res = await fetch(origin + path, init);
  return { status: res.status, headers: res.headers, body: (await res.json()) as JsonBody };
}

describe('domain errors become problem documents in the one error handler', () => {
  it('answers an invalid domain error with 400 and its field errors under the request part', async () => {
    const res = await call('/api/v1/test-only/refuse', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const errors = expectProblem(res, 400);
    expect(res.body.detail).toBe('The listing has 2 problems; see errors.');
    expect(errors).toEqual([
      { field: 'body.name', reason: 'must not be empty' },
      { field: 'body.countries[1]', reason: 'is not a country code' },
    ]);
  });

  it('maps each kind to its status and keeps the message written for the client', async () => {
    const res = await call('/api/v1/test-only/gone');
    expect(expectProblem(res, 404)).toEqual([]);
    expect(res.body.detail).toBe('There is no such report.');
  });

  it('answers unavailable with 503 and the domain message, never the text of its cause', async () => {
    const res = await call('/api/v1/test-only/mail-down');
    expectProblem(res, 503);
    expect(res.body.detail).toBe('We could not send the e-mail just now.');
    expect(JSON.stringify(res.body)).not.toContain('secret@example.org');
  });

  it('answers a store error from a real route the same way (the matcher refusing an empty profile)', async () => {
    const res = await call('/api/v1/match', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ languages: ['en'] }),
    });
    const errors = expectProblem(res, 400);
    expect(errors.map((e) => e.field)).toEqual([
      'body.occupations',
      'body.skills',
      'body.text',
      'body.needs',
      'body.country',
    ]);
  });
});
