import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MeilisearchSearchEngine,
  rebuildMeilisearchIndex,
  type SearchEngine,
  SqliteSearchEngine,
} from '@skillway/store/search';
import { type MeilisearchServer, sampleListing, startMeilisearch, type TempStore } from '@skillway/store/testing';
import { createTestStore, startTestApi, type TestApi } from '../testing/test-api';
import { createAccount, signedIn, type TestClient } from '../routes/v1/auth/account.test-client';

/**
 * The outbox end to end, with the API configured for Meilisearch (MEILI_URL) as in production: the
 * embedded index always follows, Meilisearch follows when it answers, and nothing is lost when it
 * does not, even across a restart of the API.
 */
let meili: MeilisearchServer;
let store: TempStore;
let env: Record<string, string>;
let api: TestApi;
let meiliEngine: MeilisearchSearchEngine;
let sqliteEngine: SqliteSearchEngine;
let ana: TestClient;
let mod: TestClient;

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function finds(engine: SearchEngine, word: string): Promise<boolean> {
  try {
    return (await engine.search({ q: word })).hits.some((h) => h.name.toLowerCase().includes(word));
  } catch {
    return false;
  }
}

const lastOutboxRow = async () =>
  (await store.db.selectFrom('outbox').selectAll().orderBy('id', 'desc').executeTakeFirst())!;

async function signIn(): Promise<void> {
  [ana, mod] = await Promise.all([signedIn(api, 'ana@example.org'), signedIn(api, 'mod@example.org')]);
}

/** Submits a listing named after `word` and approves it; resolves when the approval has answered. */
async function approveNew(word: string): Promise<number> {
  const submitted = await ana.call('POST', '/submissions', sampleListing({ name: `${word} Nurse Bridging` }));
  const started = performance.now();
  const approved = await mod.call('POST', `/moderation/submissions/${submitted.body.id}/approve`);
  expect(approved.status).toBe(200);
  return started;
}

beforeAll(async () => {
  meili = await startMeilisearch();
  store = await createTestStore();
  const prefix = `api-outbox-${randomBytes(4).toString('hex')}-`;
  const connection = { url: meili.url, apiKey: meili.apiKey, indexPrefix: prefix };
  await rebuildMeilisearchIndex(store.db, connection);
  meiliEngine = new MeilisearchSearchEngine({ ...connection, requestTimeoutMs: 2_000 });
  sqliteEngine = new SqliteSearchEngine(store.db);
  await createAccount(store, 'ana@example.org', 'provider');
  await createAccount(store, 'mod@example.org', 'moderator');
  env = {
    MEILI_URL: meili.url,
    MEILI_MASTER_KEY: meili.apiKey,
    MEILI_INDEX_PREFIX: prefix,
    OUTBOX_RETRY_MS: '100',
    OUTBOX_MAX_RETRY_MS: '800',
    AUTH_RATE_LIMIT_PER_MINUTE: '1000',
    SUBMIT_RATE_LIMIT_PER_MINUTE: '1000',
  };
  api = await startTestApi(store.path, env);
  await signIn();
});
afterAll(async () => {
  await api?.close();
  await store?.dispose();
  await meili?.dispose();
});

describe('outbox worker in the API, with Meilisearch configured', () => {
  it('makes an approved listing searchable on both engines, and measures how fast', async () => {
    // The first write after the index was rebuilt costs Meilisearch more than later ones: measure both.
    for (const [word, label] of [
      ['frembly', 'first write after a rebuild'],
      ['quorrel', 'next write'],
    ] as const) {
      const started = await approveNew(word[0]!.toUpperCase() + word.slice(1));
      const [sqliteMs, meiliMs] = await Promise.all(
        [sqliteEngine, meiliEngine].map(async (engine) => {
          await until(`${engine.name} to find it`, () => finds(engine, word));
          return performance.now() - started;
        }),
      );
      console.info(
        `approval -> searchable (API, MEILI_URL set, ${label}): sqlite ${sqliteMs!.toFixed(0)} ms, meilisearch ${meiliMs!.toFixed(0)} ms`,
      );
      await until('the row to be done', async () => (await lastOutboxRow()).status === 'done');
      expect(await lastOutboxRow()).toMatchObject({ applied_to: 'meilisearch,sqlite', attempts: 0 });
    }
    const { body } = await api.json('/api/v1/search?q=frembly');
    expect(body).toMatchObject({ engine: 'meilisearch', hits: [{ name: 'Frembly Nurse Bridging' }] });
  });

  it('keeps the row while Meilisearch is down, retries with backoff, and catches up when it is back', async () => {
    await meili.stop();
    await approveNew('Grindle');
    // Searches still work (the embedded engine answers) and already include the new listing.
    await until('the fallback search to find it', async () => {
      const { body } = await api.json('/api/v1/search?q=grindle');
      return body.engine === 'sqlite' && body.hits?.[0]?.name === 'Grindle Nurse Bridging';
    });
    const failing = await until('three failed attempts', async () => {
      const row = await lastOutboxRow();
      return row.attempts >= 3 && row;
    });
    expect(failing).toMatchObject({ status: 'pending', applied_to: 'sqlite' });
    expect(failing.last_error).toMatch(/^meilisearch: /);

    await meili.start();
    await until('meilisearch to find it', () => finds(meiliEngine, 'grindle'));
    await until('the row to be done', async () => (await lastOutboxRow()).status === 'done');
    expect(await lastOutboxRow()).toMatchObject({ applied_to: 'meilisearch,sqlite', last_error: null });
  });

  it('replays a pending row when the API starts again', async () => {
    await meili.stop();
    await approveNew('Hobbert');
    await until('a failed attempt', async () => (await lastOutboxRow()).attempts >= 1);
    await api.close();
    // However far off the next retry was scheduled, a restart replays the row.
    await store.db
      .updateTable('outbox')
      .set({ next_attempt_at: '2999-01-01T00:00:00.000Z' })
      .where('status', '=', 'pending')
      .execute();
    await meili.start();
    expect(await finds(meiliEngine, 'hobbert')).toBe(false);

    api = await startTestApi(store.path, env);
    await until('meilisearch to find it after the restart', () => finds(meiliEngine, 'hobbert'));
    await until('the row to be done', async () => (await lastOutboxRow()).status === 'done');
    await signIn();
  });
});
