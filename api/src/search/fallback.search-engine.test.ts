import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchQuery } from '@skillway/core';
import {
  createSearchEngine,
  MeilisearchSearchEngine,
  rebuildPostgresSearchIndex,
  type EngineSearchResponse,
  type SearchEngine,
} from '@skillway/store/search';
import { freePort, runPostgresSuites, testDatabase, type TestStore } from '@skillway/store/testing';
import { FallbackSearchEngine } from './fallback.search-engine';

/**
 * The backoff logic on its own, with an engine whose health the test switches and a clock it moves.
 * The same behaviour against a real Meilisearch server being stopped and started is in
 * routes/v1/search/search.fallback.test.ts.
 */
class SwitchableEngine implements SearchEngine {
  up = true;
  hang = false;
  searches = 0;
  pings = 0;
  constructor(readonly name: SearchEngine['name']) {}
  async search(query: SearchQuery): Promise<EngineSearchResponse> {
    this.searches++;
    if (this.hang) return new Promise(() => {});
    if (!this.up) throw new Error('connect ECONNREFUSED');
    return {
      hits: [],
      total: 0,
      page: query.page ?? 1,
      per_page: 20,
      facets: {} as never,
      took_ms: 0,
      engine: this.name,
    };
  }
  async ping() {
    this.pings++;
    return this.up;
  }
  async rebuild() {}
  async upsert() {}
  async remove() {}
  async close() {}
}

function setup() {
  const primary = new SwitchableEngine('meilisearch');
  const fallback = new SwitchableEngine('sqlite');
  let now = 1_000_000;
  const engine = new FallbackSearchEngine({
    primary,
    fallback,
    timeoutMs: 50,
    retryMs: 1000,
    maxRetryMs: 4000,
    now: () => now,
  });
  return { primary, fallback, engine, advance: (ms: number) => (now += ms) };
}

describe('FallbackSearchEngine', () => {
  it('serves from the primary while it works', async () => {
    const { engine, fallback } = setup();
    expect((await engine.search({ q: 'nurse' })).engine).toBe('meilisearch');
    expect(fallback.searches).toBe(0);
    expect(engine.state()).toEqual({ engine: 'meilisearch', up: true });
  });

  it('answers from the fallback when the primary fails, and leaves the primary alone during the backoff', async () => {
    const { engine, primary } = setup();
    primary.up = false;
    expect((await engine.search({ q: 'nurse' })).engine).toBe('sqlite');
    expect(engine.state()).toMatchObject({ up: false, last_error: 'connect ECONNREFUSED' });
    const before = { searches: primary.searches, pings: primary.pings };
    for (let i = 0; i < 5; i++) expect((await engine.search({})).engine).toBe('sqlite');
    expect({ searches: primary.searches, pings: primary.pings }).toEqual(before);
  });

  it('answers from the fallback when the primary hangs past the timeout', async () => {
    const { engine, primary } = setup();
    primary.hang = true;
    expect((await engine.search({})).engine).toBe('sqlite');
    expect(engine.state().last_error).toMatch(/did not answer within 50 ms/);
  });

  it('goes back to the primary once the backoff is over and it pings', async () => {
    const { engine, primary, advance } = setup();
    primary.up = false;
    await engine.search({});
    primary.up = true;
    advance(999);
    expect((await engine.search({})).engine).toBe('sqlite');
    advance(1);
    expect((await engine.search({})).engine).toBe('meilisearch');
    expect(engine.state().up).toBe(true);
  });

  it('doubles the wait after each failed probe, up to the maximum', async () => {
    const { engine, primary, advance } = setup();
    primary.up = false;
    await engine.search({});
    const pingsAfter = async (ms: number) => {
      advance(ms);
      const before = primary.pings;
      await engine.search({});
      return primary.pings - before;
    };
    expect(await pingsAfter(1000)).toBe(1); // wait becomes 2000
    expect(await pingsAfter(1999)).toBe(0);
    expect(await pingsAfter(1)).toBe(1); // wait becomes 4000
    expect(await pingsAfter(3999)).toBe(0);
    expect(await pingsAfter(1)).toBe(1); // capped at 4000
    expect(await pingsAfter(4000)).toBe(1);
  });

  it('probe() asks the primary at once, for /ready, and records the answer', async () => {
    const { engine, primary } = setup();
    primary.up = false;
    expect(await engine.probe()).toBe(false);
    expect(engine.state().up).toBe(false);
    primary.up = true;
    expect(await engine.probe()).toBe(true);
    expect((await engine.search({})).engine).toBe('meilisearch');
  });
});

/**
 * A PostgreSQL deployment with Meilisearch down, with real parts: a Meilisearch engine pointed at a
 * loopback port nobody listens on (connections refused) and the Postgres full-text engine on a seeded
 * throwaway PostgreSQL database (pg-store's cluster; skipped without PostgreSQL's binaries, except in CI).
 */
describe.runIf(runPostgresSuites())('FallbackSearchEngine on PostgreSQL', () => {
  let store: TestStore;
  let engine: FallbackSearchEngine;
  beforeAll(async () => {
    store = await testDatabase('postgres').openSeeded();
    await rebuildPostgresSearchIndex(store.db);
    const port = await freePort();
    engine = new FallbackSearchEngine({
      primary: new MeilisearchSearchEngine({ url: `http://127.0.0.1:${port}`, requestTimeoutMs: 1_000 }),
      fallback: createSearchEngine(store, {}),
      timeoutMs: 1_000,
      retryMs: 60_000,
    });
  });
  afterAll(async () => {
    await engine?.close();
    await store?.dispose();
  });

  it('answers from PostgreSQL full-text search, saying so, when Meilisearch refuses connections', async () => {
    expect(engine.fallback.name).toBe('postgres');
    const r = await engine.search({ q: 'nurse', country: ['IE'] });
    expect(r.engine).toBe('postgres');
    expect(r.hits.map((h) => h.id)).toContain('ie-nmbi');
    expect(r.hits.every((h) => h.countries.includes('IE'))).toBe(true);
    expect(engine.state()).toMatchObject({ engine: 'meilisearch', up: false });
    expect(engine.state().last_error).toMatch(/^Request to http:\/\/127.0.0.1:\d+\/multi-search/);
    // /ready's view: search still works (the fallback answers), the primary is reported down
    expect(await engine.ping()).toBe(true);
    expect(await engine.probe()).toBe(false);
  });
});
