import { geoAzimuthalEqualArea, geoDistance, geoPath, type GeoProjection } from 'd3-geo';
import type { MultiPoint } from 'geojson';
import { countryOutlines, intersects, type Scale } from './boundaries.server';
import { CompactPath } from './compact-path';
import { extentForPoints, extentSizeKm, extentCentre } from './extent';
import type { GeoExtent, MapMarker, MapPoint } from './map-types';
import { MAX_NAMED_MARKERS } from './map-url';
import { numberFormat } from './number-format';

/**
 * Draws a small map as an SVG document on the server: country outlines (Natural Earth via
 * world-atlas) clipped to the extent, numbered markers that match the numbers of the list beside the
 * map, the place searched from, and a scale bar. No script, no tiles, no external reference: the SVG
 * stands alone, so it can be inlined, served as an image, printed or saved.
 */

export interface MapDrawing {
  markers: readonly MapMarker[];
  /** the place the search was made from ("you"), drawn as a star with its name */
  origin?: MapPoint & { label: string };
  /** what to show; by default the markers' and the origin's bounding box, padded */
  extent?: GeoExtent;
  /** BCP 47 language of the labels and numbers */
  locale: string;
  dir: 'ltr' | 'rtl';
  /** the short text alternative (role="img" + <title>) and the longer one (<desc>) */
  title: string;
  description?: string;
  /** the drawn label of the origin, e.g. "Cork (you)" */
  originLabel?: string;
  width?: number;
}

export interface RenderedMap {
  svg: string;
  width: number;
  height: number;
  /** length of the scale bar, km */
  scaleKm: number;
}

const COLOURS = {
  sea: '#d6e6f2',
  land: '#f7f5ef',
  border: '#5f6368',
  marker: '#0b3d91',
  markerText: '#ffffff',
  origin: '#000000',
  text: '#111111',
} as const;

const MARKER_R = 12;
const FONT = 'system-ui,-apple-system,Segoe UI,Roboto,Noto Sans,Noto Sans Arabic,sans-serif';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Points along the extent's edges: what the projection is fitted to (a lat/lon box is curved in it). */
function extentOutline(e: GeoExtent): MultiPoint {
  const coordinates: [number, number][] = [];
  const steps = 8;
  for (let i = 0; i <= steps; i++) {
    const lon = e.west + ((e.east - e.west) * i) / steps;
    const lat = e.south + ((e.north - e.south) * i) / steps;
    coordinates.push([lon, e.south], [lon, e.north], [e.west, lat], [e.east, lat]);
  }
  return { type: 'MultiPoint', coordinates };
}

/** An equal-area azimuthal projection centred on the extent (ETRS89-LAEA's kind), fitted to the picture. */
export function fitProjection(extent: GeoExtent, width: number): { projection: GeoProjection; height: number } {
  const { lat, lon } = extentCentre(extent);
  const outline = extentOutline(extent);
  // No adaptive resampling: at these scales a segment between two outline points stays straight to
  // within a pixel, and resampling was most of the CPU of a render.
  const projection = geoAzimuthalEqualArea().rotate([-lon, -lat]).precision(0).fitWidth(width, outline);
  const [[, y0], [, y1]] = geoPath(projection).bounds(outline);
  // Tall countries (the UK) and wide extents stay in a readable frame.
  const height = Math.round(Math.min(Math.max(y1 - y0, width * 0.6), width * 1.3));
  projection.fitExtent(
    [
      [0, 0],
      [width, height],
    ],
    outline,
  );
  projection.clipExtent([
    [0, 0],
    [width, height],
  ]);
  return { projection, height };
}

const NICE = [1, 2, 5];
/** A round length (1, 2, 5 × 10ⁿ km) at most `maxKm`. */
export function niceKm(maxKm: number): number {
  const exp = Math.floor(Math.log10(maxKm));
  let best = 10 ** exp;
  for (const n of NICE) if (n * 10 ** exp <= maxKm) best = n * 10 ** exp;
  return best;
}

interface Placed {
  marker: MapMarker;
  x: number;
  y: number;
  /** where the marker was moved to when it shares its place with others */
  mx: number;
  my: number;
}

/**
 * Markers that would cover each other (several services in one city share its centre) are spread on
 * a small circle around their place, each with a line to it, so every number stays readable.
 */
