import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MatchDataCache } from '../match/match-data.cache';
import { createSeededStore, type TempStore } from '../testing/seed-store';
import { rebuildSqliteSearchIndex } from './rebuild';
import { loadSearchDocuments } from './search-document';
import type { SearchEngine } from './search-engine';
import { SearchResultCache, stableKey } from './search-result.cache';
import { createSearchService, type SearchService } from './search.service';
import { SqliteSearchEngine } from './sqlite.search-engine';

let store: TempStore;
let engine: SqliteSearchEngine;
let cache: SearchResultCache;
let service: SearchService;

beforeAll(async () => {
  store = await createSeededStore();
  await store.db.transaction().execute((trx) => rebuildSqliteSearchIndex(trx));
  engine = new SqliteSearchEngine(store);
  cache = new SearchResultCache();
  service = createSearchService({ engine, data: new MatchDataCache(store.db), cache });
});
afterAll(async () => {
  await store?.dispose();
});

describe('search result cache', () => {
  it('answers a repeated search with the same bytes, and the same search written differently too', async () => {
    const first = await service.searchEncoded({ q: 'nurse', country: ['IE', 'NL'] });
    const { took_ms: _a, ...cached } = JSON.parse(first.body.toString('utf8'));
    const { took_ms: _b, ...computed } = await service.search({ q: 'nurse', country: ['IE', 'NL'] });
    expect(cached).toEqual(computed);
    expect(await service.searchEncoded({ q: 'nurse', country: ['IE', 'NL'] })).toBe(first);
    // other order of values, other spacing, other case (the same plan)
    expect(await service.searchEncoded({ country: ['NL', 'IE'], q: '  nurse ' })).toBe(first);
    expect(await service.searchEncoded({ q: 'nurse', country: ['IE', 'NL'], page: 2 })).not.toBe(first);
    expect(await service.searchEncoded({ q: 'nurse', country: ['IE'] })).not.toBe(first);
  });

  it('compresses once, to bytes that decompress to the JSON', async () => {
    const result = await service.searchEncoded({ q: 'language course' });
    const gzip = result.encoded('gzip');
    expect(result.encoded('gzip')).toBe(gzip);
    expect(gunzipSync(gzip)).toEqual(result.body);
    expect(brotliDecompressSync(result.encoded('br'))).toEqual(result.body);
  });

  it('never answers from before a listing changed (the generation moves)', async () => {
    const query = { q: 'welding', country: ['HU' as const] };
    const before = await service.searchEncoded(query);
    const [doc] = await loadSearchDocuments(store.db, ['hu-kalunba']);
    expect(doc).toBeDefined();
    await engine.upsert([{ ...doc!, name: 'Welding jobs with Kalunba', countries: ['HU'] }]);
    const after = await service.searchEncoded(query);
    expect(after).not.toBe(before);
    expect(after.response.hits.map((h) => h.id)).toContain('hu-kalunba');
    expect(await service.searchEncoded(query)).toBe(after);
  });

  it('keeps no answer of a stand-in engine (the embedded one while Meilisearch is down)', async () => {
    // What the API's fallback wrapper is: named after Meilisearch, answering from the embedded engine.
    const standIn: SearchEngine = {
      name: 'meilisearch',
      search: (query) => engine.search(query),
      rebuild: () => Promise.resolve(),
      upsert: () => Promise.resolve(),
      remove: () => Promise.resolve(),
      ping: () => Promise.resolve(true),
      close: () => Promise.resolve(),
    };
    const fallback = createSearchService({ engine: standIn, data: new MatchDataCache(store.db), cache });
    const first = await fallback.searchEncoded({ q: 'mentor' });
    expect(first.response.engine).toBe('sqlite');
    expect(await fallback.searchEncoded({ q: 'mentor' })).not.toBe(first);
  });

  it('drops the least recently used answers beyond its byte budget', async () => {
    const small = new SearchResultCache({ maxBytes: 200_000 });
    const limited = createSearchService({ engine, data: new MatchDataCache(store.db), cache: small });
    for (let page = 1; page <= 30; page++) await limited.searchEncoded({ per_page: 20, page });
    expect(small.size).toBeGreaterThan(0);
    expect(small.size).toBeLessThan(60);
    const newest = await limited.searchEncoded({ per_page: 20, page: 30 });
    expect(await limited.searchEncoded({ per_page: 20, page: 30 })).toBe(newest);
    expect(small.byteSize).toBeLessThanOrEqual(200_000);
  });

  it('counts an answer once however many keys lead to it, and keeps its bytes only', async () => {
    const counted = new SearchResultCache();
    const counting = createSearchService({ engine, data: new MatchDataCache(store.db), cache: counted });
    const answer = await counting.searchEncoded({ q: 'nurse' });
    const once = counted.byteSize;
    // Another request as sent (a key of its own) with the same plan: the same answer, counted once.
    expect(await counting.searchEncoded({ q: 'nurse', ignore: [] })).toBe(answer);
    expect(counted.size).toBe(3);
    expect(counted.byteSize - once).toBe(`q:${stableKey({ q: 'nurse', ignore: [] }, true)}`.length);
    expect(once).toBeLessThan(answer.body.length * 1.3 + 500);
    // Kept as bytes: the object is parsed back from them, equal to what was computed.
    expect(answer.response).not.toBe(answer.response);
    expect(answer.response).toEqual(JSON.parse(answer.body.toString('utf8')));
    expect(answer.engine).toBe('sqlite');
  });

  it('keys filters as sets and plans as lists', () => {
    expect(stableKey({ b: ['y', 'x'], a: 1 }, true)).toBe(stableKey({ a: 1, b: ['x', 'y', 'x'] }, true));
    expect(stableKey({ forms: ['nurse', 'nurs'] })).not.toBe(stableKey({ forms: ['nurs', 'nurse'] }));
  });
});
