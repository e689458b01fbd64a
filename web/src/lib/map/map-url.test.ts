import { describe, expect, it } from 'vitest';
import { MAX_MARKERS, mapQuery, parseMapQuery } from './map-url';

const parse = (query: string) => parseMapQuery(new URLSearchParams(query));

describe('map URLs', () => {
  it('round-trips markers, the origin and the country, rounding coordinates to four decimals', () => {
    const query = mapQuery({
      markers: [
        { number: 1, lat: 51.897971, lon: -8.470612, approximate: true, label: 'Cork, city centre' },
        { number: 3, lat: 53.35, lon: -6.26, approximate: false },
      ],
      origin: { lat: 51.9, lon: -8.47, approximate: true, label: 'Cork' },
      country: 'IE',
    });
    expect(query).toBe(
      'v=1&p=1%2C51.898%2C-8.4706%2Ca%2CCork%2C+city+centre&p=3%2C53.35%2C-6.26%2Ce&o=51.9%2C-8.47%2CCork&c=IE',
    );
    expect(parse(query)).toEqual({
      request: {
        markers: [
          { number: 1, lat: 51.898, lon: -8.4706, approximate: true, label: 'Cork, city centre' },
          { number: 3, lat: 53.35, lon: -6.26, approximate: false },
        ],
        origin: { lat: 51.9, lon: -8.47, approximate: true, label: 'Cork' },
        country: 'IE',
      },
    });
  });

  it('names the parameter and the reason for each bad value', () => {
    const result = parse('p=1,91,0,a&p=x,10,200,q&o=1,2&c=FR&zoom=3');
    expect('problems' in result && result.problems).toEqual([
      { field: 'p[0]', reason: 'latitude must be a number from -90 to 90' },
      { field: 'p[1]', reason: 'must start with the marker number, 1 to 9999' },
      { field: 'p[1]', reason: 'longitude must be a number from -180 to 180' },
      { field: 'p[1]', reason: 'third part must be a (approximate) or e (exact)' },
      { field: 'o', reason: 'label must be 1 to 80 characters' },
      { field: 'c', reason: 'must be one of BE HU IE IT NL SK SI ES GB EU' },
      { field: 'zoom', reason: 'unknown parameter' },
    ]);
  });

  it('refuses numbers in other notations and too many markers', () => {
    expect('problems' in parse('p=1,1e1,0,a')).toBe(true);
    expect('problems' in parse('p=1,0x10,0,a')).toBe(true);
    expect('problems' in parse('p=1,,0,a')).toBe(true);
    const many = Array.from({ length: MAX_MARKERS + 1 }, (_, i) => `p=${i + 1},50,5,a`).join('&');
    expect('problems' in parse(many) && parse(many)).toMatchObject({
      problems: [{ field: 'p', reason: 'at most 50 markers' }],
    });
  });

  it('accepts an empty map (a country outline alone)', () => {
    expect(parse('c=NL')).toEqual({ request: { markers: [], country: 'NL' } });
  });
});

describe('map URLs of many markers', () => {
  it('leave labels out when there are more markers than are named on the map', () => {
    const markers = Array.from({ length: 4 }, (_, i) => ({
      number: i + 1,
      lat: 52,
      lon: -8 + i,
      approximate: true,
      label: 'Cork',
    }));
    expect(mapQuery({ markers })).not.toContain('Cork');
    expect(mapQuery({ markers: markers.slice(0, 3) }).match(/Cork/g)).toHaveLength(3);
  });
});
