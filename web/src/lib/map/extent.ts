import type { GeoExtent, MapPoint } from './map-types';

/**
 * The part of the world a map shows. Browser-safe and tiny: it is plain arithmetic on degrees.
 */

const KM_PER_DEGREE_LAT = 111.32;

/**
 * The countries of the directory (mainland and near islands; Spain's Canary Islands would make Spain a
 * map of the Atlantic), and EU-wide listings as Europe. Rounded outward to a tenth of a degree.
 */
export const COUNTRY_EXTENTS: Readonly<Record<string, GeoExtent>> = {
  BE: { west: 2.5, south: 49.4, east: 6.5, north: 51.6 },
  HU: { west: 16.1, south: 45.7, east: 22.9, north: 48.6 },
  IE: { west: -10.7, south: 51.4, east: -5.9, north: 55.5 },
  IT: { west: 6.6, south: 36.6, east: 18.6, north: 47.1 },
  NL: { west: 3.3, south: 50.7, east: 7.3, north: 53.6 },
  SK: { west: 16.8, south: 47.7, east: 22.6, north: 49.7 },
  SI: { west: 13.3, south: 45.4, east: 16.7, north: 46.9 },
  ES: { west: -9.4, south: 35.9, east: 4.4, north: 43.8 },
  GB: { west: -8.7, south: 49.9, east: 1.8, north: 60.9 },
  EU: { west: -11, south: 34.5, east: 32, north: 62 },
};

/** The centre of an extent. */
export function extentCentre(e: GeoExtent): { lat: number; lon: number } {
  return { lat: (e.south + e.north) / 2, lon: (e.west + e.east) / 2 };
}

/** Width and height of an extent in kilometres (the width measured at its middle latitude). */
export function extentSizeKm(e: GeoExtent): { widthKm: number; heightKm: number } {
  const mid = ((e.south + e.north) / 2) * (Math.PI / 180);
  return {
    widthKm: (e.east - e.west) * KM_PER_DEGREE_LAT * Math.cos(mid),
    heightKm: (e.north - e.south) * KM_PER_DEGREE_LAT,
  };
}

/**
 * An extent grown so that it is at least `minSpanKm` wide and high around its centre: a single point,
 * or a few in one city, are shown with enough country around them to say where they are.
 */
export function atLeast(e: GeoExtent, minSpanKm: number): GeoExtent {
  const { widthKm, heightKm } = extentSizeKm(e);
  if (widthKm >= minSpanKm && heightKm >= minSpanKm) return e;
  const { lat, lon } = extentCentre(e);
  const halfLat = Math.max(e.north - lat, minSpanKm / 2 / KM_PER_DEGREE_LAT);
  const cos = Math.max(Math.cos(lat * (Math.PI / 180)), 0.01);
  const halfLon = Math.max(e.east - lon, minSpanKm / 2 / (KM_PER_DEGREE_LAT * cos));
  return clampToWorld({ west: lon - halfLon, south: lat - halfLat, east: lon + halfLon, north: lat + halfLat });
}

/** An extent with a margin of `fraction` of its size on every side (so markers are not cut at the edge). */
export function padded(e: GeoExtent, fraction: number): GeoExtent {
  const dLat = (e.north - e.south) * fraction;
  const dLon = (e.east - e.west) * fraction;
  return clampToWorld({ west: e.west - dLon, south: e.south - dLat, east: e.east + dLon, north: e.north + dLat });
}

function clampToWorld(e: GeoExtent): GeoExtent {
  return {
    west: Math.max(-180, e.west),
    south: Math.max(-85, e.south),
    east: Math.min(180, e.east),
    north: Math.min(85, e.north),
  };
}

/** The bounding box of some points, or null for none. */
export function boundsOf(points: readonly Pick<MapPoint, 'lat' | 'lon'>[]): GeoExtent | null {
  if (points.length === 0) return null;
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const p of points) {
    west = Math.min(west, p.lon);
    east = Math.max(east, p.lon);
    south = Math.min(south, p.lat);
    north = Math.max(north, p.lat);
  }
  return { west, south, east, north };
}

/** Smallest span shown around points: about a region, since points in our data are city centres. */
export const MIN_SPAN_KM = 500;

/**
 * The extent a map of these points shows: their bounding box with a margin, at least MIN_SPAN_KM across;
 * with no points, the fallback (a country) or Europe.
 */
export function extentForPoints(
  points: readonly Pick<MapPoint, 'lat' | 'lon'>[],
  fallback: GeoExtent = COUNTRY_EXTENTS.EU!,
  minSpanKm = MIN_SPAN_KM,
): GeoExtent {
  const bounds = boundsOf(points);
  if (!bounds) return fallback;
  return atLeast(padded(bounds, 0.12), minSpanKm);
}
