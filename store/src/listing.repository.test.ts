import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ListingRecord } from '@skillway/core';
import { sql } from 'kysely';
import type { Store } from './db';
import { describeEachDatabase, type TestStore } from './testing/test-databases';
import {
  countListings,
  getListingDetail,
  getListingRecord,
  listListingRecords,
  listingContentHash,
  replaceDataListings,
  stableJson,
  upsertListing,
} from './listing.repository';
import { fixtureListing as listing } from './testing/listing-fixture';

const T1 = '2026-11-01T00:00:00.000Z';
const T2 = '2026-11-02T00:00:00.000Z';
const T3 = '2026-11-03T00:00:00.000Z';

const org = listing('ie-org', { kind: 'organisation', name: 'An organisation', categories: ['information'] });
const service = listing('ie-org-service', {
  organisation: 'ie-org',
  occupations: ['2221', '22'],
  skills: ['nursing', 'English'],
  languages: ['en', 'ar', 'uk'],
  delivery: ['in-person', 'online'],
  checked_at: '2026-11-22',
  active: null,
  text_lang: 'en',
  eligibility: { statuses: ['refugee', 'temporary-protection'], note: 'Adults living in Dublin.' },
  documents: 'Your residence permit.',
  how_to_apply: 'Phone to book an appointment.',
  fees: 'Free for the first assessment.',
  locations: [
    {
      name: 'Main office',
      address: '1 Main Street',
      city: 'Dublin',
      postcode: 'D01 X2Y3',
      latitude: 53.35,
      longitude: -6.26,
    },
    { city: 'Cork', accessibility: 'Step-free entrance.' },
  ],
  schedules: [{ days: ['mo', 'tu'], opens: '09:00', closes: '13:00', note: 'drop-in' }],
  hours_note: 'Closed in August.',
  phones: [{ number: '+353 1 234 5678', description: 'appointments' }],
  emails: [{ address: 'info@example.org' }],
  service_area: { regions: ['Leinster'], cities: ['Dublin', 'Cork'] },
  texts: {
    ar: {
      name: 'منظمة',
      summary: 'ملخص الخدمة باللغة العربية هنا.',
      status: 'machine',
      from: 'en',
      from_hash: '0123456789abcdef',
    },
    ga: { name: 'Eagraíocht', status: 'original' },
  },
});

