import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildMeilisearchIndex } from '@skillway/store/search';
import { type MeilisearchServer, startMeilisearch, type TempStore } from '@skillway/store/testing';
import { createTestStore, expectProblem, startTestApi, type TestApi } from '../../../testing/test-api';

/**
 * A real Meilisearch server is taken away in the middle of the run and brought back: search must keep
 * answering (from the embedded engine, and saying so), /ready must report Meilisearch down, and the
 * API must go back to Meilisearch by itself once it answers again.
 */
let store: TempStore;
let meili: MeilisearchServer;
let api: TestApi;

beforeAll(async () => {
  [store, meili] = await Promise.all([createTestStore(), startMeilisearch()]);
  const indexPrefix = `api-${randomBytes(4).toString('hex')}-`;
  await rebuildMeilisearchIndex(store.db, { url: meili.url, apiKey: meili.apiKey, indexPrefix });
  api = await startTestApi(store.path, {
    MEILI_URL: meili.url,
    MEILI_MASTER_KEY: meili.apiKey,
    MEILI_INDEX_PREFIX: indexPrefix,
    // A short first backoff so the test sees the way back without waiting seconds.
    SEARCH_RETRY_MS: '200',
  });
});
afterAll(async () => {
  await api?.close();
  await meili?.dispose();
  await store?.dispose();
});

async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  let last: T = await probe();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
    last = await probe();
  }
  return last;
}

const FILTERS = '/api/v1/search?country=IE&category=qualification-recognition&per_page=50';

describe('search when Meilisearch goes away and comes back', () => {
  let before: { total: number; ids: string[] };

  it('searches with Meilisearch while it is up, and is ready', async () => {
    const res = await api.json(FILTERS);
    expect(res.status).toBe(200);
    expect(res.body.engine).toBe('meilisearch');
    expect(res.body.total).toBeGreaterThan(0);
    before = { total: res.body.total, ids: res.body.hits.map((h: { id: string }) => h.id).sort() };
    const ready = await api.json('/api/v1/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.search).toEqual({ engine: 'meilisearch', status: 'up' });
  });

  it('keeps answering from the embedded engine when Meilisearch stops, with the same listings', async () => {
    await meili.stop();
    // The very search asked before comes from the kept answer of this index generation (Meilisearch's,
    // still right: nothing changed); a search not asked before is the embedded engine's.
    const kept = await api.json(FILTERS);
    expect(kept.status).toBe(200);
    expect(kept.body.hits.map((h: { id: string }) => h.id).sort()).toEqual(before.ids);
    const res = await api.json(`${FILTERS}&lang=fr`);
    expect(res.status).toBe(200);
    expect(res.body.engine).toBe('sqlite');
    expect(res.body.total).toBe(before.total);
    expect(res.body.hits.map((h: { id: string }) => h.id).sort()).toEqual(before.ids);

    const text = await api.json('/api/v1/search?q=nurse');
    expect(text.status).toBe(200);
    expect(text.body.engine).toBe('sqlite');
    expect(text.body.total).toBeGreaterThan(0);

    const match = await api.json('/api/v1/match', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'nurse', country: 'IE' }),
    });
    expect(match.status).toBe(200);
    expect(match.body.results.length).toBeGreaterThan(0);
  });

  it('/ready says Meilisearch is down, and that searches are served by the embedded engine', async () => {
    const ready = await api.json('/api/v1/ready');
    const errors = expectProblem(ready, 503);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.field).toBe('search.meilisearch');
    expect(errors[0]!.reason).toMatch(/^meilisearch does not answer.*; searches are served by sqlite$/);
    expect((await api.json('/api/v1/health')).status).toBe(200);
  });

  it('goes back to Meilisearch once it answers again', async () => {
    await meili.start();
    const res = await eventually(
      () => api.json(FILTERS),
      (r) => r.body.engine === 'meilisearch',
      'meilisearch',
    );
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(before.total);
    const ready = await api.json('/api/v1/ready');
    expect(ready.status).toBe(200);
  });
});
