import type { ListingPoint, ListingRecord, Point } from '@skillway/core';
import { gazetteer, type Gazetteer } from './gazetteer';

/** What the point of a listing is read from: the fields of a record, or of a search document. */
export type PlacedListing = Pick<ListingRecord, 'city' | 'countries' | 'delivery'> &
  Partial<Pick<ListingRecord, 'locations' | 'service_area'>>;

/**
 * The one point a listing is found at in search (docs/near-me.md), or undefined:
 * only listings delivered in person have one (online-only services are not placed anywhere); it is the
 * first location with coordinates, else the centre of the listing's city, else of its first location's
 * city, else of the first city of its service area, as the gazetteer knows it in one of its countries.
 * A centre is `approximate`: no listing in data/ has coordinates, and none are ever made up.
 */
export function searchPoint(listing: PlacedListing, places: Gazetteer = gazetteer()): Point | undefined {
  if (!listing.delivery.includes('in-person')) return undefined;
  const exact = listing.locations?.find((l) => l.latitude !== undefined && l.longitude !== undefined);
  if (exact) return exactPoint(exact, listing.city);
  const cities = [
    listing.city,
    ...(listing.locations ?? []).map((l) => l.city),
    ...(listing.service_area?.cities ?? []),
  ];
  for (const city of cities) {
    if (!city) continue;
    const centre = places.cityPoint(city, listing.countries);
    if (centre) return { lat: centre.lat, lon: centre.lon, approximate: true, label: city };
  }
  return undefined;
}

function exactPoint(l: NonNullable<ListingRecord['locations']>[number], fallback: string | null): Point {
  return { lat: l.latitude!, lon: l.longitude!, approximate: false, label: l.city ?? l.name ?? fallback ?? '' };
}

/**
 * The points a listing's map draws: one per location (its coordinates, else the centre of its city or
 * the listing's), or, without locations, the listing's city or each city of its service area.
 * Online-only listings have none.
 */
export function listingPoints(listing: PlacedListing, places: Gazetteer = gazetteer()): ListingPoint[] {
  if (!listing.delivery.includes('in-person')) return [];
  const centre = (city: string | null | undefined): Point | undefined => {
    const found = city ? places.cityPoint(city, listing.countries) : undefined;
    return found && { lat: found.lat, lon: found.lon, approximate: true, label: city! };
  };
  const locations = listing.locations ?? [];
  if (locations.length > 0) {
    return locations.flatMap((l, location) => {
      const point =
        l.latitude !== undefined && l.longitude !== undefined
          ? exactPoint(l, listing.city)
          : (centre(l.city) ?? centre(listing.city));
      return point ? [{ location, ...point }] : [];
    });
  }
  const cities = listing.city ? [listing.city] : (listing.service_area?.cities ?? []);
  return cities.flatMap((city) => {
    const point = centre(city);
    return point ? [{ location: null, ...point }] : [];
  });
}

/**
 * Where a listing without a point comes in a distance order: after every listing with one, national and
 * online listings (1) before EU-wide ones (2). Listings with a point are 0.
 */
export function nearGroup(listing: Pick<ListingRecord, 'countries'>, point: Point | undefined): 0 | 1 | 2 {
  if (point) return 0;
  return listing.countries.some((c) => c !== 'EU') ? 1 : 2;
}

const EARTH_RADIUS_KM = 6371.0088;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance (haversine) in km. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
