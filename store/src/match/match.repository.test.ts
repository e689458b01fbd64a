import { afterAll, beforeAll, expect, it } from 'vitest';
import { listListingRecords } from '../listing.repository';
import { readSeedListings } from '../testing';
import { describeEachDatabase, type TestStore } from '../testing/test-databases';
import { loadMatchedListings } from './match.repository';

/**
 * The one query /match reads its few listings with gives what the listing repository gives for the
 * same ids (the fields a hit and its reasons use), in the order asked, on both databases.
 */
describeEachDatabase('loadMatchedListings', (database) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await database.openSeeded();
  });
  afterAll(async () => {
    await store.close();
  });

  it('reads the listings in the order of the ids, with their values in their order', async () => {
    const seed = readSeedListings();
    // Listings with several values per field and an organisation among them, asked out of id order.
    const picked = seed
      .filter((l) => l.countries.length + l.categories.length + l.languages.length > 4)
      .slice(0, 6)
      .concat(seed.filter((l) => l.organisation !== null).slice(0, 2))
      .map((l) => l.id)
      .reverse();
    const ids = [...new Set([...picked, 'no-such-listing'])];
    const codes = new Map([['http://example.org/occupation', '2221']]);
    const matched = await loadMatchedListings(store.db, ids, (uri) => codes.get(uri));
    expect(matched.map((m) => m.record.id)).toEqual(ids.filter((id) => id !== 'no-such-listing'));

    const whole = new Map((await listListingRecords(store.db, ids)).map((r) => [r.id, r]));
    for (const { record, organisationName } of matched) {
      const r = whole.get(record.id)!;
      expect(record).toEqual({
        id: r.id,
        kind: r.kind,
        name: r.name,
        summary: r.summary,
        countries: r.countries,
        city: r.city,
        categories: r.categories,
        audiences: r.audiences,
        occupations: r.occupations,
        skills: r.skills,
        languages: r.languages,
        cost: r.cost,
        delivery: r.delivery,
        active: r.active,
        organisation: r.organisation,
        url: r.url,
      });
      const organisation = seed.find((l) => l.id === r.organisation);
      expect(organisationName).toBe(organisation?.name ?? null);
    }
    expect(matched.some((m) => m.record.languages.length > 1)).toBe(true);
    expect(matched.some((m) => m.organisationName !== null)).toBe(true);
  });

  it('resolves ESCO occupation URIs to ISCO codes through the lookup, keeping ISCO codes as they are', async () => {
    const withOccupations = readSeedListings().filter((l) => l.occupations.length > 0);
    const ids = withOccupations.map((l) => l.id);
    const matched = await loadMatchedListings(store.db, ids, (uri) => (uri.startsWith('http') ? '9999' : undefined));
    expect(matched.length).toBe(ids.length);
    for (const m of matched) {
      expect(m.occupationCodes).toEqual(m.record.occupations.map((ref) => (ref.startsWith('http') ? '9999' : ref)));
    }
    expect(await loadMatchedListings(store.db, [], () => undefined)).toEqual([]);
  });
});
