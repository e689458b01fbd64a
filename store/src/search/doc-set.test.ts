import { describe, expect, it } from 'vitest';
import { DocSet, FacetCounter } from './doc-set';

describe('DocSet', () => {
  it('adds, removes, counts and lists ids across word boundaries', () => {
    const set = DocSet.fromIds([0, 31, 32, 63, 64, 1000]);
    expect([...set.ids()]).toEqual([0, 31, 32, 63, 64, 1000]);
    expect(set.count()).toBe(6);
    set.delete(31);
    set.add(5000);
    expect(set.has(31)).toBe(false);
    expect(set.has(5000)).toBe(true);
    expect(set.count()).toBe(6);
  });

  it('intersects and unites sets of different lengths', () => {
    const a = DocSet.fromIds([1, 2, 3, 100]);
    const b = DocSet.fromIds([2, 3, 4]);
    expect([...a.clone().and(b).ids()]).toEqual([2, 3]);
    expect([...b.clone().or(a).ids()]).toEqual([1, 2, 3, 4, 100]);
    expect(a.countAnd(b)).toBe(2);
    expect([...DocSet.full(35).ids()]).toEqual(Array.from({ length: 35 }, (_, i) => i));
  });

  it('round-trips through both encodings, choosing the smaller', () => {
    const sparse = DocSet.fromIds([7, 90_000]);
    const dense = DocSet.fromIds(Array.from({ length: 5_000 }, (_, i) => i * 2));
    expect(sparse.encode()[0]).toBe(0);
    expect(sparse.encode().length).toBe(9);
    expect(dense.encode()[0]).toBe(1);
    expect([...DocSet.decode(sparse.encode()).ids()]).toEqual([7, 90_000]);
    expect([...DocSet.decode(dense.encode()).ids()]).toEqual([...dense.ids()]);
    expect(DocSet.decode(DocSet.empty().encode()).count()).toBe(0);
  });

  it('counts intersections over only the non-empty words of sparse candidates, as countAnd does', () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const randomSet = (size: number, share: number) =>
      DocSet.fromIds(
        Array.from({ length: size }, (_, i) => i).filter(() => random() < share),
        size,
      );
    for (const share of [0, 0.001, 0.02, 0.3, 0.9]) {
      const candidates = randomSet(5_000, share);
      const counter = new FacetCounter(candidates);
      for (const other of [randomSet(5_000, 0.5), randomSet(3_000, 0.1), DocSet.empty(), DocSet.full(6_000)])
        expect(counter.countAnd(other)).toBe(candidates.clone().and(other).count());
    }
    expect(DocSet.empty(100).isEmpty()).toBe(true);
    expect(DocSet.fromIds([99]).isEmpty()).toBe(false);
  });
});
