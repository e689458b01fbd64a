import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListingRecord } from '@skillway/core';
import { countListings, getListingRecord, openPostgresStore, suggestOccupations } from '@skillway/store';
import { runPostgresSuites, sharedPostgresServer } from '@skillway/store/testing';
import { runIndexer } from './run-indexer';

const REPO_DATA = resolve(import.meta.dirname, '../../data');

/**
 * `npm run index` with DATABASE_URL=postgres://…: the bundled data/ into a real PostgreSQL database
 * (a throwaway cluster), then the same again, which changes nothing.
 */
describe.runIf(runPostgresSuites())('runIndexer on PostgreSQL', () => {
  let url: string;
  beforeAll(async () => {
    url = await (await sharedPostgresServer()).createDatabase();
  });
  afterAll(async () => {
    if (url) await (await sharedPostgresServer()).dropDatabase(url);
  });

  it('loads data/ (taxonomy, listings, stories, its full-text index) and a second run changes nothing', async () => {
    const env = { DATABASE_URL: url };
    const first = await runIndexer({ dataDir: REPO_DATA, env });
    const records = JSON.parse(readFileSync(resolve(REPO_DATA, 'listings.json'), 'utf8')) as ListingRecord[];
    expect(first.dbPath).toBe(url); // no password to hide in a test cluster
    expect(first.dbSize).toBeGreaterThan(1_000_000);
    expect(first.listings.inserted).toBe(records.length);
    expect(first.counts.total).toBe(records.length);
    expect(first.taxonomy.occupations).toBeGreaterThan(3000);
    expect(first.meilisearch).toEqual({ status: 'skipped' });

    const store = await openPostgresStore(url);
    try {
      expect(await getListingRecord(store.db, records[0]!.id)).toMatchObject({ id: records[0]!.id });
      expect((await countListings(store.db)).byOrigin).toEqual({ data: records.length, provider: 0 });
      const nurses = await suggestOccupations(store.db, { q: 'nurse', lang: 'en' });
      expect(nurses.length).toBeGreaterThan(0);
      expect(nurses[0]!.label).toMatch(/nurse/i);
      const stories = await store.db
        .selectFrom('story')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(stories.n).toBeGreaterThan(0);
    } finally {
      await store.close();
    }

    const second = await runIndexer({ dataDir: REPO_DATA, env });
    expect(second.listings).toMatchObject({ inserted: 0, updated: 0, deleted: 0, unchanged: records.length });
    expect(second.taxonomy.unchanged).toBe(true);
  }, 240_000);
});
