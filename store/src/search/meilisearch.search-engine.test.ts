import { randomBytes } from 'node:crypto';
import { Meilisearch } from 'meilisearch';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveOccupationUris } from '../taxonomy.repository';
import { startMeilisearch, type MeilisearchServer } from '../testing/meilisearch-server';
import { createSeededStore, readSeedListings, type TempStore } from '../testing/seed-store';
import { filterValue, MeilisearchSearchEngine, type MeilisearchConnection } from './meilisearch.search-engine';
import { MEILI_SETTINGS, meiliIndexUid } from './meilisearch.settings';
import { rebuildMeilisearchIndex } from './rebuild';
import { loadSearchDocuments, occupationLabelLookup } from './search-document';
import { describeSearchContract } from './search.contract';

let server: MeilisearchServer;
let store: TempStore;
let connection: MeilisearchConnection;
let engine: MeilisearchSearchEngine;

describeSearchContract('meilisearch', async () => {
  [server, store] = await Promise.all([startMeilisearch(), createSeededStore()]);
  connection = {
    url: server.url,
    apiKey: server.apiKey,
    indexPrefix: `contract-${randomBytes(4).toString('hex')}-`,
    resolveOccupationUris: (uris) => resolveOccupationUris(store.db, uris),
    occupationLabels: occupationLabelLookup(store.db),
  };
  await rebuildMeilisearchIndex(store.db, connection);
  engine = new MeilisearchSearchEngine(connection);
  return { engine, documents: await loadSearchDocuments(store.db), db: store.db };
});

afterAll(async () => {
  await server?.dispose();
  await store?.dispose();
});

describe('meilisearch engine', () => {
  const client = () => new Meilisearch({ host: server.url, apiKey: server.apiKey });

  it('turns listings stale as the date passes 12 months after their newest confirmation or check', async () => {
    const uid = meiliIndexUid(connection.indexPrefix);
    const [doc] = await loadSearchDocuments(store.db, ['ie-nmbi']);
    const stale = async () =>
      (
        await client()
          .index(uid)
          .getDocument('ie-nmbi', { fields: ['stale', 'fresh_since_day'] })
      ).stale;
    await engine.upsert([{ ...doc!, fresh: { checked: '2026-06-01', since: '2026-06-01' } }]);
    expect(await stale()).toBe(0);
    // days before the 12 months are over it stays fresh (older listings may turn); after, it turns, once
    await engine.refreshStale(new Date('2027-05-30T00:00:00Z'));
    expect(await stale()).toBe(0);
    expect(await engine.refreshStale(new Date('2027-06-10T00:00:00Z'))).toBeGreaterThanOrEqual(1);
    expect(await stale()).toBe(1);
    expect(await engine.refreshStale(new Date('2027-06-10T00:00:00Z'))).toBe(0);
    await engine.upsert([doc!]);
    expect(await stale()).toBe(0);
  });

  it('quotes filter values so that no value can end the string', () => {
    expect(filterValue('BE')).toBe('"BE"');
    expect(filterValue('a"b\\')).toBe('"a\\"b\\\\"');
  });

  it('keeps its settings in the live index, and a rebuild swaps in a complete new index', async () => {
    const uid = meiliIndexUid(connection.indexPrefix);
    const before = await client().index(uid).getRawInfo();
    await rebuildMeilisearchIndex(store.db, connection);
    const after = await client().index(uid).getRawInfo();
    expect(after.createdAt).not.toBe(before.createdAt);
    const settings = await client().index(uid).getSettings();
    expect(settings.searchableAttributes).toEqual(MEILI_SETTINGS.searchableAttributes);
    expect(settings.sortableAttributes).toEqual(MEILI_SETTINGS.sortableAttributes);
    expect(settings.pagination?.maxTotalHits).toBe(MEILI_SETTINGS.pagination.maxTotalHits);
    expect((await client().index(uid).getStats()).numberOfDocuments).toBe(readSeedListings().length);
    const { results } = await client().getIndexes({ limit: 100 });
    expect(results.map((i) => i.uid).filter((u) => u.startsWith(connection.indexPrefix!))).toEqual([uid]);
  });

  it('rebuilds from many uploads without waiting for each: progress counts indexed documents up to the total', async () => {
    const prefix = `uploads-${randomBytes(4).toString('hex')}-`;
    const small = new MeilisearchSearchEngine({ ...connection, indexPrefix: prefix, uploadBatch: 7 });
    const documents = await loadSearchDocuments(store.db);
    const progress: [number, number][] = [];
    try {
      await small.rebuild(documents, (done, total) => progress.push([done, total]));
      const index = client().index(meiliIndexUid(prefix));
      expect((await index.getStats()).numberOfDocuments).toBe(documents.length);
      // (a swap moves the tasks' history to the index's final name)
      const uploads = (
        await client().tasks.getTasks({
          indexUids: [meiliIndexUid(prefix), `${meiliIndexUid(prefix)}_next`],
          types: ['documentAdditionOrUpdate'],
          limit: 1_000,
        })
      ).results;
      expect(uploads).toHaveLength(Math.ceil(documents.length / 7));
      expect(progress[0]).toEqual([0, documents.length]);
      expect(progress.at(-1)).toEqual([documents.length, documents.length]);
      expect(progress.map(([done]) => done)).toEqual([...progress.map(([done]) => done)].sort((a, b) => a - b));
    } finally {
      await client().deleteIndex(meiliIndexUid(prefix)).waitTask();
      await small.close();
    }
  });

  it('a rebuild with a document Meilisearch refuses fails with its reason and leaves the live index as it was', async () => {
    const uid = meiliIndexUid(connection.indexPrefix);
    const before = await client().index(uid).getRawInfo();
    const small = new MeilisearchSearchEngine({ ...connection, uploadBatch: 3 });
    const documents = await loadSearchDocuments(store.db);
    const broken = documents.map((d, i) => (i === 10 ? { ...d, id: 'not a valid id!' } : d));
    try {
      await expect(small.rebuild(broken)).rejects.toThrow(/invalid_document_id/);
      const after = await client().index(uid).getRawInfo();
      expect(after.createdAt).toBe(before.createdAt);
      expect((await client().index(uid).getStats()).numberOfDocuments).toBe(readSeedListings().length);
    } finally {
      await small.close();
    }
  });

  it('reports a failed task with the reason Meilisearch gives', async () => {
    const [doc] = await loadSearchDocuments(store.db, ['ie-nmbi']);
    await expect(engine.upsert([{ ...doc!, id: 'not a valid id!' }])).rejects.toThrow(/invalid_document_id/);
  });

  it('answers ping only while the server runs; after a restart on the same port the data is still there', async () => {
    expect(await engine.ping()).toBe(true);
    const port = server.port;
    await server.stop();
    expect(server.running).toBe(false);
    expect(await engine.ping()).toBe(false);
    await expect(engine.search({ q: 'nurse' })).rejects.toThrow();
    await server.start();
    expect(server.port).toBe(port);
    expect(await engine.ping()).toBe(true);
    expect((await engine.search({ q: 'nurse' })).total).toBeGreaterThan(0);
  });
});
