/**
 * Typo tolerance as Meilisearch has it: a word of 5 to 8 letters may be one edit away from a word of
 * the index, a word of 9 or more two edits (an edit: a letter added, dropped, changed, or two
 * neighbours swapped). People rarely get the first letter wrong, and a wrong first letter changes the
 * word too much to guess, so candidates share it (Meilisearch counts a first-letter typo twice).
 *
 * The vocabulary is every folded word of the search index and the taxonomy, bucketed by first letter
 * and length, so a lookup compares a word with a few hundred others at most.
 */
export const ONE_TYPO_FROM = 5;
export const TWO_TYPOS_FROM = 9;

export function allowedTypos(word: string): number {
  const length = [...word].length;
  return length >= TWO_TYPOS_FROM ? 2 : length >= ONE_TYPO_FROM ? 1 : 0;
}

/** Optimal string alignment distance, or max + 1 as soon as it must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prevPrev = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(n + 1);
    row[0] = i;
    let best = row[0];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prevPrev[j - 2]! + 1);
      row[j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[n]!;
}

export class TypoCorrector {
  private readonly buckets = new Map<string, string[]>();
  private readonly known: ReadonlySet<string>;

  constructor(vocabulary: Iterable<string>) {
    const known = new Set<string>();
    for (const word of vocabulary) {
      if (word.length < ONE_TYPO_FROM - 1 || known.has(word)) continue;
      known.add(word);
      const key = `${word[0]}${word.length}`;
      const bucket = this.buckets.get(key);
      if (bucket) bucket.push(word);
      else this.buckets.set(key, [word]);
    }
    this.known = known;
  }

  has(word: string): boolean {
    return this.known.has(word);
  }

  /** The closest words of the vocabulary within the allowed typos (folded input), closest first. */
  correct(word: string, limit = 3): string[] {
    const max = allowedTypos(word);
    if (max === 0 || this.known.has(word)) return [];
    const found: { word: string; distance: number }[] = [];
    for (let length = word.length - max; length <= word.length + max; length++) {
      for (const candidate of this.buckets.get(`${word[0]}${length}`) ?? []) {
        const distance = editDistance(word, candidate, max);
        if (distance <= max) found.push({ word: candidate, distance });
      }
    }
    return found
      .sort(
        (a, b) =>
          a.distance - b.distance ||
          Math.abs(a.word.length - word.length) - Math.abs(b.word.length - word.length) ||
          (a.word < b.word ? -1 : 1),
      )
      .slice(0, limit)
      .map((f) => f.word);
  }
}
