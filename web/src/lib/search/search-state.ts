import {
  AUDIENCES,
  CATEGORIES,
  COSTS,
  COUNTRIES,
  DELIVERY_MODES,
  ESCO_OCCUPATION_URI_PATTERN,
  ISCO_CODE_PATTERN,
  KINDS,
  LANGUAGE_CODE_PATTERN,
  SEARCH_MAX_PAGE,
  SEARCH_MAX_QUERY_LENGTH,
  type SearchQuery,
  type UiLanguage,
} from '@skillway/core';
import { localizePath } from '$lib/i18n/routing';

/**
 * The search page's state is its URL: these functions read it, write it back and build the links
 * (toggle a filter, remove one, next page) that work the same with and without JavaScript.
 */

/** Multi-valued filters, named as the API's query parameters (and the facets of the response). */
export const LIST_FILTERS = ['country', 'category', 'audience', 'kind', 'language', 'cost', 'delivery'] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];

const ALLOWED: Record<ListFilter, (value: string) => boolean> = {
  country: oneOf(COUNTRIES),
  category: oneOf(CATEGORIES),
  audience: oneOf(AUDIENCES),
  kind: oneOf(KINDS),
  language: (v) => new RegExp(LANGUAGE_CODE_PATTERN).test(v),
  cost: oneOf(COSTS),
  delivery: oneOf(DELIVERY_MODES),
};
const OCCUPATION_CODE = new RegExp(`${ISCO_CODE_PATTERN}|${ESCO_OCCUPATION_URI_PATTERN}`);
const ACTIVE = ['true', 'false', 'any'] as const;
/** An understood concept taken back, as the API names it (`kind:value`, e.g. `country:IE`). */
const IGNORE_KEY = /^[a-z]+:.{1,200}$/;
/**
 * A hidden field of the search form: the words that `ignore` belongs to. Only forms send it (links
 * keep the words as they are); it is read, never written back into links.
 */
export const IGNORE_FOR_FIELD = 'ignore_q';
/** The API takes at most this many `ignore` values. */
export const MAX_IGNORED_CONCEPTS = 20;
/**
 * The orders the API offers (`relevance`, without words the default order, first). Listed here rather
 * than read from the schema, which would bring TypeBox into the browser; a test keeps them equal.
 */
export type SearchSort = NonNullable<SearchQuery['sort']>;
export const SORTS = ['relevance', 'checked', 'name', 'distance'] as const satisfies readonly SearchSort[];
/** The longest place text the API takes (`near`). */
export const MAX_NEAR_LENGTH = 100;

function oneOf(values: readonly string[]) {
  return (value: string) => values.includes(value);
}

export interface SearchState extends Record<ListFilter, string[]> {
  q: string;
  /** occupation as the person typed or picked it, resolved to ESCO on the server */
  occ: string;
  /** ISCO codes or ESCO URIs given directly (links from other pages, API-style URLs) */
  occupation: string[];
  skill: string[];
  /**
   * Concepts recognised in `q` that the person took back ("not Ireland"): kept in the URL so every
   * link and form of the page carries them, shown nowhere but in the URL.
   */
  ignore: string[];
  active: (typeof ACTIVE)[number];
  /** a town or city the results are ordered by distance from, as the person typed it (docs/near-me.md) */
  near: string;
  /** `distance` is the default when there is a place and no words, `relevance` otherwise (defaultSort) */
  sort: SearchSort;
  page: number;
}

/** A value of the URL that was dropped; the page says which and why, in the reader's language. */
export interface IgnoredParam {
  field: string;
  value: string;
  reason: 'unknown-value' | 'too-long' | 'bad-format';
}

export function emptySearchState(): SearchState {
  return {
    q: '',
    occ: '',
    occupation: [],
    skill: [],
    ignore: [],
    country: [],
    category: [],
    audience: [],
    kind: [],
    language: [],
    cost: [],
    delivery: [],
    active: 'true',
    near: '',
    sort: 'relevance',
    page: 1,
  };
}

/**
 * The order when none is chosen, as the API does (docs/near-me.md): nearest first when there is a place
 * and no words; with words the best match first, and "Nearest" is one choice of the sort control.
 */
