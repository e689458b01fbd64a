import { COUNTRIES, type FacetValue, type SearchResponse } from '@skillway/core';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { search } from '$lib/server/api';
import type { ResolvedOccupation } from '$lib/occupation';
import { occupationRef, resolveOccupation } from '$lib/server/occupation-resolver';
import { storyHintFor } from '../stories/stories-api.server';
import { rethrowApiFailure } from '$lib/server/problem-errors';
import { languageNames } from '$lib/server/vocabulary';
import { readMyList } from '$lib/server/my-list-cookie';
import {
  parseSearchState,
  readableQuery,
  searchHref,
  searchParamsOf,
  toSearchQuery,
  withIgnored,
  type SearchState,
} from '$lib/search/search-state';
import { understoodData, understoodView } from '$lib/understood/understood';
import type { LanguageNames, Vocabulary } from '$lib/vocabulary';
import { SEARCH_FORM_ID, type FacetOption, type Facets } from './facet-options';
import { renderCards } from '$lib/search/render-cards.server';
import { renderStatic } from '$lib/search/render-static.server';
import ActiveFilters from './ActiveFilters.svelte';
import EmptyState from './EmptyState.svelte';
import FacetGroups from './FacetGroups.svelte';
import Pagination from './Pagination.svelte';
import NearNotice from './NearNotice.svelte';
import { nearView } from '$lib/search/near-view';
import { resultsMap } from '$lib/map/map-view.server';

/**
 * Ten cards a page (as on /employers): a phone shows one or two at a time, and twenty full cards in
 * Arabic, near a place, with the map, came to 12.9 KB of HTML against the 12 KB budget (issue 17).
 */
const PER_PAGE = 10;
/** Services are offered in many languages; the filter lists the most common ones (and any chosen). */
const MAX_LANGUAGE_OPTIONS = 12;

/**
 * Each facet's options in the order shown, without their labels: the page labels them from the
 * vocabulary and language names it has anyway, so the labels are not sent twice.
 */
function facetOptions(
  facets: SearchResponse['facets'],
  state: SearchState,
  vocabulary: Vocabulary,
  languages: LanguageNames,
): Facets {
  const build = (values: FacetValue[], selected: string[]): FacetOption[] => {
    const counts = new Map(values.map((v) => [v.value, v.count]));
    for (const s of selected) if (!counts.has(s)) counts.set(s, 0);
    return [...counts].map(([value, count]) =>
      selected.includes(value) ? { value, count, selected: true } : { value, count },
    );
  };
  const byLabel = (label: (value: string) => string) => (a: FacetOption, b: FacetOption) =>
    label(a.value).localeCompare(label(b.value));
  const languageLabel = byLabel((v) => languages[v] ?? v);
  const languageOptions = build(facets.language, state.language)
    .filter((o) => o.count > 0 || o.selected)
    .sort(
      (a, b) => Number(b.selected ?? false) - Number(a.selected ?? false) || b.count - a.count || languageLabel(a, b),
    );
  // Countries in the order people know them (alphabetical in the UI language), EU-wide last.
  const countryLabel = byLabel((v) => vocabulary.countries[v as never] ?? v);
  const countryOptions = build(facets.country, state.country).sort(
    (a, b) => Number(a.value === 'EU') - Number(b.value === 'EU') || countryLabel(a, b),
  );
  return {
    country: countryOptions.filter((o) => (COUNTRIES as readonly string[]).includes(o.value)),
    category: build(facets.category, state.category),
    audience: build(facets.audience, state.audience),
    kind: build(facets.kind, state.kind),
    language: languageOptions.slice(0, Math.max(MAX_LANGUAGE_OPTIONS, state.language.length)),
    cost: build(facets.cost, state.cost),
    delivery: build(facets.delivery, state.delivery),
  };
}

