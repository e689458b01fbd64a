import { describe, expect, it } from 'vitest';
import { COUNTRIES, CATEGORIES, AUDIENCES, ListingRecordSchema, compileValidator } from '@skillway/core';
import { readSeedListings } from '@skillway/store/testing';
import { generateBenchListings } from './generate-listings';
import { SUMMARY_FRAMES, SUMMARY_LANGUAGES } from './summary-templates';

const SIZE = 3_000;
const listings = generateBenchListings(SIZE, { seed: 5 });

describe('generateBenchListings', () => {
  it('gives the same listings for the same seed and other ones for another seed', () => {
    expect(generateBenchListings(SIZE, { seed: 5 })).toEqual(listings);
    const other = generateBenchListings(SIZE, { seed: 6 });
    expect(other.slice(200, 220)).not.toEqual(listings.slice(200, 220));
  });

  it('starts with the seed listings and gives exactly `size` valid records with unique ids', () => {
    const seed = readSeedListings();
    expect(listings).toHaveLength(SIZE);
    expect(listings.slice(0, seed.length)).toEqual(seed);
    expect(new Set(listings.map((l) => l.id)).size).toBe(SIZE);
    const validate = compileValidator(ListingRecordSchema);
    const problems = listings.flatMap((l) => validate.errors(l).map((e) => `${l.id} ${e.field}: ${e.reason}`));
    expect(problems).toEqual([]);
  });

  it('covers every country, category and audience, with ISCO codes and ESCO URIs', () => {
    const has = (values: readonly string[], of: (l: (typeof listings)[number]) => readonly string[]) =>
      values.filter((v) => !listings.some((l) => of(l).includes(v)));
    expect(has(COUNTRIES, (l) => l.countries)).toEqual([]);
    expect(has(CATEGORIES, (l) => l.categories)).toEqual([]);
    expect(has(AUDIENCES, (l) => l.audiences)).toEqual([]);
    const refs = listings.flatMap((l) => l.occupations);
    expect(refs.some((r) => /^\d{4}$/.test(r))).toBe(true);
    expect(refs.some((r) => r.startsWith('http://data.europa.eu/esco/occupation/'))).toBe(true);
  });

  it('lets organisations of the same country run several services each', () => {
    const byId = new Map(listings.map((l) => [l.id, l]));
    const owned = new Map<string, number>();
    // (The seed data itself has services of EU-wide organisations in a country.)
    for (const l of listings.slice(readSeedListings().length)) {
      if (!l.organisation) continue;
      const owner = byId.get(l.organisation);
      expect(owner?.kind, `${l.id} -> ${l.organisation}`).toBe('organisation');
      expect(owner!.countries[0]).toBe(l.countries[0]);
      owned.set(l.organisation, (owned.get(l.organisation) ?? 0) + 1);
    }
    const counts = [...owned.values()];
    expect(counts.reduce((a, b) => a + b, 0) / counts.length).toBeGreaterThan(2);
    expect(Math.max(...counts)).toBeGreaterThanOrEqual(5);
  });

  it('writes summaries in every language of the directory, with occupation labels in that language', () => {
    const generated = listings.slice(readSeedListings().length);
    for (const lang of SUMMARY_LANGUAGES) {
      const closings = SUMMARY_FRAMES[lang].closing;
      expect(
        generated.some((l) => closings.some((c) => l.summary.includes(c))),
        `a summary in ${lang}`,
      ).toBe(true);
    }
    // "verpleegkundige" is the Dutch ESCO label of general nurses (ISCO 2221), common in the mix.
    expect(generated.some((l) => /verpleegkundige/i.test(l.summary))).toBe(true);
  });
});
