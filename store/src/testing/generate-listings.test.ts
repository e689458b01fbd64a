import { describe, expect, it } from 'vitest';
import { ListingRecordSchema, compileValidator } from '@skillway/core';
import { generateListings } from './generate-listings';

describe('generateListings', () => {
  it('makes valid, unique listings whose organisations exist among them', () => {
    const listings = generateListings(2_000, { seed: 3 });
    const valid = compileValidator(ListingRecordSchema);
    for (const l of listings) expect(valid.errors(l), l.id).toEqual([]);
    const ids = new Set(listings.map((l) => l.id));
    expect(ids.size).toBe(listings.length);
    for (const l of listings) {
      if (l.organisation) expect(listings.find((o) => o.id === l.organisation)?.kind).toBe('organisation');
      expect(l.id.startsWith(`${l.countries[0]!.toLowerCase()}-`)).toBe(true);
    }
    const withOccupations = listings.filter((l) => l.occupations.length > 0).length / listings.length;
    expect(withOccupations).toBeGreaterThan(0.25);
    expect(withOccupations).toBeLessThan(0.45);
  });

  it('gives the same listings for the same seed, other ones for another seed or start', () => {
    expect(generateListings(50, { seed: 9 })).toEqual(generateListings(50, { seed: 9 }));
    expect(generateListings(50, { seed: 10 })).not.toEqual(generateListings(50, { seed: 9 }));
    const more = generateListings(50, { seed: 9, start: 51 });
    expect(more[0]!.id).toMatch(/-gen-51$/);
  });
});
