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
import { parseSearchState, searchHref, toSearchQuery, withIgnored, type SearchState } from '$lib/search/search-state';
import { understoodData, understoodView } from '$lib/understood/understood';
import type { FacetOption, Facets, LanguageNames, Vocabulary } from '$lib/vocabulary';

const PER_PAGE = 20;
/** Services are offered in many languages; the filter lists the most common ones (and any chosen). */
const MAX_LANGUAGE_OPTIONS = 12;

function facetOptions(
  facets: SearchResponse['facets'],
  state: SearchState,
  vocabulary: Vocabulary,
  languages: LanguageNames,
): Facets {
  const build = (values: FacetValue[], selected: string[], label: (value: string) => string): FacetOption[] => {
    const counts = new Map(values.map((v) => [v.value, v.count]));
    for (const s of selected) if (!counts.has(s)) counts.set(s, 0);
    return [...counts].map(([value, count]) => ({
      value,
      count,
      label: label(value),
      selected: selected.includes(value),
    }));
  };
  const languageOptions = build(facets.language, state.language, (v) => languages[v] ?? v)
    .filter((o) => o.count > 0 || o.selected)
    .sort((a, b) => Number(b.selected) - Number(a.selected) || b.count - a.count || a.label.localeCompare(b.label));
  // Countries in the order people know them (alphabetical in the UI language), EU-wide last.
  const countryOptions = build(facets.country, state.country, (v) => vocabulary.countries[v as never] ?? v).sort(
    (a, b) => Number(a.value === 'EU') - Number(b.value === 'EU') || a.label.localeCompare(b.label),
  );
  return {
    country: countryOptions.filter((o) => (COUNTRIES as readonly string[]).includes(o.value)),
    category: build(facets.category, state.category, (v) => vocabulary.categories[v as never] ?? v),
    audience: build(facets.audience, state.audience, (v) => vocabulary.audiences[v as never] ?? v),
    kind: build(facets.kind, state.kind, (v) => vocabulary.kinds[v as never] ?? v),
    language: languageOptions.slice(0, Math.max(MAX_LANGUAGE_OPTIONS, state.language.length)),
    cost: build(facets.cost, state.cost, (v) => vocabulary.costs[v as never] ?? v),
    delivery: build(facets.delivery, state.delivery, (v) => vocabulary.delivery[v as never] ?? v),
  };
}

export const load = (async ({ url, locals, parent, getClientAddress, cookies }) => {
  const locale = locals.locale;
  const ctx = { clientAddress: getClientAddress() };
  const { state, ignored } = parseSearchState(url.searchParams);

  let occupation: ResolvedOccupation | null = null;
  try {
    if (state.occ) occupation = await resolveOccupation(state.occ, locale, ctx);
    const occupations = occupation?.chosen ? [occupationRef(occupation.chosen)] : [];
    const result = await search(toSearchQuery(state, occupations, PER_PAGE, locale), ctx);

    const { vocabulary } = await parent();
    const codes = new Set([...result.facets.language.map((f) => f.value), ...state.language]);
    for (const hit of result.hits) for (const code of hit.languages) codes.add(code);
    const languages = await languageNames(codes, locale, ctx);
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
      hits: result.hits,
      total: result.total,
      page: result.page,
      perPage: result.per_page,
      facets: facetOptions(result.facets, state, vocabulary, languages),
      languages,
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