/** Every table, every row, in a fixed order: two equal dumps mean two equal databases. */
async function dump(store: Store): Promise<Record<string, unknown[]>> {
  const tables = (
    store.dialect === 'postgres'
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = 'public' order by table_name`.execute(store.db)
      : await sql<{ name: string }>`select name from sqlite_master
          where type = 'table' and name not like 'sqlite_%' order by name`.execute(store.db)
  ).rows.map((r) => r.name);
  const out: Record<string, unknown[]> = {};
  for (const table of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(store.db);
    out[table] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

let store: TestStore;

describeEachDatabase('listing repository', (database) => {
  beforeEach(async () => {
    store = await database.openEmpty();
  });
  afterEach(async () => {
    await store.dispose();
  });

  describe('replaceDataListings', () => {
    it('inserts records and reads them back unchanged, multi-valued fields in order', async () => {
      const result = await replaceDataListings(store.db, [service, org], T1);
      expect(result).toEqual({ inserted: 2, updated: 0, deleted: 0, unchanged: 0, overridden: [] });
      expect(await getListingRecord(store.db, 'ie-org-service')).toEqual(service);
      expect(await getListingRecord(store.db, 'ie-org')).toEqual(org);
      expect(await getListingRecord(store.db, 'ie-missing')).toBeUndefined();
      expect(await listListingRecords(store.db)).toEqual([org, service]);
      const values = await store.db
        .selectFrom('listing_value')
        .select(['value', 'position'])
        .where('listing_id', '=', 'ie-org-service')
        .where('field', '=', 'languages')
        .orderBy('position')
        .execute();
      expect(values).toEqual([
        { value: 'en', position: 0 },
        { value: 'ar', position: 1 },
        { value: 'uk', position: 2 },
      ]);
    });

    it('is idempotent: a second run with the same records leaves every table identical', async () => {
      await replaceDataListings(store.db, [org, service], T1);
      const before = await dump(store);
      const again = await replaceDataListings(store.db, [org, service], T2);
      expect(again).toEqual({ inserted: 0, updated: 0, deleted: 0, unchanged: 2, overridden: [] });
      expect(await dump(store)).toEqual(before);
    });

    it('updates a changed record: new updated_at, same created_at, values rewritten', async () => {
      await replaceDataListings(store.db, [org, service], T1);
      const changed = { ...service, languages: ['fr'], summary: 'Now teaches French to adults too.' };
      const result = await replaceDataListings(store.db, [org, changed], T2);
      expect(result).toMatchObject({ inserted: 0, updated: 1, unchanged: 1, deleted: 0 });
      expect(await getListingRecord(store.db, service.id)).toEqual(changed);
      const row = await store.db
        .selectFrom('listing')
        .select(['created_at', 'updated_at'])
        .where('id', '=', service.id)
        .executeTakeFirst();
      expect(row).toEqual({ created_at: T1, updated_at: T2 });
      const orgRow = await store.db
        .selectFrom('listing')
        .select('updated_at')
        .where('id', '=', org.id)
        .executeTakeFirst();
      expect(orgRow).toEqual({ updated_at: T1 });
    });

    it('removes data listings that left the data, with their values', async () => {
      const other = listing('ie-other');
      await replaceDataListings(store.db, [org, service, other], T1);
      const result = await replaceDataListings(store.db, [other], T2);
      expect(result).toMatchObject({ deleted: 2, unchanged: 1 });
      expect((await listListingRecords(store.db)).map((r) => r.id)).toEqual(['ie-other']);
      const left = await store.db.selectFrom('listing_value').select('listing_id').distinct().execute();
      expect(left.map((r) => r.listing_id)).toEqual(['ie-other']);
    });

    it('never touches provider listings, and lets a provider version win over a data record', async () => {
      await replaceDataListings(store.db, [org], T1);
      const submitted = listing('ie-provider-service', { organisation: 'ie-org' });
      expect(await upsertListing(store.db, submitted, 'provider', T1)).toBe('inserted');
      const edited = { ...org, summary: 'The organisation edited its own summary.' };
      expect(await upsertListing(store.db, edited, 'provider', T2)).toBe('updated');

      const result = await replaceDataListings(store.db, [org], T3);
      expect(result).toEqual({ inserted: 0, updated: 0, deleted: 0, unchanged: 0, overridden: ['ie-org'] });
      expect(await getListingRecord(store.db, 'ie-org')).toEqual(edited);
      expect(await getListingRecord(store.db, 'ie-provider-service')).toEqual(submitted);

      // Emptying the data removes no provider rows.
      await replaceDataListings(store.db, [], T3);
      expect((await countListings(store.db)).byOrigin).toEqual({ data: 0, provider: 2 });
    });

    it('refuses to remove an organisation that a provider listing belongs to, and changes nothing', async () => {
      await replaceDataListings(store.db, [org], T1);
      await upsertListing(store.db, listing('ie-provider-service', { organisation: 'ie-org' }), 'provider', T1);
      const before = await dump(store);
      await expect(replaceDataListings(store.db, [], T2)).rejects.toThrow(
        'cannot remove organisations that provider listings still belong to: ie-provider-service (belongs to ie-org)',
      );
      expect(await dump(store)).toEqual(before);
    });

    it('writes a set of 10,000 listings with about 10 values each', async () => {
      const records = Array.from({ length: 10_000 }, (_, i) =>
        listing(`nl-generated-${i}`, {
          countries: ['NL'],
          categories: ['job-matching', 'mentoring'],
          skills: [`skill ${i % 97}`, 'Dutch'],
          languages: ['nl', 'en'],
        }),
      );
      const progress: number[] = [];
      const result = await replaceDataListings(store.db, records, T1, (done) => progress.push(done));
      expect(result.inserted).toBe(10_000);
      expect(progress.at(-1)).toBe(10_000);
      const values = await store.db
        .selectFrom('listing_value')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(values.n).toBe(10_000 * 9);
      expect((await replaceDataListings(store.db, records, T2)).unchanged).toBe(10_000);
    });
  });

  describe('upsertListing', () => {
    it('reports inserted, unchanged and updated, moving updated_at only on change', async () => {
      expect(await upsertListing(store.db, org, 'provider', T1)).toBe('inserted');
      expect(await upsertListing(store.db, org, 'provider', T2)).toBe('unchanged');
      const dates = () => store.db.selectFrom('listing').select(['created_at', 'updated_at']).executeTakeFirstOrThrow();
      expect((await dates()).updated_at).toBe(T1);
      expect(await upsertListing(store.db, { ...org, city: 'Cork' }, 'provider', T3)).toBe('updated');
      expect(await dates()).toEqual({ created_at: T1, updated_at: T3 });
    });
  });

  describe('getListingDetail', () => {
    it('adds the organisation, its services, related listings and updated_at', async () => {
      const related = [
        listing('ie-ended', { active: false, categories: ['qualification-recognition'] }),
        listing('ie-unknown', { active: null }),
        listing('ie-b-active', { categories: ['qualification-recognition', 'information'] }),
        listing('ie-a-active'),
        listing('nl-elsewhere', { countries: ['NL'] }),
        listing('ie-other-category', { categories: ['mentoring'] }),
        ...Array.from({ length: 5 }, (_, i) => listing(`ie-z-filler-${i}`, { active: null })),
      ];
      await replaceDataListings(store.db, [org, service, ...related], T1);

      const detail = await getListingDetail(store.db, 'ie-org-service');
      expect(detail).toMatchObject({
        ...service,
        organisation: { id: 'ie-org', kind: 'organisation', name: 'An organisation' },
      });
      expect(detail?.services).toEqual([]);
      expect(detail?.updated_at).toBe(T1);
      // Same country and a shared category; active first, then unknown; ended ones would come last.
      expect(detail?.related.map((r) => r.id)).toEqual([
        'ie-a-active',
        'ie-b-active',
        'ie-unknown',
        'ie-z-filler-0',
        'ie-z-filler-1',
        'ie-z-filler-2',
      ]);

      const orgDetail = await getListingDetail(store.db, 'ie-org');
      expect(orgDetail?.organisation).toBeNull();
      expect(orgDetail?.services).toEqual([{ id: 'ie-org-service', kind: 'service', name: 'Listing ie-org-service' }]);
      expect(orgDetail?.related.map((r) => r.id)).toEqual(['ie-b-active']);
      expect(await getListingDetail(store.db, 'ie-nothing')).toBeUndefined();
    });
  });

  describe('countListings', () => {
    it('counts per kind, per country (a listing in two countries counts twice) and per origin', async () => {
      await replaceDataListings(store.db, [org, service, listing('ie-two', { countries: ['IE', 'NL'] })], T1);
      const counts = await countListings(store.db);
      expect(counts.total).toBe(3);
      expect(counts.byKind).toEqual({ organisation: 1, service: 2, initiative: 0 });
      expect(counts.byCountry).toMatchObject({ IE: 3, NL: 1, BE: 0 });
      expect(counts.byOrigin).toEqual({ data: 3, provider: 0 });
    });
  });
});

describe('content hash', () => {
  it('does not depend on key order', () => {
    const reordered = Object.fromEntries(Object.entries(service).reverse()) as ListingRecord;
    expect(stableJson(reordered)).toBe(stableJson(service));
    expect(listingContentHash(reordered)).toBe(listingContentHash(service));
    expect(listingContentHash({ ...service, skills: ['English', 'nursing'] })).not.toBe(listingContentHash(service));
  });
});
