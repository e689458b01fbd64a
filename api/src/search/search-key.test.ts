import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeilisearchSearchEngine, rebuildMeilisearchIndex } from '@skillway/store/search';
import { type MeilisearchServer, sampleListing, startMeilisearch, type TempStore } from '@skillway/store/testing';
import { createTestStore, startTestApi, type TestApi } from '../testing/test-api';
import { createAccount, signedIn } from '../routes/v1/auth/account.test-client';
import { FallbackSearchEngine } from './fallback.search-engine';

/**
 * With MEILI_SEARCH_KEY the API searches Meilisearch with that search-only key and writes approved
 * listings with MEILI_MASTER_KEY: a leaked search key cannot change the index.
 */
let meili: MeilisearchServer;
let store: TempStore;
let prefix: string;
let searchKey: string;
const apis: TestApi[] = [];

async function createSearchOnlyKey(): Promise<string> {
  const res = await fetch(`${meili.url}/keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${meili.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ actions: ['search'], indexes: ['*'], expiresAt: null }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { key: string }).key;
}

async function startApi(key: string): Promise<TestApi> {
  const api = await startTestApi(store.path, {
    MEILI_URL: meili.url,
    MEILI_MASTER_KEY: meili.apiKey,
    MEILI_SEARCH_KEY: key,
    MEILI_INDEX_PREFIX: prefix,
    OUTBOX_RETRY_MS: '100',
    AUTH_RATE_LIMIT_PER_MINUTE: '1000',
    SUBMIT_RATE_LIMIT_PER_MINUTE: '1000',
  });
  apis.push(api);
  return api;
}

beforeAll(async () => {
  meili = await startMeilisearch();
  store = await createTestStore();
  prefix = `api-search-key-${randomBytes(4).toString('hex')}-`;
  await rebuildMeilisearchIndex(store.db, { url: meili.url, apiKey: meili.apiKey, indexPrefix: prefix });
  searchKey = await createSearchOnlyKey();
  await createAccount(store, 'ana@example.org', 'provider');
  await createAccount(store, 'mod@example.org', 'moderator');
});
afterAll(async () => {
  for (const api of apis) await api.close();
  await store?.dispose();
  await meili?.dispose();
});

describe('MEILI_SEARCH_KEY', () => {
  it('is a key that can search but not write (the premise of the other tests)', async () => {
    const engine = new MeilisearchSearchEngine({ url: meili.url, apiKey: searchKey, indexPrefix: prefix });
    try {
      expect((await engine.search({ q: 'nurse' })).hits.length).toBeGreaterThan(0);
      await expect(engine.remove(['anything'])).rejects.toThrow();
    } finally {
      await engine.close();
    }
  });

  it(
    'serves searches from Meilisearch with the search key, and approvals still reach Meilisearch',
    { timeout: 90_000 },
    async () => {
      const api = await startApi(searchKey);
      const engine = api.server.searchEngine as FallbackSearchEngine;
      expect(engine).toBeInstanceOf(FallbackSearchEngine);
      const res = await api.json('/api/v1/search?q=nurse');
      expect(res.status).toBe(200);
      expect(res.body.hits.length).toBeGreaterThan(0);
      expect(engine.state()).toMatchObject({ engine: 'meilisearch', up: true });

      const [ana, mod] = await Promise.all([signedIn(api, 'ana@example.org'), signedIn(api, 'mod@example.org')]);
      const submitted = await ana.call('POST', '/submissions', sampleListing({ name: 'Zorvanic Nurse Bridging' }));
      expect((await mod.call('POST', `/moderation/submissions/${submitted.body.id}/approve`)).status).toBe(200);
      const admin = new MeilisearchSearchEngine({ url: meili.url, apiKey: meili.apiKey, indexPrefix: prefix });
      try {
        const deadline = Date.now() + 30_000;
        let found = false;
        while (!found && Date.now() < deadline) {
          found = (await admin.search({ q: 'zorvanic' })).hits.length > 0;
          if (!found) await new Promise((r) => setTimeout(r, 50));
        }
        expect(found, 'the approved listing reached Meilisearch through the admin key').toBe(true);
      } finally {
        await admin.close();
      }
    },
  );

  it('is the key searches use: a wrong one sends them to the embedded engine, naming the error', async () => {
    const api = await startApi('not-a-key');
    const res = await api.json('/api/v1/search?q=nurse');
    expect(res.status).toBe(200);
    expect(res.body.hits.length).toBeGreaterThan(0);
    const state = (api.server.searchEngine as FallbackSearchEngine).state();
    expect(state).toMatchObject({ engine: 'meilisearch', up: false });
    expect(state.last_error).toEqual(expect.any(String));
  });
});
