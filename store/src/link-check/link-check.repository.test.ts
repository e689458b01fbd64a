import { afterEach, beforeEach, expect, it } from 'vitest';
import { replaceDataListings } from '../listing.repository';
import { fixtureListing } from '../testing/listing-fixture';
import { describeEachDatabase, type TestStore } from '../testing/test-databases';
import { listBrokenLinks, listLinks, saveLinkResults } from './link-check.repository';
import type { LinkResult } from './link-checker';

const T1 = '2026-11-01T00:00:00.000Z';
const T2 = '2026-11-02T00:00:00.000Z';
let store: TestStore;

const result = (overrides: Partial<LinkResult> & Pick<LinkResult, 'listing_id' | 'field' | 'url'>): LinkResult => ({
  status: 200,
  location: null,
  error: null,
  broken: false,
  ...overrides,
});

describeEachDatabase('link check repository', (database) => {
  beforeEach(async () => {
    store = await database.openEmpty();
    await replaceDataListings(
      store.db,
      [
        fixtureListing('ie-a', { name: 'A', url: 'https://a.example/', source_url: 'https://src.example/a' }),
        fixtureListing('ie-b', { name: 'B', url: 'https://b.example/', source_url: 'https://src.example/b' }),
      ],
      T1,
    );
  });
  afterEach(() => store.dispose());

  it('lists every url and source_url, keeps one result per link, and lists the broken ones still current', async () => {
    expect(await listLinks(store.db)).toEqual([
      { listing_id: 'ie-a', field: 'url', url: 'https://a.example/' },
      { listing_id: 'ie-a', field: 'source_url', url: 'https://src.example/a' },
      { listing_id: 'ie-b', field: 'url', url: 'https://b.example/' },
      { listing_id: 'ie-b', field: 'source_url', url: 'https://src.example/b' },
    ]);
    await saveLinkResults(
      store.db,
      [
        result({ listing_id: 'ie-a', field: 'url', url: 'https://a.example/', status: 404, broken: true }),
        result({
          listing_id: 'ie-b',
          field: 'url',
          url: 'https://b.example/',
          status: null,
          error: 'timeout',
          broken: true,
        }),
        result({ listing_id: 'ie-b', field: 'source_url', url: 'https://src.example/b' }),
      ],
      T1,
    );
    expect((await listBrokenLinks(store.db)).map((l) => [l.listing_name, l.field, l.status, l.error])).toEqual([
      ['A', 'url', 404, null],
      ['B', 'url', null, 'timeout'],
    ]);

    // A second check replaces the first (an upsert per listing and field): A's link works again.
    await saveLinkResults(store.db, [result({ listing_id: 'ie-a', field: 'url', url: 'https://a.example/' })], T2);
    const rows = await store.db.selectFrom('link_check').selectAll().orderBy('listing_id').orderBy('field').execute();
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ listing_id: 'ie-a', field: 'url', status: 200, broken: 0, checked_at: T2 });
    // B's url changed since it was checked: its old result is not shown as broken.
    await replaceDataListings(
      store.db,
      [
        fixtureListing('ie-a', { name: 'A', url: 'https://a.example/', source_url: 'https://src.example/a' }),
        fixtureListing('ie-b', { name: 'B', url: 'https://b.example/new', source_url: 'https://src.example/b' }),
      ],
      T2,
    );
    expect(await listBrokenLinks(store.db)).toEqual([]);
  });
});
