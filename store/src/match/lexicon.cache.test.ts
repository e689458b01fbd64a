import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../db';
import { replaceDataListings } from '../listing.repository';
import { replaceTaxonomy, type Taxonomy } from '../taxonomy.repository';
import { LexiconCache } from './lexicon.cache';
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
let now = 0;
const clock = () => now;

beforeEach(async () => {
  store = await openStore(':memory:');
  await store.db.transaction().execute((trx) => replaceTaxonomy(trx, taxonomy('specialist nurse')));
  await replaceDataListings(store.db, [fixtureListing('one', { skills: ['nursing'] })]);
  now = 1_000_000;
});
afterEach(async () => {
  await store.close();
});

describe('LexiconCache', () => {
  it('builds once and serves the same lexicon while nothing changes', async () => {
    const cache = new LexiconCache(store.db, { now: clock });
    const [a, b] = await Promise.all([cache.get(), cache.get()]);
    expect(a).toBe(b);
    expect(await cache.get()).toBe(a);
  });

  it('rebuilds when the indexer has replaced the taxonomy', async () => {
    const cache = new LexiconCache(store.db, { now: clock });
    const before = await cache.get();
    expect(before.interpreter.interpret('midwife').occupations).toEqual([]);
    await store.db.transaction().execute((trx) => replaceTaxonomy(trx, taxonomy('specialist midwife')));
    const after = await cache.get();
    expect(after).not.toBe(before);
    expect(after.interpreter.interpret('midwife').occupations.map((o) => o.code)).toEqual(['2221']);
  });

  it('rereads listing tags once they are older than the TTL, and only then', async () => {
    const cache = new LexiconCache(store.db, { now: clock, tagTtlMs: 1000 });
    const first = await cache.get();
    expect(first.tags.tags.map((t) => t.value)).toEqual(['nursing']);
    await replaceDataListings(store.db, [fixtureListing('one', { skills: ['nursing', 'PLAB exam'] })]);
    now += 999;
    expect((await cache.get()).tags.tags.map((t) => t.value)).toEqual(['nursing']);
    now += 1;
    const fresh = await cache.get();
    expect(fresh.tags.tags.map((t) => t.value)).toEqual(['PLAB exam', 'nursing']);
    expect(fresh.interpreter.interpret('PLAB').skills.map((s) => s.concept)).toEqual(['tag:PLAB exam']);
    expect(fresh.taxonomy).toBe(first.taxonomy);
  });
});
