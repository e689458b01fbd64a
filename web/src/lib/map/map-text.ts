import type { UiLanguage } from '@skillway/core';
import { m } from '$lib/paraglide/messages';
import type { MapMarker } from './map-types';
import { numberFormat } from './number-format';

/**
 * The words of a map: its text alternatives and drawn labels, in the reader's language. A map is never
 * the only way to the information: the list beside it has the same numbers, and these texts say what
 * the picture shows to someone who cannot see it.
 */

/** "approximate: centre of Cork" for a derived point, the label itself for an exact one. */
export function describePoint(marker: Pick<MapMarker, 'approximate' | 'label'>, locale: UiLanguage): string | null {
  if (!marker.label) return null;
  return marker.approximate ? m.map_point_approximate({ place: marker.label }, { locale }) : marker.label;
}

/** "1: approximate: centre of Cork; 2: 12 Main Street" — each marker by its number. */
export function describeMarkers(markers: readonly MapMarker[], locale: UiLanguage): string {
  const number = numberFormat(locale);
  return markers
    .map((marker) => `${number.format(marker.number)}: ${describePoint(marker, locale) ?? ''}`.trim())
    .join('; ');
}

/**
 * A results map's summary: "5 services near Cork are shown on the map; 3 are online only and not on
 * the map". `onMap` counts the services drawn, `onlineOnly` those that are online only.
 */
export function resultsMapAlt(
  { onMap, onlineOnly, place }: { onMap: number; onlineOnly: number; place?: string },
  locale: UiLanguage,
): string {
  const shown = place
    ? m.map_results_alt({ count: onMap, place }, { locale })
    : m.map_results_alt_anywhere({ count: onMap }, { locale });
  return onlineOnly > 0 ? `${shown}; ${m.map_results_online({ count: onlineOnly }, { locale })}` : shown;
}

/** A listing map's text alternative: "Map of where this service is: 1: approximate: centre of Cork". */
export function listingMapAlt(markers: readonly MapMarker[], locale: UiLanguage): string {
  return m.map_listing_alt({ places: describeMarkers(markers, locale) }, { locale });
}

/** The drawn name of the place searched from: "Cork (you)". */
export function originLabel(place: string, locale: UiLanguage): string {
  return m.map_origin_label({ place }, { locale });
}

/** The SVG's own <title> when it is opened by itself: "Map with 3 numbered places". */
export function mapTitle(count: number, locale: UiLanguage): string {
  return m.map_title({ count }, { locale });
}
