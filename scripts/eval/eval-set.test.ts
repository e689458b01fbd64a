import { describe, expect, it } from 'vitest';
import { UI_LANGUAGES } from '@skillway/core';
import {
  counts,
  groupsOf,
  MIN_CASES_PER_LANGUAGE,
  problemsOf,
  readEvalFile,
  readEvalSets,
  readListings,
  score,
  summarise,
  HELDOUT_FILE,
  TUNING_FILE,
  type SplitCase,
} from './eval-set';

// Integrity only: what the engines score is reported by `npm run eval`, never asserted here.
describe('the eval set', () => {
  const listings = readListings();
  const cases = readEvalSets();

  it('has no problems: schemas, expected listings exist and have not ended, 1-3 ids, known lang and who', () => {
    expect(problemsOf(cases, listings)).toEqual([]);
  });

  it('has at least 200 cases and at least 12 per UI language', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    for (const lang of UI_LANGUAGES) {
      const n = cases.filter((c) => c.lang === lang).length;
      expect(n, `cases in ${lang}`).toBeGreaterThanOrEqual(MIN_CASES_PER_LANGUAGE);
    }
  });

  it('holds out about a third, spread over every language and both refugees and employers', () => {
    const heldout = cases.filter((c) => c.split === 'heldout');
    const share = heldout.length / cases.length;
    expect(share).toBeGreaterThan(0.28);
    expect(share).toBeLessThan(0.4);
    for (const lang of UI_LANGUAGES)
      expect(
        heldout.some((c) => c.lang === lang),
        `held-out ${lang}`,
      ).toBe(true);
    expect(heldout.some((c) => c.who === 'refugees')).toBe(true);
    expect(heldout.some((c) => c.who === 'employers')).toBe(true);
    expect(readEvalFile(HELDOUT_FILE).about).toMatch(/HELD-OUT/);
  });

  it('never uses a case id twice, within or across the two files', () => {
    const tuning = readEvalFile(TUNING_FILE).cases.map((c) => c.id);
    const heldout = readEvalFile(HELDOUT_FILE).cases.map((c) => c.id);
    expect(new Set(tuning).size).toBe(tuning.length);
    expect(new Set(heldout).size).toBe(heldout.length);
    expect(tuning.filter((id) => heldout.includes(id))).toEqual([]);
  });

  it('is mostly sentences people type (several words), not single keywords', () => {
    const sentences = cases.filter((c) => (c.search.q ?? '').trim().split(/\s+/).length >= 4);
    expect(sentences.length / cases.length).toBeGreaterThan(0.5);
  });

  it('gives every search query the page language', () => {
    expect(cases.filter((c) => c.search.lang !== c.lang).map((c) => c.id)).toEqual([]);
  });
});

describe('the scoring', () => {
  it('recall@5 counts expected ids in the top 5; MRR the first expected id within 10', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    expect(score(ids, ['b', 'f'], 7, 1)).toMatchObject({ recall: 0.5, reciprocalRank: 0.5, total: 7 });
    expect(score(ids, ['g'], 7, 1)).toMatchObject({ recall: 0, reciprocalRank: 1 / 7 });
    expect(score([], ['a'], 0, 1)).toMatchObject({ recall: 0, reciprocalRank: 0, total: 0 });
    expect(score(ids, ['e', 'a'], 7, 1)).toMatchObject({ recall: 1, reciprocalRank: 1 });
  });

  it('summarises means, and NaN for an empty group', () => {
    const s = summarise([score(['a'], ['a'], 1, 0), score(['b'], ['a'], 1, 0)]);
    expect(s).toEqual({ cases: 2, recall: 0.5, mrr: 0.5 });
    expect(Number.isNaN(summarise([]).recall)).toBe(true);
  });

  it('groups by split, language and audience, and counts them', () => {
    const make = (
      id: string,
      split: SplitCase['split'],
      lang: SplitCase['lang'],
      who: SplitCase['who'],
    ): SplitCase => ({
      id,
      split,
      lang,
      who,
      match: { text: 'x' },
      search: { q: 'x', lang },
      expect: ['a'],
    });
    const cs = [make('1', 'tuning', 'en', 'refugees'), make('2', 'heldout', 'ar', 'employers')];
    const groups = groupsOf(cs);
    const members = (label: string) => cs.filter(groups.find((g) => g.label.trim() === label)!.pick).map((c) => c.id);
    expect(members('tuning')).toEqual(['1']);
    expect(members('held-out')).toEqual(['2']);
    expect(members('all')).toEqual(['1', '2']);
    expect(members('lang ar')).toEqual(['2']);
    expect(members('employers')).toEqual(['2']);
    expect(groups.some((g) => g.label.trim() === 'service-providers')).toBe(false);
    expect(counts(cs)).toMatchObject({ all: { tuning: 1, heldout: 1 }, 'lang en': { tuning: 1, heldout: 0 } });
  });
});
