import {
  AUDIENCES,
  CATEGORIES,
  COSTS,
  COUNTRIES,
  DELIVERY_MODES,
  FACETS,
  KINDS,
  SEARCH_DEFAULT_PER_PAGE,
  SEARCH_MAX_PER_PAGE,
  foldText,
  type Facet,
  type SearchHit,
  type SearchQuery,
} from '@skillway/core';
import type { PlanConcept } from '@skillway/query';
import { hitTexts, type HitTexts } from '../listing-texts';
import type { EngineSearchQuery, SearchDocument } from './search-engine';
import { searchPoint } from '../geo/listing-point';
import { pointTerm } from '../geo/distance-order';

function withPoint(doc: SearchDocument): Pick<SearchHit, 'point'> {
  const point = searchPoint(doc);
  return point ? { point } : {};
}

function pointTerms(doc: SearchDocument): [TermField, string][] {
  const point = searchPoint(doc);
  return point ? [['point', pointTerm(point)]] : [];
}

/**
 * What both engines agree on before they differ: which values a document is filed under, how a query
 * is cut into words, how filters are read. The contract suite holds each engine to these.
 */

/** Vocabulary facets list every value (zeros included); `language` lists the values present. */
export const FACET_VOCABULARY: Record<Exclude<Facet, 'language'>, readonly string[]> = {
  country: COUNTRIES,
  category: CATEGORIES,
  audience: AUDIENCES,
  kind: KINDS,
  cost: COSTS,
  delivery: DELIVERY_MODES,
};

/** `active` is true/false/null in a record; filters need a value for "unknown" too. */
export const ACTIVE_STATES = ['active', 'ended', 'unknown'] as const;
export type ActiveState = (typeof ACTIVE_STATES)[number];
export function activeState(active: boolean | null): ActiveState {
  return active === null ? 'unknown' : active ? 'active' : 'ended';
}
/** active=true means "not known to have ended". */
export const ACTIVE_FILTER: Record<NonNullable<SearchQuery['active']>, readonly ActiveState[]> = {
  true: ['active', 'unknown'],
  false: ['ended'],
  any: ACTIVE_STATES,
};

/** Skill filters compare folded tags, so "Nursing" and "nursing" are the same skill. */
export function skillKey(skill: string): string {
  return foldText(skill).replace(/\s+/g, ' ').trim();
}

/** '2221' -> ['2', '22', '222', '2221']. */
export function codePrefixes(code: string): string[] {
  return Array.from({ length: code.length }, (_, i) => code.slice(0, i + 1));
}

/** Occupation codes a document is filed under, in a form both engines can filter with equality alone. */
export function occupationTerms(codes: readonly string[]): { exact: string[]; paths: string[] } {
  const exact = [...new Set(codes)];
  return { exact, paths: [...new Set(exact.flatMap(codePrefixes))] };
}

export type TermField =
  Facet | 'active' | 'occupation' | 'occupation_path' | 'occupation_ref' | 'skill' | 'checked' | 'point';

