import { describe, expect, it } from 'vitest';
import { COUNTRY_BIT, indexOfIds, listingsInCountry, valuesPerListing, type ListingSnapshot } from './listing.snapshot';
import { rankListings, type RankQuery } from './match.ranking';

/** A snapshot of six listings written by hand: what loadListingSnapshot would hold for them. */
function snapshot(): ListingSnapshot {
  const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
  const bit = (c: string) => COUNTRY_BIT.get(c)!;
  return {
    size: ids.length,
    ids,
    indexOf: new Map(ids.map((id, i) => [id, i])),
    knownActive: Uint8Array.from([1, 1, 0, 1, 0, 1]),
    countries: Uint16Array.from([bit('IE'), bit('NL'), bit('EU'), bit('IE') | bit('NL'), bit('GB'), bit('IE')]),
    categories: new Uint16Array(6),
    audiences: new Uint8Array(6),
    hasOccupations: Uint8Array.from([1, 1, 0, 1, 0, 0]),
    occupations: valuesPerListing([['2221'], ['2211'], [], ['2221', '2211'], [], []]),
    languages: valuesPerListing([['en'], ['ar'], [], ['en'], [], ['ar', 'uk']]),
    skills: new Map([['nursing', Uint32Array.from([0, 4])]]),
  };
}

const plain: RankQuery = {
  audience: 'refugees',
  relatedAudiences: [],
  needs: [],
  languages: [],
  skillValues: [],
  occupationWeights: [],
  personHasOccupations: false,
  wordPoints: new Map(),
  occupationWordPoints: new Map(),
  limit: 6,
};

const rich: RankQuery = {
  ...plain,
  languages: ['ar'],
  skillValues: ['nursing'],
  occupationWeights: [
    { weight: 40, codes: ['2221'] },
    { weight: 6, codes: ['2211'] },
  ],
  personHasOccupations: true,
  wordPoints: new Map([['c', 14]]),
  occupationWordPoints: new Map([['f', 8]]),
};

describe('rankListings', () => {
  it('leaves nothing of one request in the next (the per-listing arrays are reused)', () => {
    const used = snapshot();
    const first = rankListings(used, rich);
    expect(first[0]!.id).toBe('a');
    expect(first.find((r) => r.id === 'f')!.features).toMatchObject({ languageHits: 1, textPoints: 8 });
    expect(first.find((r) => r.id === 'd')!.features).toMatchObject({ occupationWeight: 40, languageHits: 0 });
    expect(first.find((r) => r.id === 'b')!.features).toMatchObject({ occupationWeight: 6, languageHits: 1 });
    expect(rankListings(used, plain)).toEqual(rankListings(snapshot(), plain));
    // and the same request again gives the same answer
    expect(rankListings(used, rich)).toEqual(first);
  });

  it('ranks in a country only the listings offered there or EU-wide, and all of them when that is none', () => {
    const s = snapshot();
    expect([...listingsInCountry(s, COUNTRY_BIT.get('IE')!)]).toEqual([0, 2, 3, 5]);
    expect(
      rankListings(s, { ...rich, country: 'IE' })
        .map((r) => r.id)
        .sort(),
    ).toEqual(['a', 'c', 'd', 'f']);
    // Slovakia: nobody there, nobody EU-wide but c: c alone
    expect(rankListings(s, { ...plain, country: 'SK' }).map((r) => r.id)).toEqual(['c']);
    const noEu = { ...s, countries: Uint16Array.from([1, 1, 1, 1, 1, 1].map(() => COUNTRY_BIT.get('IE')!)) };
    expect(rankListings(noEu, { ...plain, country: 'GB' })).toEqual(rankListings(noEu, plain));
  });
});

describe('valuesPerListing', () => {
  it('keeps each listing to its own values, listings without any included', () => {
    const lists = [[], ['en', 'ar'], [], [], ['ar'], []];
    const v = valuesPerListing(lists);
    const read = (i: number) => [...v.ids.subarray(v.start[i], v.start[i + 1])].map((id) => v.values[id]);
    expect(lists.map((_, i) => read(i))).toEqual(lists);
    expect(v.values).toEqual(['en', 'ar']);
  });
});

describe('indexOfIds', () => {
  it('finds each id of a sorted list, and none that is not there', () => {
    const ids = ['a-1', 'a-2', 'b', 'be-x', 'z'];
    const index = indexOfIds(ids);
    expect(index).not.toBeInstanceOf(Map);
    expect(ids.map((id) => index.get(id))).toEqual([0, 1, 2, 3, 4]);
    for (const missing of ['', 'a', 'a-3', 'bb', 'zz']) expect(index.get(missing)).toBeUndefined();
  });

  it('falls back to a Map when the ids are not in JavaScript order (a locale collation)', () => {
    const ids = ['a-b', 'ab', 'a-c'];
    const index = indexOfIds(ids);
    expect(index).toBeInstanceOf(Map);
    expect(ids.map((id) => index.get(id))).toEqual([0, 1, 2]);
  });
});
