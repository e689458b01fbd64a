import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { TSchema } from '@sinclair/typebox';
import { expect } from 'vitest';
import { compileValidator, createAjv } from '@skillway/core';
import { createSeededStore, type TempStore } from '@skillway/store/testing';
import { loadConfig } from '../config';
import { buildServer } from '../server';
import { SHARED_SCHEMAS } from '../plugins/app/shared-schemas.plugin';

/**
 * A temp SQLite database with the real seed data (the listings, the ESCO/ISCO taxonomy) and the
 * embedded search index, built by the same store functions the indexer uses (a copy of a template
 * built once per test process: createSeededStore).
 */
export function createTestStore(options: { withSkills?: boolean } = {}): Promise<TempStore> {
  return createSeededStore(undefined, { ...options, searchIndex: true });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies in tests are checked by assertions and validators
export type JsonBody = any;

export interface TestApi {
  server: FastifyInstance;
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  /** fetch relative to the origin: `api.fetch('/api/v1/search?q=nurse')` */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** fetch and parse the JSON body (problem documents included); untyped, since tests probe it freely */
  json<T = JsonBody>(path: string, init?: RequestInit): Promise<{ status: number; headers: Headers; body: T }>;
  close(): Promise<void>;
}

/**
 * The API exactly as server.ts builds it (same config loader, same Fastify options), listening on a
 * free loopback port, over a given database file.
 */
export async function startTestApi(databasePath: string, env: Record<string, string> = {}): Promise<TestApi> {
  const config = loadConfig({ LOG_LEVEL: 'silent', ...env, DATABASE_PATH: databasePath });
  const server = await buildServer(config);
  await server.listen({ port: 0, host: '127.0.0.1' });
  const { port } = server.server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const doFetch = (path: string, init?: RequestInit) => fetch(origin + path, init);
  return {
    server,
    origin,
    fetch: doFetch,
    json: async (path, init) => {
      const res = await doFetch(path, init);
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
    },
    close: () => server.close(),
  };
}

/** A validator for response bodies that knows the API's shared schemas (`$ref: 'SearchHit'`). */
export function responseValidator<T extends TSchema>(schema: T) {
  const ajv = createAjv();
  for (const shared of SHARED_SCHEMAS) if (shared.$id !== schema.$id) ajv.addSchema(shared);
  return compileValidator(schema, ajv);
}

/** The problem document every error must be. */
export function expectProblem(
  res: { status: number; headers: Headers; body: JsonBody },
  status: number,
): { field: string; reason: string }[] {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({
    type: 'about:blank',
    status,
    title: expect.any(String),
    detail: expect.any(String),
  });
  return res.body.errors ?? [];
}