export function spreadMarkers(points: { marker: MapMarker; x: number; y: number }[]): Placed[] {
  const groups: { x: number; y: number; members: { marker: MapMarker; x: number; y: number }[] }[] = [];
  const near = MARKER_R * 1.6;
  for (const p of points) {
    const group = groups.find((g) => Math.hypot(g.x - p.x, g.y - p.y) < near);
    if (group) group.members.push(p);
    else groups.push({ x: p.x, y: p.y, members: [p] });
  }
  const placed: Placed[] = [];
  for (const g of groups) {
    if (g.members.length === 1) {
      const p = g.members[0]!;
      placed.push({ ...p, mx: p.x, my: p.y });
      continue;
    }
    const n = g.members.length;
    // A circle with room for n markers side by side, never closer than one marker to the centre.
    const radius = Math.max(MARKER_R * 1.9, (n * MARKER_R * 2.2) / (2 * Math.PI));
    g.members.forEach((p, i) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
      placed.push({ ...p, mx: g.x + radius * Math.cos(angle), my: g.y + radius * Math.sin(angle) });
    });
  }
  return placed;
}

const r1 = (v: number) => Math.round(v * 10) / 10;

/** The outlines of recent extents: a listing's city or a country's search is drawn many times. */
const LAND_CACHE_SIZE = 128;
const landCache = new Map<string, string>();

/** The country outlines in the picture as one path: only countries whose box meets the extent are projected. */
function landPath(projection: GeoProjection, extent: GeoExtent, width: number, height: number): string {
  const { widthKm } = extentSizeKm(extent);
  // 1:110m for Europe-wide maps: 1:50m's detail would be smaller than a pixel there.
  const scale: Scale = widthKm > 1500 ? '110m' : '50m';
  const key = [scale, width, height, extent.west, extent.south, extent.east, extent.north].map(String).join('|');
  const cached = landCache.get(key);
  if (cached !== undefined) {
    landCache.delete(key);
    landCache.set(key, cached);
    return cached;
  }
  const margin = { west: extent.west - 1, south: extent.south - 1, east: extent.east + 1, north: extent.north + 1 };
  const context = new CompactPath(2);
  const path = geoPath(projection, context);
  for (const country of countryOutlines(scale)) if (intersects(country.bounds, margin)) path(country.feature);
  const land = context.result();
  landCache.set(key, land);
  if (landCache.size > LAND_CACHE_SIZE) landCache.delete(landCache.keys().next().value!);
  return land;
}

/** Forgets the cached outlines (for measuring a render from scratch). */
export function clearLandCache(): void {
  landCache.clear();
}

/** Drawn at about the width of a phone's column, so its text is read at about the size it is written. */
export const MAP_WIDTH = 360;

/** The picture's size for an extent, without drawing it (a page gives its <img> a width and height). */
export function mapSize(extent: GeoExtent, width = MAP_WIDTH): { width: number; height: number } {
  return { width, height: fitProjection(extent, width).height };
}