export function defaultSort(state: Pick<SearchState, 'near' | 'q'>): SearchSort {
  return state.near && !state.q.trim() ? 'distance' : 'relevance';
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/**
 * Reads the state from a URL's query. Unknown vocabulary values are dropped and reported instead of
 * failing the page: a mistyped shared link still shows results, with a note on what was ignored.
 */
export function parseSearchState(params: URLSearchParams): { state: SearchState; ignored: IgnoredParam[] } {
  const state = emptySearchState();
  const ignored: IgnoredParam[] = [];

  const q = (params.get('q') ?? '').trim();
  if (q.length > SEARCH_MAX_QUERY_LENGTH) {
    ignored.push({ field: 'q', value: q.slice(0, 40) + '…', reason: 'too-long' });
    state.q = q.slice(0, SEARCH_MAX_QUERY_LENGTH);
  } else state.q = q;
  state.occ = (params.get('occ') ?? '').trim().slice(0, 200);

  for (const field of LIST_FILTERS) {
    for (const raw of params.getAll(field)) {
      const value = raw.trim();
      if (!value) continue;
      if (ALLOWED[field](value)) state[field].push(value);
      else ignored.push({ field, value, reason: 'unknown-value' });
    }
    state[field] = unique(state[field]);
  }
  for (const raw of params.getAll('occupation')) {
    const value = raw.trim();
    if (!value) continue;
    if (OCCUPATION_CODE.test(value)) state.occupation.push(value);
    else ignored.push({ field: 'occupation', value, reason: 'bad-format' });
  }
  state.occupation = unique(state.occupation);
  state.skill = unique(
    params
      .getAll('skill')
      .map((s) => s.trim())
      .filter((s) => s.length > 0 && s.length <= 100),
  );

  for (const raw of params.getAll('ignore')) {
    const value = raw.trim();
    if (!value) continue;
    if (IGNORE_KEY.test(value)) state.ignore.push(value);
    else ignored.push({ field: 'ignore', value: value.slice(0, 40), reason: 'bad-format' });
  }
  state.ignore = unique(state.ignore).slice(0, MAX_IGNORED_CONCEPTS);
  // The search form sends the words the concepts were taken back from (IGNORE_FOR_FIELD): new words
  // are read afresh, with nothing taken back; a changed filter keeps them taken back.
  const ignoreFor = params.get(IGNORE_FOR_FIELD);
  if (ignoreFor !== null && ignoreFor.trim() !== state.q) state.ignore = [];

  const active = params.get('active');
  if (active !== null && active !== '') {
    if ((ACTIVE as readonly string[]).includes(active)) state.active = active as SearchState['active'];
    else ignored.push({ field: 'active', value: active, reason: 'unknown-value' });
  }
  const near = (params.get('near') ?? '').trim().replace(/\s+/g, ' ');
  if (near.length > MAX_NEAR_LENGTH)
    ignored.push({ field: 'near', value: near.slice(0, 40) + '…', reason: 'too-long' });
  else state.near = near;
  state.sort = defaultSort(state);
  const sort = params.get('sort');
  if (sort !== null && sort !== '') {
    // Nearest first needs a place to be near.
    if ((SORTS as readonly string[]).includes(sort) && (sort !== 'distance' || state.near))
      state.sort = sort as SearchSort;
    else ignored.push({ field: 'sort', value: sort, reason: 'unknown-value' });
  }
  const page = params.get('page');
  if (page !== null && page !== '') {
    const n = Number(page);
    if (Number.isInteger(n) && n >= 1 && n <= SEARCH_MAX_PAGE) state.page = n;
    else ignored.push({ field: 'page', value: page, reason: 'bad-format' });
  }
  return { state, ignored };
}

/** The query string of a state, leaving out defaults so links stay short and readable. */
export function searchParamsOf(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.occ) params.set('occ', state.occ);
  for (const value of state.occupation) params.append('occupation', value);
  for (const field of LIST_FILTERS) for (const value of state[field]) params.append(field, value);
  for (const value of state.skill) params.append('skill', value);
  for (const value of state.ignore) params.append('ignore', value);
  if (state.active !== 'true') params.set('active', state.active);
  if (state.near) params.set('near', state.near);
  if (state.sort !== defaultSort(state)) params.set('sort', state.sort);
  if (state.page !== 1) params.set('page', String(state.page));
  return params;
}

/** A UTF-8 character written as %XX escapes (2-4 bytes). */
const ESCAPED_CHARACTER = /%[C-F][0-9A-F](?:%[89AB][0-9A-F]){1,3}/g;
const LETTER = /^[\p{L}\p{M}\p{N}]+$/u;

/**
 * encodeURIComponent, except that letters beyond ASCII stay as they are: "أنا" rather than
 * "%D8%A3%D9%86%D8%A7", six times shorter in every link of an Arabic page. A URL may hold them (they are
 * URL code points; the browser escapes them when it sends the request), and the server reads the same
 * words either way.
 */
export function readableComponent(text: string): string {
  return encodeURIComponent(text).replace(ESCAPED_CHARACTER, (escaped) => {
    const character = decodeURIComponent(escaped);
    return LETTER.test(character) ? character : escaped;
  });
}

