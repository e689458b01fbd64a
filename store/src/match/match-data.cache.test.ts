import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../db';
import { replaceDataListings, upsertListing } from '../listing.repository';
import { rebuildSqliteSearchIndex } from '../search/rebuild';
import { replaceTaxonomy, type Taxonomy } from '../taxonomy.repository';
import { MatchDataCache } from './match-data.cache';
import { fixtureListing } from './match.fixture';

const occ = (n: number) =>
  `http://data.europa.eu/esco/occupation/00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;

function taxonomy(label: string): Taxonomy {
  return {
    iscoGroups: [
      { code: '2', level: 1, labels: { en: 'Professionals' } },
      { code: '22', level: 2, labels: { en: 'Health professionals' } },
      { code: '222', level: 3, labels: { en: 'Nursing and midwifery professionals' } },
      { code: '2221', level: 4, labels: { en: 'Nursing professionals' } },
    ],
    occupations: [{ uri: occ(1), code: '2221.1', isco: '2221', labels: { en: label } }],
    skills: [],
    occupationSkills: {},
  };
}

let store: Store;

beforeEach(async () => {
  store = await openStore(':memory:');
  await store.db.transaction().execute((trx) => replaceTaxonomy(trx, taxonomy('specialist nurse')));
  await replaceDataListings(store.db, [fixtureListing('one', { skills: ['nursing'], occupations: [occ(1)] })]);
});
afterEach(async () => {
  await store.close();
});

const rebuildIndex = () => store.db.transaction().execute((trx) => rebuildSqliteSearchIndex(trx));

describe('MatchDataCache', () => {
  it('builds once and serves the same data while nothing changes, to concurrent callers too', async () => {
    await rebuildIndex();
    const cache = new MatchDataCache(store.db);
    const [a, b] = await Promise.all([cache.get(), cache.get()]);
    expect(a).toBe(b);
    expect(await cache.get()).toBe(a);
    expect(a.listings.ids).toEqual(['one']);
    // the listing's ESCO URI is held as its ISCO unit group
    expect(a.listings.occupations.values).toEqual(['2221']);
  });

  it('rebuilds the lexicon when the indexer has replaced the taxonomy', async () => {
    const cache = new MatchDataCache(store.db);
    const before = await cache.get();
    expect(before.interpreter.interpret('midwife').occupations).toEqual([]);
    await store.db.transaction().execute((trx) => replaceTaxonomy(trx, taxonomy('specialist midwife')));
    const after = await cache.get();
    expect(after).not.toBe(before);
    expect(after.interpreter.interpret('midwife').occupations.map((o) => o.code)).toEqual(['2221']);
  });

  it('reloads listings and their tags when the search generation moves, and keeps the taxonomy', async () => {
    await rebuildIndex();
    const cache = new MatchDataCache(store.db);
    const first = await cache.get();
    expect(first.tags.tags.map((t) => t.value)).toEqual(['nursing']);

    // Written but not yet indexed: not visible, exactly as in /search.
    await upsertListing(store.db, fixtureListing('two', { skills: ['PLAB exam'] }), 'provider');
    expect(await cache.get()).toBe(first);

    await rebuildIndex();
    const fresh = await cache.get();
    expect(fresh.listings.ids).toEqual(['one', 'two']);
    expect(fresh.tags.tags.map((t) => t.value)).toEqual(['PLAB exam', 'nursing']);
    expect(fresh.interpreter.interpret('PLAB').skills.map((s) => s.concept)).toEqual(['tag:PLAB exam']);
    expect(fresh.taxonomy).toBe(first.taxonomy);
  });

  it('answers from the previous listings while a slow reload runs, then from the new ones', async () => {
    await rebuildIndex();
    // Every reload counts as slow here.
    const cache = new MatchDataCache(store.db, { backgroundReloadAfterMs: -1 });
    const first = await cache.get();
    await upsertListing(store.db, fixtureListing('two'), 'provider');
    await rebuildIndex();
    expect(await cache.get()).toBe(first);
    await cache.whenIdle();
    expect((await cache.get()).listings.ids).toEqual(['one', 'two']);
  });

  it('falls back to a fingerprint of the listing table when there is no search index', async () => {
    const cache = new MatchDataCache(store.db);
    const first = await cache.get();
    expect(await cache.get()).toBe(first);
    await replaceDataListings(store.db, [fixtureListing('one'), fixtureListing('three')], '2030-01-01T00:00:00.000Z');
    expect((await cache.get()).listings.ids).toEqual(['one', 'three']);
  });

  it('leaves ended listings out of the snapshot', async () => {
    await replaceDataListings(store.db, [
      fixtureListing('ended', { active: false }),
      fixtureListing('open', { active: null }),
    ]);
    const data = await new MatchDataCache(store.db).get();
    expect(data.listings.ids).toEqual(['open']);
    expect([...data.listings.knownActive]).toEqual([0]);
  });
});
