import { describe, expect, it } from 'vitest';
import { COUNTRY_EXTENTS, MIN_SPAN_KM, atLeast, boundsOf, extentForPoints, extentSizeKm, padded } from './extent';

const CORK = { lat: 51.89797, lon: -8.47061 };
const DUBLIN = { lat: 53.34981, lon: -6.26031 };

describe('map extents', () => {
  it('bounds points and pads them on every side', () => {
    const b = boundsOf([CORK, DUBLIN])!;
    expect(b).toEqual({ west: CORK.lon, south: CORK.lat, east: DUBLIN.lon, north: DUBLIN.lat });
    const p = padded(b, 0.1);
    expect(p.west).toBeCloseTo(CORK.lon - 0.221, 3);
    expect(p.north).toBeCloseTo(DUBLIN.lat + 0.145, 3);
    expect(boundsOf([])).toBeNull();
  });

  it('widens a single point to a region around it, centred on it', () => {
    const e = extentForPoints([CORK]);
    const { widthKm, heightKm } = extentSizeKm(e);
    expect(widthKm).toBeCloseTo(MIN_SPAN_KM, 0);
    expect(heightKm).toBeCloseTo(MIN_SPAN_KM, 0);
    expect((e.west + e.east) / 2).toBeCloseTo(CORK.lon, 6);
    expect((e.south + e.north) / 2).toBeCloseTo(CORK.lat, 6);
  });

  it('keeps an extent that is already big enough', () => {
    expect(atLeast(COUNTRY_EXTENTS.IE!, 100)).toEqual(COUNTRY_EXTENTS.IE);
    const both = extentForPoints([CORK, DUBLIN]);
    expect(both.west).toBeLessThan(CORK.lon);
    expect(both.east).toBeGreaterThan(DUBLIN.lon);
  });

  it('falls back to the country given, then Europe, when there is no point', () => {
    expect(extentForPoints([], COUNTRY_EXTENTS.IE)).toEqual(COUNTRY_EXTENTS.IE);
    expect(extentForPoints([])).toEqual(COUNTRY_EXTENTS.EU);
  });

  it('has a box for each country of the directory', () => {
    expect(Object.keys(COUNTRY_EXTENTS).sort()).toEqual(['BE', 'ES', 'EU', 'GB', 'HU', 'IE', 'IT', 'NL', 'SI', 'SK']);
    for (const e of Object.values(COUNTRY_EXTENTS)) {
      expect(e.west).toBeLessThan(e.east);
      expect(e.south).toBeLessThan(e.north);
    }
  });
});
