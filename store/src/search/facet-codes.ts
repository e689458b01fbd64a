import { DocSet } from './doc-set';

/**
 * Every document's facet values as small codes (one per facet value it has, ~12 a listing), so that
 * the facet counts of a candidate set are one walk over its documents instead of one popcount pass per
 * facet value (~70 values, each a pass over all of the set's bitmap words: 3,125 at 100,000 listings).
 * Built once per index generation from the facet bitmaps; the counts are the same as
 * DocSet.countAnd's with each value's bitmap.
 *
 * Which way is cheaper depends on the candidates: walking costs per document, popcounts per bitmap
 * word and value. `cheaperThanBitmaps` says which; a query's matches (a few hundred to a few thousand
 * documents) are walked, half the corpus is popcounted.
 */
export class FacetCodes {
  /** the codes of document `id` are codes[offsets[id]] … codes[offsets[id + 1] - 1] */
  private readonly offsets: Uint32Array;
  private readonly codes: Uint16Array;
  /** codes per document, on average */
  readonly perDocument: number;

  /** `sets[code]` is the bitmap of the value with that code; ids at or past `size` are left out. */
  constructor(
    readonly sets: readonly DocSet[],
    readonly size: number,
  ) {
    if (sets.length > 0xffff) throw new Error(`too many facet values: ${sets.length}`);
    const offsets = new Uint32Array(size + 1);
    // Pass 1: how many codes each document has (kept one place to the right, then summed up).
    for (const set of sets) forEachId(set, size, (id) => offsets[id + 1]!++);
    for (let id = 0; id < size; id++) offsets[id + 1]! += offsets[id]!;
    const codes = new Uint16Array(offsets[size]!);
    const next = offsets.slice(0, size);
    sets.forEach((set, code) => forEachId(set, size, (id) => (codes[next[id]!++] = code)));
    this.offsets = offsets;
    this.codes = codes;
    this.perDocument = size === 0 ? 0 : codes.length / size;
  }

  /**
   * Whether walking `count` documents is cheaper than popcounting `values` bitmaps over
   * `nonEmptyWords` words. Alone in a loop, a document walked costs about as much as popcounting
   * (3 + its codes) words (100,000 listings, 59 values, 9.4 a listing: 2,000 random candidates 0.08 ms
   * walked / 0.24 ms popcounted, 8,000 0.38 / 0.49, 30,000 0.73 / 0.48); inside the engine, where other
   * work has pushed the codes out of the CPU's caches, about four times that (300 distinct searches of
   * the bench at 100,000 listings, facet counting alone: 2.1-2.2 ms of wall time popcounting all,
   * 1.6-1.9 with the factor 1, 1.5 with 4, 1.6-1.9 with 8, at load 9 on 2 cores).
   */
  cheaperThanBitmaps(count: number, nonEmptyWords: number, values: number): boolean {
    return count * (3 + this.perDocument) * 4 < nonEmptyWords * values;
  }

  /** How many of `candidates` have each code. */
  count(candidates: DocSet): Uint32Array {
    const counts = new Uint32Array(this.sets.length);
    const { offsets, codes } = this;
    const words = candidates.words;
    const n = Math.min(words.length, (this.size + 31) >>> 5);
    for (let w = 0; w < n; w++) {
      let word = words[w]!;
      while (word !== 0) {
        const id = (w << 5) + 31 - Math.clz32(word & -word);
        word &= word - 1;
        if (id >= this.size) break;
        const end = offsets[id + 1]!;
        for (let k = offsets[id]!; k < end; k++) counts[codes[k]!]!++;
      }
    }
    return counts;
  }
}

function forEachId(set: DocSet, size: number, each: (id: number) => void): void {
  const words = set.words;
  const n = Math.min(words.length, (size + 31) >>> 5);
  for (let w = 0; w < n; w++) {
    let word = words[w]!;
    while (word !== 0) {
      const id = (w << 5) + 31 - Math.clz32(word & -word);
      word &= word - 1;
      if (id >= size) return;
      each(id);
    }
  }
}
