import { COUNTRY_EXTENTS } from './extent';
import type { MapMarker, MapPoint } from './map-types';

/**
 * The map image's address: everything it shows is in the query string, so the answer depends on the
 * URL alone and can be cached by the browser and any proxy for as long as the boundaries do not change.
 *
 *   /map?v=1&p=1,51.8969,-8.4863,a,Cork&p=3,…&o=51.8969,-8.4863,Cork&c=IE
 *
 * p: a marker: number,lat,lon,a|e (approximate or exact)[,label]; the number is the one the list beside
 *    the map gives the same service (hits without a place have none on the map, so numbers can skip)
 * o: the place searched from: lat,lon,label
 * c: the country whose outline frames the map when there is no marker (a country code of the directory)
 *
 * Browser-safe: a page builds the address; only the endpoint draws (src/routes/map/+server.ts).
 */

export const MAP_PATH = '/map';
export const MAX_MARKERS = 50;
export const MAX_LABEL = 80;
/** Markers are named beside them only when there are this many or fewer (more would cover the map). */
export const MAX_NAMED_MARKERS = 3;
/** Bumped when the drawing changes, so cached images are not reused for a different picture. */
export const MAP_VERSION = '1';

export interface MapRequest {
  markers: MapMarker[];
  origin?: MapPoint & { label: string };
  country?: string;
}

/** Four decimals (about 11 m): more would only make equal maps look different to a cache. */
const coord = (v: number) => String(Math.round(v * 1e4) / 1e4);
/** Labels are shown as they are; commas are fine (the label is the rest of the value). */
const label = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, MAX_LABEL);

/** The query string of a map (without the path), e.g. for `localizePath(MAP_PATH + '?' + q, locale)`. */
export function mapQuery(request: MapRequest): string {
  const params = new URLSearchParams();
  params.set('v', MAP_VERSION);
  const named = request.markers.length <= MAX_NAMED_MARKERS;
  for (const p of request.markers.slice(0, MAX_MARKERS)) {
    const parts = [String(p.number), coord(p.lat), coord(p.lon), p.approximate ? 'a' : 'e'];
    // Labels are drawn only on maps with few markers; others leave them out of the address.
    if (p.label && named) parts.push(label(p.label));
    params.append('p', parts.join(','));
  }
  if (request.origin)
    params.set('o', [coord(request.origin.lat), coord(request.origin.lon), label(request.origin.label)].join(','));
  if (request.country) params.set('c', request.country);
  return params.toString();
}

export interface FieldProblem {
  field: string;
  reason: string;
}

function parseNumber(text: string | undefined, min: number, max: number): number | null {
  if (text === undefined || !/^-?\d{1,3}(\.\d{1,7})?$/.test(text)) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
}

/** Reads a map's query string; every problem names the parameter and why, for a 400 answer. */
export function parseMapQuery(params: URLSearchParams): { request: MapRequest } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const markers: MapMarker[] = [];
  const all = params.getAll('p');
  if (all.length > MAX_MARKERS) problems.push({ field: 'p', reason: `at most ${MAX_MARKERS} markers` });
  all.slice(0, MAX_MARKERS).forEach((value, i) => {
    const [num, lat, lon, kind, ...rest] = value.split(',');
    const field = `p[${i}]`;
    const number = num !== undefined && /^[1-9]\d{0,3}$/.test(num) ? Number(num) : null;
    if (number === null) problems.push({ field, reason: 'must start with the marker number, 1 to 9999' });
    const latitude = parseNumber(lat, -90, 90);
    const longitude = parseNumber(lon, -180, 180);
    if (latitude === null) problems.push({ field, reason: 'latitude must be a number from -90 to 90' });
    if (longitude === null) problems.push({ field, reason: 'longitude must be a number from -180 to 180' });
    if (kind !== 'a' && kind !== 'e')
      problems.push({ field, reason: 'third part must be a (approximate) or e (exact)' });
    const text = rest.join(',');
    if (text.length > MAX_LABEL) problems.push({ field, reason: `label longer than ${MAX_LABEL} characters` });
    if (number !== null && latitude !== null && longitude !== null)
      markers.push({ number, lat: latitude, lon: longitude, approximate: kind === 'a', ...(text && { label: text }) });
  });
  let origin: MapRequest['origin'];
  const o = params.get('o');
  if (o !== null) {
    const [lat, lon, ...rest] = o.split(',');
    const latitude = parseNumber(lat, -90, 90);
    const longitude = parseNumber(lon, -180, 180);
    const text = rest.join(',').trim();
    if (latitude === null || longitude === null)
      problems.push({ field: 'o', reason: 'must be lat,lon,label with numbers in range' });
    else if (!text || text.length > MAX_LABEL)
      problems.push({ field: 'o', reason: `label must be 1 to ${MAX_LABEL} characters` });
    else origin = { lat: latitude, lon: longitude, approximate: true, label: text };
  }
  const country = params.get('c') ?? undefined;
  if (country !== undefined && !Object.hasOwn(COUNTRY_EXTENTS, country))
    problems.push({ field: 'c', reason: `must be one of ${Object.keys(COUNTRY_EXTENTS).join(' ')}` });
  const known = new Set(['v', 'p', 'o', 'c']);
  for (const key of params.keys()) if (!known.has(key)) problems.push({ field: key, reason: 'unknown parameter' });
  if (problems.length > 0) return { problems };
  return { request: { markers, ...(origin && { origin }), ...(country && { country }) } };
}
