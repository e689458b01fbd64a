import { describe, expect, it } from 'vitest';
import { createRandom } from '../testing/generate-listings';
import { DocSet } from './doc-set';
import { topDocuments, type RankingSignals } from './top-documents';

/** The ranking topDocuments must agree with: score every document, sort all of them. */
function scoreAll(matching: DocSet, s: RankingSignals, tieRank: Uint32Array, limit: number): number[] {
  const scored = [...matching.ids()].map((id) => {
    let score = s.stale?.has(id) ? 0 : 2e6;
    if (s.phrase?.has(id)) score += 1e6;
    for (const sets of s.covering) if (sets.some((set) => set.has(id))) score += 1e7;
    for (const fields of s.weighted) score += fields.find((f) => f.set.has(id))?.score ?? 0;
    for (const b of s.boosts) if (b.set.has(id)) score += b.boost;
    return { id, score };
  });
  scored.sort((a, b) => b.score - a.score || tieRank[a.id]! - tieRank[b.id]!);
  return scored.slice(0, limit).map((x) => x.id);
}

describe('topDocuments', () => {
  it('returns the same page as scoring and sorting every match, for random signals', () => {
    const random = createRandom(42);
    for (let round = 0; round < 60; round++) {
      const size = 1 + Math.floor(random() * 3000);
      const set = (density: number) =>
        DocSet.fromIds(
          [...Array(size).keys()].filter(() => random() < density),
          size,
        );
      const terms = 1 + Math.floor(random() * 3);
      const signals: RankingSignals = {
        covering: Array.from({ length: terms }, () => [set(random() * 0.5), set(random() * 0.1)]),
        weighted: Array.from({ length: terms }, () =>
          [10, 6, 3, 1].map((w) => ({ set: set(random() * 0.3), score: w * (1 + Math.floor(random() * 3)) })),
        ),
        phrase: random() < 0.5 ? set(0.05) : undefined,
        boosts: [{ set: set(0.2), boost: 12 }],
        stale: random() < 0.7 ? set(random()) : undefined,
      };
      const matching = set(0.2 + random() * 0.8);
      // names: a random order of the documents, with no two alike
      const tieRank = Uint32Array.from([...Array(size).keys()].sort(() => random() - 0.5));
      const limit = 1 + Math.floor(random() * 60);
      expect(topDocuments(matching, signals, tieRank, limit)).toEqual(scoreAll(matching, signals, tieRank, limit));
    }
  });

  it('puts a stale listing below a fresh one that covers as many words, and above one that covers fewer', () => {
    const size = 3;
    const both = DocSet.fromIds([0, 1], size);
    const signals: RankingSignals = {
      covering: [[DocSet.fromIds([0, 1, 2], size)], [both]],
      // listing 0 has the words in its name: without the stale rule it would come first
      weighted: [[{ set: DocSet.fromIds([0], size), score: 50 }], [{ set: DocSet.fromIds([0], size), score: 50 }]],
      boosts: [],
      stale: DocSet.fromIds([0], size),
    };
    expect(topDocuments(DocSet.full(size), signals, Uint32Array.from([0, 1, 2]), 3)).toEqual([1, 0, 2]);
  });

  it('answers nothing for a limit of 0 or an empty set', () => {
    const signals: RankingSignals = { covering: [], weighted: [], boosts: [] };
    expect(topDocuments(DocSet.full(10), signals, new Uint32Array(10), 0)).toEqual([]);
    expect(topDocuments(DocSet.empty(10), signals, new Uint32Array(10), 5)).toEqual([]);
  });
});
