import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { COUNTRY_EXTENTS } from './extent';
import type { MapMarker } from './map-types';
import { niceKm, renderMap, spreadMarkers, type MapDrawing } from './render-map.server';

const CORK = { lat: 51.89797, lon: -8.47061 };
const DUBLIN = { lat: 53.34981, lon: -6.26031 };
const GALWAY = { lat: 53.27245, lon: -9.05095 };

const base: Omit<MapDrawing, 'markers'> = { locale: 'en', dir: 'ltr', title: 'Three services' };

/** Marker discs as drawn: centre, whether dashed (approximate), and the number written in it. */
function markersIn(svg: string) {
  const re = /<circle cx="([\d.-]+)" cy="([\d.-]+)" r="12" ([^/]*)\/><text [^>]*>([^<]+)<\/text>/g;
  return [...svg.matchAll(re)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    dashed: m[3]!.includes('stroke-dasharray'),
    text: m[4],
  }));
}

describe('renderMap', () => {
  const markers: MapMarker[] = [
    { ...CORK, approximate: true, number: 1, label: 'Cork' },
    { ...DUBLIN, approximate: false, number: 2, label: 'Dublin' },
    { ...GALWAY, approximate: true, number: 3, label: 'Galway' },
  ];
  const { svg, width, height } = renderMap({ ...base, markers, extent: COUNTRY_EXTENTS.IE });

  it('is an accessible image: role, title and the language of its labels', () => {
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 360 \d+"/);
    expect(svg).toContain('role="img" aria-labelledby="map-t" lang="en"');
    expect(svg).toContain('<title id="map-t">Three services</title>');
    expect(svg).not.toMatch(/<script|href=|<image/);
  });

  it('places markers where the places are: Cork south of Dublin, Galway west of both', () => {
    const drawn = markersIn(svg);
    const byNumber = Object.fromEntries(drawn.map((d) => [d.text, d]));
    expect(Object.keys(byNumber).sort()).toEqual(['1', '2', '3']);
    expect(byNumber['1']!.y).toBeGreaterThan(byNumber['2']!.y);
    expect(byNumber['3']!.x).toBeLessThan(byNumber['1']!.x);
    expect(byNumber['3']!.x).toBeLessThan(byNumber['2']!.x);
    for (const d of drawn) {
      expect(d.x).toBeGreaterThan(0);
      expect(d.x).toBeLessThan(width);
      expect(d.y).toBeGreaterThan(0);
      expect(d.y).toBeLessThan(height);
    }
  });

  it('draws approximate places as dashed rings and exact ones as filled discs', () => {
    const byNumber = Object.fromEntries(markersIn(svg).map((d) => [d.text, d]));
    expect(byNumber['1']!.dashed).toBe(true);
    expect(byNumber['2']!.dashed).toBe(false);
    expect(byNumber['3']!.dashed).toBe(true);
  });

  it('draws the country outlines clipped to the picture', () => {
    const d = /<path d="(M[^"]+)" fill="#f7f5ef"/.exec(svg)?.[1];
    expect(d && d.length).toBeGreaterThan(200);
    // Walk the relative path and check every vertex stays within the frame.
    for (const ring of d!.split('M').filter(Boolean)) {
      const [start, rest = ''] = ring.replace('z', '').split('l');
      let [x, y] = start!.split(' ').map(Number) as [number, number];
      const nums = rest.match(/-?\d+/g)?.map(Number) ?? [];
      for (let i = 0; i < nums.length; i += 2) {
        x += nums[i]!;
        y += nums[i + 1]!;
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(width);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(height);
      }
    }
  });

  it('names markers when there are few, escaping what it writes', () => {
    const one = renderMap({ ...base, markers: [{ ...CORK, approximate: true, number: 1, label: 'Cork <&> "x"' }] });
    expect(one.svg).toContain('>Cork &#60;&#38;&#62; &#34;x&#34;</text>');
    expect(one.svg).not.toContain('<&>');
  });

  it("writes a scale bar with a round length in the reader's language", () => {
    expect(renderMap({ ...base, markers, extent: COUNTRY_EXTENTS.IE }).scaleKm).toBe(50);
    const ar = renderMap({ ...base, locale: 'ar', dir: 'rtl', markers, extent: COUNTRY_EXTENTS.IE });
    expect(ar.svg).toContain('50 كم');
    expect(ar.svg).toContain('lang="ar"');
    const fa = renderMap({ ...base, locale: 'fa', dir: 'rtl', markers, extent: COUNTRY_EXTENTS.IE });
    // Persian digits, in the scale and in the markers, as the list beside the map writes them.
    expect(fa.svg).toContain('>۱</text>');
    expect(fa.svg).toContain('۵۰');
  });

  it('puts the scale bar where text starts: left in LTR, right in RTL', () => {
    const barX = (s: string) => Number(/<path d="M([\d.]+) [\d.]+v4h/.exec(s)![1]);
    const ltr = renderMap({ ...base, markers, extent: COUNTRY_EXTENTS.IE });
    const rtl = renderMap({ ...base, dir: 'rtl', locale: 'ar', markers, extent: COUNTRY_EXTENTS.IE });
    expect(barX(ltr.svg)).toBeLessThan(ltr.width / 2);
    expect(barX(rtl.svg)).toBeGreaterThan(rtl.width / 2);
  });

  it('keeps markers spread around a place at the edge whole inside the picture', () => {
    const atEdge = Array.from({ length: 6 }, (_, i) => ({ lat: 55.45, lon: -8, approximate: true, number: i + 1 }));
    const r = renderMap({ ...base, markers: atEdge, extent: COUNTRY_EXTENTS.IE });
    const drawn = markersIn(r.svg);
    expect(drawn).toHaveLength(6);
    for (const d of drawn) {
      expect(d.y).toBeGreaterThanOrEqual(12);
      expect(d.y).toBeLessThanOrEqual(r.height - 12);
    }
  });

  it('draws the place searched from as a star with its name', () => {
    const r = renderMap({
      ...base,
      markers,
      origin: { ...CORK, approximate: true, label: 'Cork' },
      originLabel: 'Cork (you)',
    });
    expect(r.svg).toMatch(/<path d="M[^"]+z" fill="#000000"/);
    expect(r.svg).toContain('>Cork (you)</text>');
  });

  it('stays small: Ireland with 8 markers under 3 KB gzip, Europe with 30 under 6 KB', () => {
    const eight = Array.from({ length: 8 }, (_, i) => ({ ...markers[i % 3]!, lat: 52 + i * 0.2, number: i + 1 }));
    const ireland = renderMap({ ...base, markers: eight, extent: COUNTRY_EXTENTS.IE });
    expect(gzipSync(ireland.svg).length).toBeLessThan(3 * 1024);
    const thirty = Array.from({ length: 30 }, (_, i) => ({
      lat: 38 + ((i * 7.3) % 20),
      lon: -8 + ((i * 13.7) % 30),
      approximate: true,
      number: i + 1,
    }));
    const europe = renderMap({ ...base, markers: thirty, extent: COUNTRY_EXTENTS.EU });
    expect(gzipSync(europe.svg).length).toBeLessThan(6 * 1024);
    expect(markersIn(europe.svg)).toHaveLength(30);
  });
});

describe('spreadMarkers', () => {
  it('spreads markers that share a place around it, keeps lone ones where they are', () => {
    const at = (number: number, x: number, y: number) => ({
      marker: { lat: 0, lon: 0, approximate: true, number },
      x,
      y,
    });
    const placed = spreadMarkers([at(1, 100, 100), at(2, 101, 100), at(3, 100, 102), at(4, 300, 300)]);
    const lone = placed.find((p) => p.marker.number === 4)!;
    expect([lone.mx, lone.my]).toEqual([300, 300]);
    const group = placed.filter((p) => p.marker.number < 4);
    for (const a of group)
      for (const b of group) if (a !== b) expect(Math.hypot(a.mx - b.mx, a.my - b.my)).toBeGreaterThanOrEqual(22);
  });
});

describe('niceKm', () => {
  it('rounds down to 1, 2 or 5 times a power of ten', () => {
    expect(niceKm(73)).toBe(50);
    expect(niceKm(199)).toBe(100);
    expect(niceKm(2.3)).toBe(2);
    expect(niceKm(1000)).toBe(1000);
  });
});
