import type { DocSet } from './doc-set';

/**
 * The embedded engine's ranking of a page: the best `limit` documents of a set without scoring and
 * sorting every match. The documents are walked 32 at a time (one bitmap word): each signal's word is
 * read once, a word whose best possible score cannot beat the worst document kept so far is skipped
 * whole, and the kept documents live in a bounded heap. A query matching half of 100,000 listings
 * costs a pass over their bitmap words, not a sort of 50,000 scores.
 *
 * The score (one number; each level outweighs everything below it):
 * - how many of the query's words a document covers (1e7 each),
 * - not stale: confirmed or checked within 12 months (2e6; a stale listing sinks below every fresh one
 *   that covers as many words),
 * - the exact phrase (1e6),
 * - per word, the score of the heaviest field it occurs in (idf × field weight, < 1e4 for 10 words),
 * - the boosts of the recognised concepts the document has (< 1e3);
 * ties go to the lower `tieRank` (the name order).
 */
export interface RankingSignals {
  /** per query word: the sets whose documents cover it (the word's matches, its concepts' listings) */
  covering: readonly (readonly DocSet[])[];
  /** per query word: its per-field sets, heaviest first, and what occurring there scores */
  weighted: readonly (readonly { set: DocSet; score: number }[])[];
  phrase?: DocSet;
  boosts: readonly { set: DocSet; boost: number }[];
  /** documents that sink (unconfirmed and unchecked for 12 months) */
  stale?: DocSet;
}

const COVER = 1e7;
const FRESH = 2e6;
const PHRASE = 1e6;

const wordOf = (set: DocSet | undefined, w: number) => (set && w < set.words.length ? set.words[w]! : 0);

export function topDocuments(matching: DocSet, signals: RankingSignals, tieRank: Uint32Array, limit: number): number[] {
  if (limit <= 0) return [];
  const terms = signals.covering.length;
  const fieldCount = signals.weighted.map((f) => f.length);
  const fieldOffset: number[] = [];
  let fields = 0;
  for (const n of fieldCount) {
    fieldOffset.push(fields);
    fields += n;
  }
  const fieldScore = new Float64Array(fields);
  signals.weighted.forEach((list, t) => list.forEach((f, i) => (fieldScore[fieldOffset[t]! + i] = f.score)));
  const boostScore = Float64Array.from(signals.boosts.map((b) => b.boost));

  // This word's bits of every signal, reused from word to word.
  const cover = new Uint32Array(terms);
  const field = new Uint32Array(fields);
  const boost = new Uint32Array(boostScore.length);

  // The most the field scores and boosts can add to a document: once the page is full, a word whose
  // coverage, freshness and phrase cannot reach the worst kept score even with all of it is skipped
  // before its field and boost bits are read (most of them, when the page is full of documents that
  // cover every word).
  let mostAdded = 0;
  for (let t = 0; t < terms; t++) {
    let top = 0;
    for (let i = 0; i < fieldCount[t]!; i++) top = Math.max(top, fieldScore[fieldOffset[t]! + i]!);
    mostAdded += top;
  }
  for (const b of boostScore) mostAdded += b;

  const heap = new BoundedHeap(limit, tieRank);
  const words = matching.words;
  for (let w = 0; w < words.length; w++) {
    const docs = words[w]!;
    if (docs === 0) continue;
    let best = 0;
    for (let t = 0; t < terms; t++) {
      let bits = 0;
      for (const set of signals.covering[t]!) bits |= wordOf(set, w);
      cover[t] = bits & docs;
      if (cover[t] !== 0) best += COVER;
    }
    const stale = wordOf(signals.stale, w) & docs;
    if (stale !== docs) best += FRESH;
    const phrase = wordOf(signals.phrase, w) & docs;
    if (phrase !== 0) best += PHRASE;
    // (with a margin far above the rounding of sums taken in another order)
    if (heap.full() && best + mostAdded + 1e-6 < heap.worstScore()) continue;
    for (let t = 0; t < terms; t++) {
      let top = 0;
      for (let i = 0; i < fieldCount[t]!; i++) {
        const k = fieldOffset[t]! + i;
        field[k] = wordOf(signals.weighted[t]![i]!.set, w) & docs;
        if (field[k] !== 0 && fieldScore[k]! > top) top = fieldScore[k]!;
      }
      best += top;
    }
    for (let b = 0; b < boostScore.length; b++) {
      boost[b] = wordOf(signals.boosts[b]!.set, w) & docs;
      if (boost[b] !== 0) best += boostScore[b]!;
    }
    // Nothing in these 32 documents can enter the page.
    if (heap.full() && best < heap.worstScore()) continue;

    let rest = docs;
    while (rest !== 0) {
      const bit = 31 - Math.clz32(rest & -rest);
      rest &= rest - 1;
      const mask = 1 << bit;
      let score = (stale & mask) === 0 ? FRESH : 0;
      if ((phrase & mask) !== 0) score += PHRASE;
      for (let t = 0; t < terms; t++) {
        if ((cover[t]! & mask) !== 0) score += COVER;
        const end = fieldOffset[t]! + fieldCount[t]!;
        for (let k = fieldOffset[t]!; k < end; k++) {
          if ((field[k]! & mask) !== 0) {
            score += fieldScore[k]!;
            break;
          }
        }
      }
      for (let b = 0; b < boostScore.length; b++) if ((boost[b]! & mask) !== 0) score += boostScore[b]!;
      heap.offer(w * 32 + bit, score);
    }
  }
  return heap.sorted();
}