export const load = (async ({ url, locals, parent, getClientAddress, cookies, isDataRequest }) => {
  const locale = locals.locale;
  const ctx = { clientAddress: getClientAddress() };
  // Read from url.search, not url.searchParams: SvelteKit would list every parameter read in the
  // page's hydration data (~80 bytes gzip) to rerun the load when one changes; any change of the
  // address reruns it anyway.
  const { state, ignored } = parseSearchState(new URLSearchParams(url.search));

  let occupation: ResolvedOccupation | null = null;
  try {
    if (state.occ) occupation = await resolveOccupation(state.occ, locale, ctx);
    const occupations = occupation?.chosen ? [occupationRef(occupation.chosen)] : [];
    const result = await search(toSearchQuery(state, occupations, PER_PAGE, locale), ctx);

    const { vocabulary } = await parent();
    const codes = new Set([...result.facets.language.map((f) => f.value), ...state.language]);
    for (const hit of result.hits) for (const code of hit.languages) codes.add(code);
    const allLanguages = await languageNames(codes, locale, ctx);
    const facets = facetOptions(result.facets, state, vocabulary, allLanguages);
    // Names only of the languages the page shows (the filter lists the most common few).
    const shown = new Set([...facets.language.map((o) => o.value), ...state.language]);
    for (const hit of result.hits) for (const code of hit.languages) shown.add(code);
    const languages: LanguageNames = {};
    for (const code of shown) if (allLanguages[code]) languages[code] = allLanguages[code];
    const ship = isDataRequest;
    const pages = Math.max(1, Math.ceil(result.total / result.per_page));
    const labels = { vocabulary, languages, locale };
    const near = nearView(result.near, state, locale, vocabulary.countries);
    const place = result.near?.resolved ? result.near.place : undefined;
    /** the number the list gives its first card, and the results map its marker */
    const firstNumber = (result.page - 1) * result.per_page + 1;
    // The parts of the page that never change in the browser are rendered here, to HTML that reaches
    // the browser once (server-text.ts); the rest is data for the page's own components.
    return {
      state,
      ignored,
      occupation,
      /** what was recognised in the words, labelled in the page's language; null when nothing was */
      understood: understoodView(understoodData(result.understood), {
        q: state.q,
        ignored: state.ignore,
        removeHref: (key) => searchHref(withIgnored(state, key), locale),
        correctionMessage: (values) => m.understood_corrected(values),
      }),
      /** the result cards, rendered by ResultCard */
      cards: renderCards(result.hits, {
        ...labels,
        from: readableQuery(searchParamsOf(state)),
        firstNumber,
        nearCountry: near?.country ?? undefined,
        ship,
      }),
      /** the results on a map (an <img> of /map, $lib/map), when a place is set and some have a point */
      map: place
        ? resultsMap(
            {
              hits: result.hits,
              place: { name: place.matched ?? place.name, lat: place.lat, lon: place.lon },
              country: place.country,
              firstNumber,
            },
            locale,
          )
        : null,
      total: result.total,
      page: result.page,
      pages,
      html: {
        facets: renderStatic(
          FacetGroups,
          { facets, vocabulary, languages, showKind: state.kind.length > 0, form: SEARCH_FORM_ID },
          ship,
        ),
        activeFilters: renderStatic(ActiveFilters, { search: state, ...labels }, ship),
        pagination: renderStatic(Pagination, { search: state, page: result.page, pages, locale }, ship),
        empty: result.hits.length ? null : renderStatic(EmptyState, { search: state, ...labels }, ship),
        near: near && renderStatic(NearNotice, { near }, ship),
      },
      /** "how others did it": stories of the occupation asked for, shown after the results (issue 19) */
      storyHint: await storyHintFor(
        { occupation: occupations[0], understood: result.understood, country: state.country[0] },
        locale,
        ctx,
      ),
      /** the ids in the reader's list on this device, so each card offers add or remove */
      myList: readMyList(cookies),
    };
  } catch (e) {
    rethrowApiFailure(e, { notFound: m.error_not_found(), unavailable: m.error_unavailable() });
  }
}) satisfies PageServerLoad;
