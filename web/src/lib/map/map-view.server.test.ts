import { describe, expect, it } from 'vitest';
import { describeMarkers, resultsMapAlt } from './map-text';
import { drawRequest, listingMap, resultsMap } from './map-view.server';
import { parseMapQuery } from './map-url';

const CORK = { lat: 51.89797, lon: -8.47061, approximate: true, label: 'Cork' };
const DUBLIN = { lat: 53.34981, lon: -6.26031, approximate: true, label: 'Dublin' };

function requestOf(src: string) {
  const parsed = parseMapQuery(new URL(src, 'http://x').searchParams);
  if ('problems' in parsed) throw new Error(JSON.stringify(parsed.problems));
  return parsed.request;
}

describe('text alternatives', () => {
  it('summarises a results map: how many near the place, how many online only', () => {
    expect(resultsMapAlt({ onMap: 5, onlineOnly: 3, place: 'Cork' }, 'en')).toBe(
      '5 services near Cork are shown on the map; 3 are online only and not on the map',
    );
    expect(resultsMapAlt({ onMap: 1, onlineOnly: 0 }, 'en')).toBe('1 service is shown on the map');
    expect(resultsMapAlt({ onMap: 2, onlineOnly: 1, place: 'Cork' }, 'ar')).toBe(
      'تظهر خدمتان قرب Cork على الخريطة; خدمة واحدة عبر الإنترنت فقط وليست على الخريطة',
    );
  });

  it('says which places are approximate, by number', () => {
    expect(
      describeMarkers(
        [
          { ...CORK, number: 1 },
          { ...DUBLIN, approximate: false, label: '12 Main Street, Dublin', number: 2 },
        ],
        'en',
      ),
    ).toBe('1: approximate: centre of Cork; 2: 12 Main Street, Dublin');
  });
});

describe('listingMap', () => {
  it('numbers a point by its location (as the page numbers the addresses); others follow', () => {
    const view = listingMap(
      [
        { ...DUBLIN, location: 1 },
        { ...CORK, location: null },
      ],
      'en',
    )!;
    expect(requestOf(view.src).markers.map((m) => [m.number, m.label])).toEqual([
      [2, 'Dublin'],
      [3, 'Cork'],
    ]);
    expect(view.alt).toBe(
      'Map of where this service is: 2: approximate: centre of Dublin; 3: approximate: centre of Cork',
    );
    expect(view.key).toMatch(/dashed ring/);
    expect(view.width).toBe(360);
    expect(view.height).toBeGreaterThan(200);
  });

  it('shows no map for a listing with no point (online only, or no known city)', () => {
    expect(listingMap([], 'en')).toBeNull();
  });

  it("addresses the map in the reader's language", () => {
    expect(listingMap([{ ...CORK, location: 0 }], 'ar')!.src).toMatch(/^\/ar\/map\?v=1&p=1%2C/);
    expect(listingMap([{ ...CORK, location: 0 }], 'en')!.src).toMatch(/^\/map\?v=1&p=1%2C/);
  });
});

describe('resultsMap', () => {
  const hits = [
    { delivery: ['in-person'], point: CORK },
    { delivery: ['online'] },
    { delivery: ['in-person', 'online'], point: DUBLIN },
    { delivery: ['online'] },
    { delivery: ['in-person'] },
  ];

  it('keeps the list numbers (skipping hits without a point) and counts online-only hits', () => {
    const view = resultsMap({ hits, place: { name: 'Cork', lat: CORK.lat, lon: CORK.lon } }, 'en')!;
    const request = requestOf(view.src);
    expect(request.markers.map((m) => m.number)).toEqual([1, 3]);
    expect(request.origin?.label).toBe('Cork');
    expect(view.alt).toBe('2 services near Cork are shown on the map; 2 are online only and not on the map');
  });

  it('continues the numbering of later pages', () => {
    const view = resultsMap({ hits, firstNumber: 21 }, 'en')!;
    expect(requestOf(view.src).markers.map((m) => m.number)).toEqual([21, 23]);
  });

  it('is null when no hit can be placed', () => {
    expect(resultsMap({ hits: [{ delivery: ['online'] }] }, 'en')).toBeNull();
  });

  it('draws what the address says, at the size the page was told', () => {
    const view = resultsMap({ hits, place: { name: 'Cork', lat: CORK.lat, lon: CORK.lon } }, 'en')!;
    const drawn = drawRequest(requestOf(view.src), 'en');
    expect([drawn.width, drawn.height]).toEqual([view.width, view.height]);
    expect(drawn.svg).toContain('>Cork (you)</text>');
    expect(drawn.svg).toContain('<title id="map-t">Map with 2 numbered places</title>');
  });
});
