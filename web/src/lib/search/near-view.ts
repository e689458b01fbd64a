import type { Near, Place, UiLanguage } from '@skillway/core';
import { searchHref, withNear, withoutNear, type SearchState } from './search-state';

/** What the search page says about its place field (NearNotice.svelte). */
export interface NearView {
  query: string;
  /** "Cork, Ireland": the place the results are ordered from; null when none was found */
  place: string | null;
  /** its country (the cards say "Across Ireland") */
  country: string | null;
  clearHref: string;
  /** the text was not found as typed (not at all, or read as a near miss of `place`) */
  notFound: boolean;
  postcode: boolean;
  suggestions: { label: string; href: string }[];
}

const regionNames = new Map<string, Intl.DisplayNames>();

/** "Ireland" in the reader's language: the directory's own label, else the platform's name of the region. */
function countryName(code: string, locale: UiLanguage, countries: Record<string, string>): string {
  if (countries[code]) return countries[code];
  let names = regionNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale, 'en'], { type: 'region' });
    regionNames.set(locale, names);
  }
  return names.of(code) ?? code;
}

/** "Cork, Ireland", with the name the reader typed when it matched another name of the place (Корк). */
export function placeLabel(place: Place, locale: UiLanguage, countries: Record<string, string>): string {
  const comma = locale === 'ar' || locale === 'fa' ? '، ' : ', ';
  return `${place.matched ?? place.name}${comma}${countryName(place.country, locale, countries)}`;
}

/** null when the search has no place. */
export function nearView(
  near: Near | undefined,
  state: SearchState,
  locale: UiLanguage,
  countries: Record<string, string>,
): NearView | null {
  if (!state.near || !near) return null;
  const place = near.resolved && near.place ? near.place : null;
  // A near miss ("Crok" read as Cork) offers the place itself as the suggestion.
  const suggestions = place ? (near.typo ? [place] : []) : (near.suggestions ?? []);
  return {
    query: near.query,
    place: place && placeLabel(place, locale, countries),
    country: place?.country ?? null,
    clearHref: searchHref(withoutNear(state), locale),
    notFound: !place || near.typo === true,
    postcode: near.reason === 'postcode',
    suggestions: suggestions.map((s) => ({
      label: placeLabel(s, locale, countries),
      href: searchHref(withNear(state, s.matched ?? s.name), locale),
    })),
  };
}
