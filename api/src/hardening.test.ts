import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededStore, readSeedListings, sampleListing, type TempStore } from '@skillway/store/testing';
import { expectProblem, startTestApi, type TestApi } from './testing/test-api';
import { createAccount, signedIn, TestClient } from './routes/v1/auth/account.test-client';

/**
 * Findings of the hostile run (issue 16), each over real HTTP against a real SQLite file: hostile
 * bodies, the write limit, sign-up enumeration.
 */
let store: TempStore;
let api: TestApi;

beforeAll(async () => {
  store = await createSeededStore(readSeedListings().filter((l) => l.id.startsWith('eu-')));
  await createAccount(store, 'known@example.org', 'provider');
  await createAccount(store, 'mod@example.org', 'moderator');
  api = await startTestApi(store.path, {
    AUTH_RATE_LIMIT_PER_MINUTE: '1000',
    SUBMIT_RATE_LIMIT_PER_MINUTE: '1000',
    WRITE_RATE_LIMIT_PER_MINUTE: '5',
  });
});
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
const deepObject = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

describe('deeply nested JSON bodies', () => {
  const routes = ['/match', '/auth/login', '/auth/signup', '/submissions'];
  for (const route of routes) {
    for (const [shape, body] of [
      ['array', deep(5000)],
      ['object', deepObject(5000)],
    ] as const) {
      it(`POST ${route} with a 5,000-level ${shape} answers a 4xx problem, not a 500`, async () => {
        const client = route === '/submissions' ? await signedIn(api, 'known@example.org') : new TestClient(api);
        const answer = await client.call('POST', route, undefined, { rawBody: body });
        expect(answer.status).toBeGreaterThanOrEqual(400);
        expect(answer.status).toBeLessThan(500);
        expectProblem(answer, answer.status);
      });
    }
  }

  it('POST /auth/password with a deep body answers a problem', async () => {
    const client = await signedIn(api, 'known@example.org');
    const answer = await client.call('POST', '/auth/password', undefined, { rawBody: deep(5000) });
    expectProblem(answer, 400);
  });
});

describe('WRITE_RATE_LIMIT_PER_MINUTE', () => {
  it('limits moderation writes per client', async () => {
    const moderator = await signedIn(api, 'mod@example.org');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const answer = await moderator.call('POST', `/moderation/submissions/${999_000 + i}/reject`, {
        reason: 'not a fit',
      });
      statuses.push(answer.status);
    }
    expect(statuses.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });
});

describe('sign-up does not tell who has an account', () => {
  it('answers an existing address (in any letter case) exactly as a new one: 202 "check your e-mail"', async () => {
    const taken = await new TestClient(api).signUp('KNOWN@Example.org', 'some other long password');
    const fresh = await new TestClient(api).signUp('someone-new@example.org', 'some other long password');
    const text = JSON.stringify(taken.body).toLowerCase();
    expect(text).not.toMatch(/exist|already|registered|taken|known@/);
    expect(taken.status).toBe(202);
    expect(fresh.status).toBe(202);
    expect(taken.body).toEqual(fresh.body);
    expect(taken.headers.getSetCookie()).toEqual(fresh.headers.getSetCookie());
  });
});

describe('submitting still works', () => {
  it('accepts a normal submission', async () => {
    const client = await signedIn(api, 'known@example.org');
    expect((await client.call('POST', '/submissions', sampleListing({ name: 'Hardening listing' }))).status).toBe(201);
  });
});
