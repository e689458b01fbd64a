import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoBounds } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { GeoExtent } from './map-types';

/**
 * Country outlines from Natural Earth (public domain) as packaged by world-atlas (ISC), read once on
 * first use and kept in memory: only the countries in and around Europe (what the directory covers),
 * each with its bounding box so a render skips the ones outside its extent without projecting them.
 *
 * Two scales: 1:50m for a country or a region (a few km of detail), 1:110m for a map of Europe, where
 * the 50m coastlines would cost CPU and bytes for detail smaller than a pixel.
 */

export type Scale = '50m' | '110m';

export interface Country {
  /** ISO 3166-1 numeric code, as Natural Earth has it */
  id: string;
  feature: Feature<Polygon | MultiPolygon>;
  bounds: GeoExtent;
}

/** Europe, the Mediterranean's south shore and Anatolia: any extent the directory's maps can show. */
const REGION: GeoExtent = { west: -35, south: 25, east: 50, north: 75 };

const cache = new Map<Scale, readonly Country[]>();

export function intersects(a: GeoExtent, b: GeoExtent): boolean {
  return a.west <= b.east && b.west <= a.east && a.south <= b.north && b.south <= a.north;
}

function load(scale: Scale): readonly Country[] {
  const require = createRequire(import.meta.url);
  const topology = JSON.parse(
    readFileSync(require.resolve(`world-atlas/countries-${scale}.json`), 'utf8'),
  ) as Topology<{
    countries: GeometryCollection<{ name: string }>;
  }>;
  const countries: Country[] = [];
  for (const geometry of topology.objects.countries.geometries) {
    const f = feature(topology, geometry) as Feature<Polygon | MultiPolygon>;
    if (!f.geometry) continue;
    // Split multi-polygons so a far-off territory (French Guiana, the Azores) does not widen the
    // box of its country: each part is kept only when it lies in the region.
    const parts = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const coordinates of parts) {
      const part: Feature<Polygon> = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates } };
      const [[west, south], [east, north]] = geoBounds(part) as [[number, number], [number, number]];
      const bounds = { west, south, east, north };
      if (intersects(bounds, REGION)) countries.push({ id: String(geometry.id ?? ''), feature: part, bounds });
    }
  }
  return countries;
}

/** The outlines at a scale, loaded and prepared on first use (then from memory). */
export function countryOutlines(scale: Scale): readonly Country[] {
  let countries = cache.get(scale);
  if (!countries) {
    countries = load(scale);
    cache.set(scale, countries);
  }
  return countries;
}