/** The `capacity` best (score desc, tieRank asc) of what is offered; the root is the worst kept. */
class BoundedHeap {
  private readonly ids: Uint32Array;
  private readonly scores: Float64Array;
  private size = 0;

  constructor(
    private readonly capacity: number,
    private readonly tieRank: Uint32Array,
  ) {
    this.ids = new Uint32Array(capacity);
    this.scores = new Float64Array(capacity);
  }

  full(): boolean {
    return this.size === this.capacity;
  }

  worstScore(): number {
    return this.scores[0]!;
  }

  /** Whether (idA, a) ranks below (idB, b). */
  private worse(a: number, idA: number, b: number, idB: number): boolean {
    return a < b || (a === b && this.rank(idA) > this.rank(idB));
  }

  private rank(id: number): number {
    return id < this.tieRank.length ? this.tieRank[id]! : 0xffffffff;
  }

  offer(id: number, score: number): void {
    if (this.size < this.capacity) {
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.worse(score, id, this.scores[parent]!, this.ids[parent]!)) break;
        this.ids[i] = this.ids[parent]!;
        this.scores[i] = this.scores[parent]!;
        i = parent;
      }
      this.ids[i] = id;
      this.scores[i] = score;
      return;
    }
    if (!this.worse(this.scores[0]!, this.ids[0]!, score, id)) return;
    this.siftDown(0, id, score, this.size);
  }

  private siftDown(start: number, id: number, score: number, size: number): void {
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) break;
      let child = left;
      const right = left + 1;
      if (right < size && this.worse(this.scores[right]!, this.ids[right]!, this.scores[left]!, this.ids[left]!))
        child = right;
      if (!this.worse(this.scores[child]!, this.ids[child]!, score, id)) break;
      this.ids[i] = this.ids[child]!;
      this.scores[i] = this.scores[child]!;
      i = child;
    }
    this.ids[i] = id;
    this.scores[i] = score;
  }

  /** Best first; empties the heap. */
  sorted(): number[] {
    const out = new Array<number>(this.size);
    for (let n = this.size; n > 0; n--) {
      out[n - 1] = this.ids[0]!;
      const lastId = this.ids[n - 1]!;
      const lastScore = this.scores[n - 1]!;
      this.siftDown(0, lastId, lastScore, n - 1);
    }
    this.size = 0;
    return out;
  }
}
