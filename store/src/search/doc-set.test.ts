import { describe, expect, it } from 'vitest';
import { DocSet } from './doc-set';

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
});