export function renderMap(drawing: MapDrawing): RenderedMap {
  const width = drawing.width ?? MAP_WIDTH;
  const located = [...drawing.markers, ...(drawing.origin ? [drawing.origin] : [])];
  const extent = drawing.extent ?? extentForPoints(located);
  const { projection, height } = fitProjection(extent, width);
  const land = landPath(projection, extent, width, height);

  const fmt = numberFormat(drawing.locale);
  const rtl = drawing.dir === 'rtl';
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"` +
      ` role="img" aria-labelledby="map-t${drawing.description ? ' map-d' : ''}" lang="${escapeXml(drawing.locale)}"` +
      ` font-family="${FONT}">`,
    `<title id="map-t">${escapeXml(drawing.title)}</title>`,
  );
  if (drawing.description) parts.push(`<desc id="map-d">${escapeXml(drawing.description)}</desc>`);
  parts.push(
    `<rect width="${width}" height="${height}" fill="${COLOURS.sea}"/>`,
    `<path d="${land}" fill="${COLOURS.land}" stroke="${COLOURS.border}" stroke-width=".8" stroke-linejoin="round"/>`,
  );

  // Scale bar, in the corner where a line of text starts (bottom left, bottom right in RTL).
  const centre = projection.invert?.([width / 2, height / 2]);
  const right = projection.invert?.([width / 2 + 100, height / 2]);
  const kmPer100px = centre && right ? geoDistance(centre, right) * 6371.0088 : 0;
  const scaleKm = kmPer100px > 0 ? niceKm((kmPer100px * width) / 4 / 100) : 0;
  if (scaleKm > 0) {
    const barPx = r1((scaleKm / kmPer100px) * 100);
    const x0 = rtl ? width - 12 - barPx : 12;
    const y = height - 12;
    const label = numberFormat(drawing.locale, 'kilometer').format(scaleKm);
    parts.push(
      `<g fill="${COLOURS.text}" font-size="13">` +
        `<rect x="${r1(x0 - 4)}" y="${y - 20}" width="${r1(barPx + 8)}" height="26" fill="#fff" opacity=".85"/>` +
        `<path d="M${r1(x0)} ${y - 4}v4h${barPx}v-4" fill="none" stroke="${COLOURS.text}" stroke-width="1.5"/>` +
        `<text x="${r1(x0 + barPx / 2)}" y="${y - 7}" text-anchor="middle">${escapeXml(label)}</text></g>`,
    );
  }

  // The place searched from: a star where it is, and a key in the top corner where text starts
  // ("★ Cork (you)"): a name beside the star would be covered by the markers around it.
  if (drawing.origin) {
    const p = projection([drawing.origin.lon, drawing.origin.lat]);
    if (p)
      parts.push(`<path d="${starPath(p[0], p[1], 9)}" fill="${COLOURS.origin}" stroke="#fff" stroke-width="1.5"/>`);
    if (drawing.originLabel) {
      const starX = rtl ? width - 18 : 18;
      parts.push(
        `<path d="${starPath(starX, 18, 8)}" fill="${COLOURS.origin}" stroke="#fff" stroke-width="1.5"/>` +
          `<text x="${rtl ? width - 32 : 32}" y="23" text-anchor="start" direction="${drawing.dir}" font-size="14"` +
          ` font-weight="700" fill="${COLOURS.text}" stroke="#fff" stroke-width="4" paint-order="stroke">` +
          `${escapeXml(drawing.originLabel)}</text>`,
      );
    }
  }

  const projected: { marker: MapMarker; x: number; y: number }[] = [];
  for (const marker of drawing.markers) {
    const p = projection([marker.lon, marker.lat]);
    if (p && p[0] >= 0 && p[0] <= width && p[1] >= 0 && p[1] <= height) projected.push({ marker, x: p[0], y: p[1] });
  }
  // Markers are drawn last number first, so number 1 is on top where two touch; a spread one stays
  // whole inside the picture.
  const inside = (v: number, max: number) => Math.min(Math.max(v, MARKER_R + 2), max - MARKER_R - 2);
  const placed = spreadMarkers(projected)
    .map((p) => ({ ...p, mx: inside(p.mx, width), my: inside(p.my, height) }))
    .sort((a, b) => b.marker.number - a.marker.number);
  for (const p of placed) {
    if (p.mx !== p.x || p.my !== p.y)
      parts.push(
        `<path d="M${r1(p.x)} ${r1(p.y)}L${r1(p.mx)} ${r1(p.my)}" stroke="${COLOURS.marker}" stroke-width="1.5"/>` +
          `<circle cx="${r1(p.x)}" cy="${r1(p.y)}" r="2.5" fill="${COLOURS.marker}"/>`,
      );
  }
  for (const p of placed) {
    const { marker } = p;
    // Exact places are filled discs; approximate ones (a city's centre) are dashed rings.
    const disc = marker.approximate
      ? `fill="#fff" stroke="${COLOURS.marker}" stroke-width="3" stroke-dasharray="5 2.5"`
      : `fill="${COLOURS.marker}" stroke="#fff" stroke-width="2"`;
    parts.push(
      `<circle cx="${r1(p.mx)}" cy="${r1(p.my)}" r="${MARKER_R}" ${disc}/>` +
        `<text x="${r1(p.mx)}" y="${r1(p.my + 5)}" text-anchor="middle" font-size="14" font-weight="700"` +
        ` fill="${marker.approximate ? COLOURS.marker : COLOURS.markerText}">${escapeXml(fmt.format(marker.number))}</text>`,
    );
  }
  // With a few markers, each is named beside it (a map with one ring and no name says little).
  if (placed.length <= MAX_NAMED_MARKERS)
    for (const p of placed) {
      if (!p.marker.label) continue;
      const toLeft = p.mx > width / 2;
      parts.push(
        `<text x="${r1(toLeft ? p.mx - 16 : p.mx + 16)}" y="${r1(p.my + 5)}"` +
          ` text-anchor="${toLeft === rtl ? 'start' : 'end'}" direction="${drawing.dir}" font-size="14"` +
          ` fill="${COLOURS.text}" stroke="#fff" stroke-width="3" paint-order="stroke">${escapeXml(p.marker.label)}</text>`,
      );
    }
  parts.push('</svg>');
  return { svg: parts.join(''), width, height, scaleKm };
}

function starPath(cx: number, cy: number, r: number): string {
  let d = '';
  for (let i = 0; i < 10; i++) {
    const radius = i % 2 === 0 ? r : r * 0.45;
    const angle = -Math.PI / 2 + (Math.PI * i) / 5;
    d += `${i === 0 ? 'M' : 'L'}${r1(cx + radius * Math.cos(angle))} ${r1(cy + radius * Math.sin(angle))}`;
  }
  return d + 'z';
}
