import { describe, expect, it } from 'vitest';
import type { ListingRecord } from '@skillway/core';
import { readSeedListings } from '../testing/seed-store';
import { distanceKm, listingPoints, nearGroup, searchPoint } from './listing-point';
import { DocSet } from '../search/doc-set';
import { docPoints, nearestFirst, pointTerm } from './distance-order';

const CORK = { lat: 51.89797, lon: -8.47061 };
const DUBLIN = { lat: 53.33306, lon: -6.24889 };

describe('listing points', () => {
  const base: Pick<ListingRecord, 'city' | 'countries' | 'delivery'> = {
    city: 'Cork',
    countries: ['IE'],
    delivery: ['in-person'],
  };

  it("an in-person listing is at its city's centre, marked approximate", () => {
    expect(searchPoint(base)).toEqual({ ...CORK, approximate: true, label: 'Cork' });
  });

  it('online-only listings get no point, wherever they are based', () => {
    expect(searchPoint({ ...base, delivery: ['online'] })).toBeUndefined();
    expect(listingPoints({ ...base, delivery: ['online'] })).toEqual([]);
  });

  it('coordinates in the data win, and are exact', () => {
    const located = { ...base, locations: [{ city: 'Cork', latitude: 51.9, longitude: -8.47 }] };
    expect(searchPoint(located)).toEqual({ lat: 51.9, lon: -8.47, approximate: false, label: 'Cork' });
  });

  it('without a city: the first location city, then the service area', () => {
    expect(searchPoint({ ...base, city: null, locations: [{ city: 'Dublin' }] })).toMatchObject({ label: 'Dublin' });
    expect(searchPoint({ ...base, city: null, service_area: { cities: ['Dublin'] } })).toMatchObject({
      label: 'Dublin',
      approximate: true,
    });
    expect(searchPoint({ ...base, city: null })).toBeUndefined();
    expect(searchPoint({ ...base, city: 'Atlantis' })).toBeUndefined();
  });

  it('a listing page gets one point per location, else its city or each service-area city', () => {
    const detail = listingPoints({
      ...base,
      locations: [{ name: 'Office', latitude: 51.9, longitude: -8.47 }, { city: 'Dublin' }, { name: 'no city' }],
    });
    expect(detail).toEqual([
      { location: 0, lat: 51.9, lon: -8.47, approximate: false, label: 'Office' },
      { location: 1, lat: DUBLIN.lat, lon: DUBLIN.lon, approximate: true, label: 'Dublin' },
      { location: 2, ...CORK, approximate: true, label: 'Cork' },
    ]);
    expect(
      listingPoints({ ...base, city: null, countries: ['SI'], service_area: { cities: ['Ljubljana', 'Maribor'] } }).map(
        (p) => [p.location, p.label],
      ),
    ).toEqual([
      [null, 'Ljubljana'],
      [null, 'Maribor'],
    ]);
  });

  it('every seed listing with a city and in-person delivery is placed (the gazetteer knows our cities)', () => {
    const unplaced = readSeedListings()
      .filter((l) => l.city && l.delivery.includes('in-person'))
      .filter((l) => !searchPoint(l))
      .map((l) => `${l.id} (${l.city})`);
    expect(unplaced).toEqual([]);
  });

  it('measures great-circle distances (Cork to Dublin is about 220 km)', () => {
    expect(distanceKm(CORK, DUBLIN)).toBeGreaterThan(215);
    expect(distanceKm(CORK, DUBLIN)).toBeLessThan(225);
    expect(distanceKm(CORK, CORK)).toBe(0);
  });

  it('near groups: a point, then national or online, then EU-wide only', () => {
    expect(nearGroup({ countries: ['IE'] }, searchPoint(base))).toBe(0);
    expect(nearGroup({ countries: ['IE', 'EU'] }, undefined)).toBe(1);
    expect(nearGroup({ countries: ['EU'] }, undefined)).toBe(2);
  });

  it('orders by group then distance, keeping the given order for ties', () => {
    // 0: EU-wide, 1: Dublin, 2: national without a point, 3: Cork, 4: Dublin
    const national = DocSet.fromIds([1, 2, 3, 4], 5);
    const bitmaps = [
      { value: pointTerm(DUBLIN), bits: DocSet.fromIds([1, 4], 5).encode() },
      { value: pointTerm(CORK), bits: DocSet.fromIds([3], 5).encode() },
    ];
    const points = docPoints(bitmaps, national, 5);
    expect([...points.group]).toEqual([2, 0, 1, 0, 0]);
    expect(nearestFirst([0, 1, 2, 3, 4], points, CORK)).toEqual([3, 1, 4, 2, 0]);
    expect(nearestFirst([4, 3, 2, 1, 0], points, CORK)).toEqual([3, 4, 1, 2, 0]);
    // a page's worth: the same first ones
    expect(nearestFirst([0, 1, 2, 3, 4], points, CORK, 2)).toEqual([3, 1]);
    expect(nearestFirst([4, 3, 2, 1, 0], points, CORK, 4)).toEqual([3, 4, 1, 2]);
  });

  it('a top-k of many placed listings is the head of the full order', () => {
    const size = 2_000;
    const ids = Array.from({ length: size }, (_, i) => i);
    const bitmaps = Array.from({ length: 40 }, (_, c) => ({
      value: pointTerm({ lat: 50 + (c % 7) * 0.5, lon: -8 + c * 0.3 }),
      bits: DocSet.fromIds(
        ids.filter((id) => id % 50 === c),
        size,
      ).encode(),
    }));
    const points = docPoints(bitmaps, DocSet.fromIds(ids, size), size);
    const shuffled = [...ids].sort((a, b) => ((a * 7919) % size) - ((b * 7919) % size));
    const full = nearestFirst(shuffled, points, CORK);
    for (const k of [1, 20, 100, 1_599, 1_600, 1_700])
      expect(nearestFirst(shuffled, points, CORK, k)).toEqual(full.slice(0, k));
  });
});
