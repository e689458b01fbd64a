import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../db';
import { createSeededStore, type TempStore } from '../testing/seed-store';
import { loadSearchDocuments } from './search-document';
import { rebuildSqliteSearchIndex } from './rebuild';
import { describeSearchContract } from './search.contract';
import { SqliteSearchEngine } from './sqlite.search-engine';

let store: TempStore;

describeSearchContract('sqlite', async () => {
  store = await createSeededStore();
  // As the indexer does it: inside its transaction, through that transaction only.
  await store.db.transaction().execute((trx) => rebuildSqliteSearchIndex(trx));
  // The store itself, as createSearchEngine passes it: reads go through its better-sqlite3 handle.
  return { engine: new SqliteSearchEngine(store), documents: await loadSearchDocuments(store.db), db: store.db };
});

afterAll(async () => {
  await store?.dispose();
});

describe('sqlite engine', () => {
  it('answers from an index that was never built: nothing found, every count zero', async () => {
    const empty = await openStore(':memory:');
    try {
      const engine = new SqliteSearchEngine(empty);
      expect(await engine.ping()).toBe(true);
      const r = await engine.search({ q: 'nurse', country: ['IE'] });
      expect(r).toMatchObject({ hits: [], total: 0, engine: 'sqlite' });
      expect(r.facets.country.every((c) => c.count === 0)).toBe(true);
    } finally {
      await empty.close();
    }
  });

  it('sees writes made through another engine instance (its cache follows the index generation)', async () => {
    const reader = new SqliteSearchEngine(store.db);
    const writer = new SqliteSearchEngine(store.db);
    const before = await reader.search({ country: ['HU'] });
    const [doc] = await loadSearchDocuments(store.db, ['hu-heic-degree-recognition']);
    await writer.remove([doc!.id]);
    expect((await reader.search({ country: ['HU'] })).total).toBe(before.total - 1);
    await writer.upsert([doc!]);
    expect((await reader.search({ country: ['HU'] })).total).toBe(before.total);
  });

  it('reading through Kysely alone gives the same answers as through the better-sqlite3 handle', async () => {
    const queries = [{}, { q: 'nurse', country: ['IE' as const] }, { q: 'language courses' }, { occupation: ['2221'] }];
    const strip = (r: { took_ms: number }) => ({ ...r, took_ms: 0 });
    const viaStore = await Promise.all(queries.map((q) => new SqliteSearchEngine(store).search(q)));
    const viaKysely = await Promise.all(queries.map((q) => new SqliteSearchEngine(store.db).search(q)));
    expect(viaKysely.map(strip)).toEqual(viaStore.map(strip));
  });

  it('gives the same answers whatever its word cache keeps (a byte budget of one evicts every other word)', async () => {
    const queries = [
      { q: 'nurse doctor' },
      { q: 'language courses', country: ['IE' as const] },
      { q: 'nurse' },
      { q: 'recognition of diplomas' },
      { q: 'doctor nurse', page: 2 },
      { q: 'mentoring refugees employers' },
      { q: 'nurse doctor' },
    ];
    const strip = (r: { took_ms: number }) => ({ ...r, took_ms: 0 });
    const tight = new SqliteSearchEngine(store, { wordCacheBytes: 1 });
    const roomy = new SqliteSearchEngine(store);
    for (const q of queries) expect(strip(await tight.search(q))).toEqual(strip(await roomy.search(q)));
  });

  it('a full rebuild from documents gives the same answers as the rebuild from the tables', async () => {
    const engine = new SqliteSearchEngine(store.db);
    const queries = [{}, { q: 'nurse' }, { q: 'language courses', country: ['IE' as const] }, { occupation: ['22'] }];
    const before = await Promise.all(queries.map((q) => engine.search(q)));
    await engine.rebuild(await loadSearchDocuments(store.db));
    const after = await Promise.all(queries.map((q) => engine.search(q)));
    const strip = (r: { took_ms: number }) => ({ ...r, took_ms: 0 });
    expect(after.map(strip)).toEqual(before.map(strip));
  });
});