/** A query string as URLSearchParams writes it (spaces as +), with letters left readable. */
export function readableQuery(params: URLSearchParams): string {
  const out: string[] = [];
  for (const [key, value] of params)
    out.push(`${readableComponent(key)}=${readableComponent(value).replaceAll('%20', '+')}`);
  return out.join('&');
}

export function searchHref(state: SearchState, locale: UiLanguage): string {
  const query = readableQuery(searchParamsOf(state));
  // The query is added after localizing: localizePath parses the URL, which would escape its letters.
  return query ? `${localizePath('/search', locale)}?${query}` : localizePath('/search', locale);
}

/** A changed copy of the state; any change other than the page itself goes back to page 1. */
export function changed(state: SearchState, changes: Partial<SearchState>): SearchState {
  return { ...state, page: 1, ...changes };
}

export function withoutValue(
  state: SearchState,
  field: ListFilter | 'occupation' | 'skill',
  value: string,
): SearchState {
  return changed(state, { [field]: state[field].filter((v) => v !== value) });
}

/** Every narrowing the person chose, one entry per value: the chips above the results and the empty state. */
export type ActiveFilter =
  | { field: ListFilter | 'occupation' | 'skill'; value: string }
  | { field: 'q' | 'occ'; value: string }
  | { field: 'active'; value: SearchState['active'] };

export function activeFilters(state: SearchState): ActiveFilter[] {
  const active: ActiveFilter[] = [];
  if (state.q) active.push({ field: 'q', value: state.q });
  if (state.occ) active.push({ field: 'occ', value: state.occ });
  for (const value of state.occupation) active.push({ field: 'occupation', value });
  for (const field of LIST_FILTERS) for (const value of state[field]) active.push({ field, value });
  for (const value of state.skill) active.push({ field: 'skill', value });
  if (state.active === 'false') active.push({ field: 'active', value: 'false' });
  return active;
}

/** The state with one active filter taken away (what "remove this filter" links to). */
export function withoutFilter(state: SearchState, filter: ActiveFilter): SearchState {
  switch (filter.field) {
    case 'q':
      // What was understood came from the words: without them there is nothing left to take back.
      return changed(state, { q: '', ignore: [] });
    case 'occ':
      return changed(state, { occ: '' });
    case 'active':
      return changed(state, { active: 'true' });
    default:
      return withoutValue(state, filter.field, filter.value);
  }
}

/**
 * The state with one understood concept taken back (what a "We understood" chip's remove link points
 * to): every other parameter kept, back to page 1. A key already ignored, or one too many, changes nothing
 * but the page.
 */
export function withIgnored(state: SearchState, key: string): SearchState {
  if (!IGNORE_KEY.test(key) || state.ignore.includes(key) || state.ignore.length >= MAX_IGNORED_CONCEPTS) {
    return changed(state, {});
  }
  return changed(state, { ignore: [...state.ignore, key] });
}

/** The state with a taken-back concept applied again. */
export function withoutIgnored(state: SearchState, key: string): SearchState {
  return changed(state, { ignore: state.ignore.filter((k) => k !== key) });
}

/**
 * What the API is asked; `occupations` are the codes the typed occupation resolved to, `lang` the
 * reader's language (how to read `q`, and the language of the labels of what was understood).
 */
export function toSearchQuery(
  state: SearchState,
  occupations: string[],
  perPage: number,
  lang: UiLanguage,
): SearchQuery & { lang: UiLanguage } {
  const query: SearchQuery & { lang: UiLanguage } = { lang, page: state.page, per_page: perPage };
  if (state.q) query.q = state.q;
  // Ignoring only means something for concepts read from the words.
  if (state.q && state.ignore.length) query.ignore = state.ignore;
  const allOccupations = unique([...state.occupation, ...occupations]);
  if (allOccupations.length) query.occupation = allOccupations;
  if (state.skill.length) query.skill = state.skill;
  for (const field of LIST_FILTERS) {
    // The vocabulary checks in parseSearchState make these casts safe.
    if (state[field].length) (query as Record<string, unknown>)[field] = state[field];
  }
  if (state.active !== 'true') query.active = state.active;
  if (state.near) query.near = state.near;
  if (state.sort !== defaultSort(state)) query.sort = state.sort;
  return query;
}

/** The same search without its place: the order goes back to the default unless one was chosen. */
export function withoutNear(state: SearchState): SearchState {
  return changed(state, { near: '', sort: state.sort === 'distance' ? 'relevance' : state.sort });
}

/** The same search near another place ("did you mean Cork?"): in that search's default order. */
export function withNear(state: SearchState, near: string): SearchState {
  return changed(state, { near, sort: state.sort === 'distance' ? 'distance' : defaultSort({ ...state, near }) });
}
