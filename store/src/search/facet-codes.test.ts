import { describe, expect, it } from 'vitest';
import { createRandom } from '../testing/generate-listings';
import { DocSet } from './doc-set';
import { FacetCodes } from './facet-codes';

function randomSet(random: () => number, size: number, density: number): DocSet {
  const set = DocSet.empty(size);
  for (let id = 0; id < size; id++) if (random() < density) set.add(id);
  return set;
}

describe('FacetCodes', () => {
  it('counts each value among the candidates as a popcount of the intersection does', () => {
    const random = createRandom(3);
    const size = 5_000;
    // values of every kind: common, rare, empty, one id at the very end, a bitmap shorter than the rest
    const sets = [0.5, 0.2, 0.01, 0, 0.9].map((d) => randomSet(random, size, d));
    sets.push(DocSet.fromIds([size - 1]), DocSet.fromIds([3, 40, 41]));
    const codes = new FacetCodes(sets, size);
    expect(codes.perDocument).toBeCloseTo(sets.reduce((n, s) => n + s.count(), 0) / size);
    for (const density of [0, 0.001, 0.05, 0.5, 1]) {
      const candidates = randomSet(random, size, density);
      const counts = codes.count(candidates);
      expect([...counts]).toEqual(sets.map((s) => candidates.countAnd(s)));
    }
    // candidates shorter than the corpus, and longer
    expect([...codes.count(DocSet.fromIds([3, 41]))]).toEqual(sets.map((s) => DocSet.fromIds([3, 41]).countAnd(s)));
    const wide = DocSet.full(size + 100);
    expect([...codes.count(wide)]).toEqual(sets.map((s) => s.count()));
  });

  it('walks few candidates and popcounts many', () => {
    const codes = new FacetCodes([DocSet.full(3_200), DocSet.full(3_200)], 3_200);
    expect(codes.perDocument).toBe(2);
    // 100 words, 70 values: 7,000 word operations
    expect(codes.cheaperThanBitmaps(200, 100, 70)).toBe(true); // 200 × 5 × 4 = 4,000
    expect(codes.cheaperThanBitmaps(400, 100, 70)).toBe(false); // 8,000
  });

  it('holds nothing for an empty corpus', () => {
    const codes = new FacetCodes([DocSet.empty()], 0);
    expect([...codes.count(DocSet.fromIds([1, 2]))]).toEqual([0]);
  });
});