/** Every (field, value) a document can be filtered or counted by. */
export function documentTerms(doc: SearchDocument): [TermField, string][] {
  const { exact, paths } = occupationTerms(doc.occupation_codes);
  const terms: [TermField, string][] = [
    ...doc.countries.map((v): [TermField, string] => ['country', v]),
    ...doc.categories.map((v): [TermField, string] => ['category', v]),
    ...doc.audiences.map((v): [TermField, string] => ['audience', v]),
    ['kind', doc.kind],
    ...doc.languages.map((v): [TermField, string] => ['language', v]),
    ['cost', doc.cost],
    // The day we last checked it: the embedded engine's freshness and its checked order, from bitmaps.
    ...(doc.checked_at ? [['checked', doc.checked_at] as [TermField, string]] : []),
    ...doc.delivery.map((v): [TermField, string] => ['delivery', v]),
    ['active', activeState(doc.active)],
    ...exact.map((v): [TermField, string] => ['occupation', v]),
    ...paths.map((v): [TermField, string] => ['occupation_path', v]),
    // As tagged (code or URI): how a word that matches an occupation label reaches the listing.
    ...doc.occupations.map((v): [TermField, string] => ['occupation_ref', v]),
    ...doc.skills.map((v): [TermField, string] => ['skill', skillKey(v)]),
    // Where it is (near me): the embedded engine reads every document's point from these bitmaps.
    ...pointTerms(doc),
  ];
  const seen = new Set<string>();
  return terms.filter(([f, v]) => {
    const key = `${f}\u0000${v}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The hit as both engines return it, before the snippet is added. `translations` (a listing's name and
 * summary in each of its languages) is read and taken off by localizeHits before the hit leaves the
 * search service.
 */
export function documentToHit(doc: SearchDocument): Omit<SearchHit, 'snippet'> & { translations?: HitTexts } {
  return {
    id: doc.id,
    kind: doc.kind,
    name: doc.name,
    summary: doc.summary,
    countries: doc.countries,
    city: doc.city,
    categories: doc.categories,
    audiences: doc.audiences,
    languages: doc.languages,
    cost: doc.cost,
    delivery: doc.delivery,
    active: doc.active,
    organisation: doc.organisation,
    url: doc.url,
    // "checked <date>" on result cards: when we last checked the facts (a link check may be newer than the data's date)
    checked_at: doc.fresh?.checked ?? doc.checked_at,
    // where it is, for maps and distances (docs/near-me.md): a city's centre, marked approximate
    ...withPoint(doc),
    ...(doc.texts && Object.keys(doc.texts).length > 0 && { translations: hitTexts(doc) }),
  };
}

/**
 * The engines accept the request even when it did not pass the API's validation (a 10 kB q, a
 * page of 0): they must never fail on input, only answer "nothing".
 */
export const QUERY_MAX_WORDS = 10; // Meilisearch ignores words after the tenth; the SQLite engine does the same
const QUERY_SCAN_CHARS = 2_000;
const WORD_MAX_CHARS = 64;

/** Query words: letters and digits only, lower-cased (not folded: each engine folds like its index). */
export function queryWords(q: string | undefined): string[] {
  if (!q) return [];
  const words =
    q
      .slice(0, QUERY_SCAN_CHARS)
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  return words.slice(0, QUERY_MAX_WORDS).map((w) => [...w].slice(0, WORD_MAX_CHARS).join(''));
}

/** One word of the query to look for, in any of its forms (see QueryTerm in the query package). */
export interface SearchTerm {
  text: string;
  forms: string[];
  /** keys of boost concepts (`occupation:2221`): a listing that has one covers this word */
  concepts: string[];
}

export interface NormalisedQuery {
  /** the terms' words as typed (what Meilisearch is asked for) */
  words: string[];
  terms: SearchTerm[];
  /** recognised concepts that raise listings that have them (occupation, skill, need, audience) */
  boosts: PlanConcept[];
  /** whether the request had text at all, searchable or not */
  hadText: boolean;
  /** whether query understanding recognised anything in it (a country alone counts) */
  understoodSomething: boolean;
  /** selected values per facet; a facet that is absent is not filtered */
  facets: Partial<Record<Facet, string[]>>;
  occupations: string[];
  skills: string[];
  active: readonly ActiveState[];
  page: number;
  perPage: number;
  /**
   * `relevance` (words or concepts to rank by), `name`, `checked` (most recently checked first), or
   * `browse`: no words and no order asked for (country-specific before EU-wide, live before unknown,
   * most recently checked first).
   */
  sort: 'relevance' | 'name' | 'checked' | 'browse';
  /** whether to count facets (the matcher does not read them) */
  withFacets: boolean;
  /** order by distance from here, ties by `sort` (see EngineSearchQuery.nearPoint) */
  nearPoint?: { lat: number; lon: number };
}

function positiveInt(value: unknown, fallback: number, max: number): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n) || n < 1) return fallback;
  return Math.min(Math.floor(n), max);
}

/** Fills defaults and drops empty selections; unknown values are kept (they match nothing). */
export function normaliseQuery(query: EngineSearchQuery): NormalisedQuery {
  const facets: Partial<Record<Facet, string[]>> = {};
  for (const facet of FACETS) {
    const values = query[facet];
    if (values && values.length > 0) facets[facet] = [...new Set(values.map(String))];
  }
  let terms: SearchTerm[];
  let boosts: PlanConcept[] = [];
  if (query.plan) {
    terms = query.plan.terms.slice(0, QUERY_MAX_WORDS).map((t) => ({
      text: [...t.text.toLowerCase()].slice(0, WORD_MAX_CHARS).join(''),
      forms: t.forms.slice(0, 8).map((f) => [...f].slice(0, WORD_MAX_CHARS).join('')),
      concepts: t.concepts,
    }));
    // Countries boost too: in "nurse in Ireland", Irish services before EU-wide ones.
    boosts = query.plan.concepts.filter((c) => c.effect === 'boost' || c.kind === 'country');
    // "in Ireland" limits the search to Ireland and to EU-wide services, unless countries were chosen.
    const countries = query.plan.concepts.filter((c) => c.kind === 'country' && c.effect === 'filter');
    if (countries.length > 0 && !facets.country)
      facets.country = [...new Set([...countries.map((c) => c.value), 'EU'])];
  } else {
    terms = queryWords(query.q).map((w) => ({ text: w, forms: [w], concepts: [] }));
  }
  const words = terms.map((t) => t.text);
  return {
    words,
    terms,
    boosts,
    hadText: typeof query.q === 'string' && query.q.trim() !== '',
    understoodSomething: (query.plan?.concepts.length ?? 0) > 0,
    facets,
    occupations: [...new Set(query.occupation ?? [])],
    skills: [...new Set((query.skill ?? []).map(skillKey))],
    active: ACTIVE_FILTER[query.active ?? 'true'] ?? ACTIVE_FILTER.true,
    page: positiveInt(query.page, 1, Number.MAX_SAFE_INTEGER),
    perPage: positiveInt(query.per_page, SEARCH_DEFAULT_PER_PAGE, SEARCH_MAX_PER_PAGE),
    sort:
      query.sort === 'name' || query.sort === 'checked'
        ? query.sort
        : words.length === 0 && boosts.length === 0
          ? 'browse'
          : 'relevance',
    withFacets: query.facets !== false,
    ...(query.nearPoint && { nearPoint: query.nearPoint }),
  };
}

/** Sort key for names, shared so both engines order alphabetically the same way. */
export function nameKey(name: string): string {
  return foldText(name)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Equal names are ordered by id, in both engines, so they list the same page. */
export function nameSortKey(name: string, id: string): string {
  return `${nameKey(name)}\u0001${id}`;
}
