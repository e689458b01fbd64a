import type { UiLanguage } from '@skillway/core';
import { localizePath, textDirection } from '$lib/i18n/routing';
import { m } from '$lib/paraglide/messages';
import { COUNTRY_EXTENTS, extentForPoints } from './extent';
import { listingMapAlt, mapTitle, originLabel, resultsMapAlt } from './map-text';
import type { ApiPoint, GeoExtent, MapMarker, MapPoint, MapView } from './map-types';
import { MAP_PATH, mapQuery, type MapRequest } from './map-url';
import { mapSize, renderMap, type RenderedMap } from './render-map.server';

export type { ApiPoint, MapView };

/*
 * Maps for pages: a server load builds a MapView (the image's address, text alternative, size and key)
 * and the page shows it with $lib/map/MapFigure.svelte, so no map code and no map message reaches the
 * browser: the page renders a plain <img>.
 */

/** The extent a request shows: its markers and origin, or the country named, or Europe. */
export function requestExtent(request: MapRequest): GeoExtent {
  const fallback = (request.country && COUNTRY_EXTENTS[request.country]) || COUNTRY_EXTENTS.EU!;
  const points: MapPoint[] = [...request.markers, ...(request.origin ? [request.origin] : [])];
  return extentForPoints(points, fallback);
}

function view(request: MapRequest, alt: string, locale: UiLanguage): MapView {
  const { width, height } = mapSize(requestExtent(request));
  return {
    src: localizePath(`${MAP_PATH}?${mapQuery(request)}`, locale),
    alt,
    width,
    height,
    key: request.markers.some((p) => p.approximate) ? m.map_key_approximate({}, { locale }) : null,
  };
}

/**
 * A listing's map: one marker per point, numbered as the page numbers its places (a point of
 * `locations[i]` is number i + 1; points without a location follow). Null when nothing can be placed
 * (online only, or no city the gazetteer knows): then the page shows no map.
 */
export function listingMap(
  points: readonly (ApiPoint & { location?: number | null })[],
  locale: UiLanguage,
): MapView | null {
  if (points.length === 0) return null;
  const located = points.filter((p) => typeof p.location === 'number');
  let next = Math.max(0, ...located.map((p) => p.location! + 1)) + 1;
  const markers: MapMarker[] = points.map((p) => ({
    lat: p.lat,
    lon: p.lon,
    approximate: p.approximate,
    ...(p.label && { label: p.label }),
    number: typeof p.location === 'number' ? p.location + 1 : next++,
  }));
  const request: MapRequest = { markers };
  return view(request, listingMapAlt(markers, locale), locale);
}

/** A search hit as far as the map needs it. */
export interface MapHit {
  delivery: readonly string[];
  point?: ApiPoint;
}

/**
 * The results map: hit n of the list (n = firstNumber, firstNumber + 1, …) is marker n when it has a
 * point; online-only hits are counted in the text, never drawn; `place` is where the search was made
 * from (the resolved `near`), drawn as a star. Null when no hit has a point.
 */
export function resultsMap(
  {
    hits,
    place,
    country,
    firstNumber = 1,
  }: {
    hits: readonly MapHit[];
    place?: { name: string; lat: number; lon: number };
    country?: string;
    firstNumber?: number;
  },
  locale: UiLanguage,
): MapView | null {
  const markers: MapMarker[] = [];
  hits.forEach((hit, i) => {
    if (hit.point)
      markers.push({
        lat: hit.point.lat,
        lon: hit.point.lon,
        approximate: hit.point.approximate,
        ...(hit.point.label && { label: hit.point.label }),
        number: firstNumber + i,
      });
  });
  if (markers.length === 0) return null;
  const onlineOnly = hits.filter((h) => h.delivery.length > 0 && h.delivery.every((d) => d === 'online')).length;
  const request: MapRequest = {
    markers,
    ...(place && { origin: { lat: place.lat, lon: place.lon, approximate: true, label: place.name } }),
    ...(country && Object.hasOwn(COUNTRY_EXTENTS, country) && { country }),
  };
  return view(request, resultsMapAlt({ onMap: markers.length, onlineOnly, place: place?.name }, locale), locale);
}

/** Draws a parsed request (the /map endpoint): labels and numbers in the reader's language. */
export function drawRequest(request: MapRequest, locale: UiLanguage): RenderedMap {
  return renderMap({
    markers: request.markers,
    ...(request.origin && { origin: request.origin, originLabel: originLabel(request.origin.label, locale) }),
    extent: requestExtent(request),
    locale,
    dir: textDirection(locale),
    title: mapTitle(request.markers.length, locale),
  });
}
