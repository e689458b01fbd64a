import type { Settings } from 'meilisearch';
import { FACETS, FACET_FIELD, SEARCH_MAX_PAGE, SEARCH_MAX_PER_PAGE, SearchHitSchema, type Facet } from '@skillway/core';
import { SEARCH_TEXT_FIELDS, type SearchTextField } from './search-ranking';
import { activeState, documentToHit, nameSortKey, occupationTerms, skillKey } from './search-fields';
import type { SearchDocument } from './search-engine';
import { isStale } from '../freshness/fresh-since';
import { searchableSummary } from '../listing-texts';
import { nearGroup } from '../geo/listing-point';

/**
 * The Meilisearch index: its name, its settings and the shape of its documents, in one module so the
 * indexer, the API and the tests can never write settings to one index and documents to another.
 */

/** The index name. Tests and parallel deployments put a prefix in front (MEILI_INDEX_PREFIX). */
export const MEILI_INDEX = 'listings';
export function meiliIndexUid(prefix = ''): string {
  return `${prefix}${MEILI_INDEX}`;
}

/** A listing as stored in Meilisearch: the hit fields plus what search, filters and sorting need. */
export interface MeiliListingDocument extends Omit<SearchDocument, 'source_url'> {
  organisation_name: string;
  name_sort: string;
  active_state: string;
  skill_keys: string[];
  /** every prefix of every tagged ISCO code: `2221` is filed under 2, 22, 222, 2221 */
  occupation_paths: string[];
  /** 1: neither confirmed nor checked for 12 months (it sinks; see the `stale:asc` ranking rule) */
  stale: 0 | 1;
  /** day number (days since 1970) of the newest confirmation or check, 0 when none: stale ones turn 1 daily */
  fresh_since_day: number;
  /** day number of our last check, 0 when never (sort=checked, and browsing) */
  checked_day: number;
  /** 0: in a country of the directory, 1: EU-wide only (browsing lists country-specific ones first) */
  country_scope: 0 | 1;
  /** 0 active, 1 unknown, 2 ended (browsing lists live ones first) */
  active_rank: 0 | 1 | 2;
  /** the listing's search point (near me, docs/near-me.md), for `_geoPoint` sorting */
  _geo?: { lat: number; lng: number };
  /** near me: 0 has a point, 1 national or online, 2 EU-wide only (the order of those without `_geo`) */
  near_group: 0 | 1 | 2;
}

/** Days since 1970-01-01 of an ISO date or timestamp; 0 for none. */
export function dayNumber(date: string | null | undefined): number {
  if (!date) return 0;
  const ms = Date.parse(date.length === 10 ? `${date}T00:00:00Z` : date);
  return Number.isFinite(ms) ? Math.floor(ms / 86_400_000) : 0;
}

/** Meilisearch field per text field of the ranking table (organisation is an object there). */
const MEILI_TEXT_FIELD: Record<SearchTextField, string> = {
  name: 'name',
  occupation_labels: 'occupation_labels',
  skills: 'skills',
  organisation: 'organisation_name',
  summary: 'summary',
};

/** Filterable field per facet, and the other filters. */
export const MEILI_FACET_FIELD: Record<Facet, string> = FACET_FIELD;
export const MEILI_FILTER_FIELD = {
  active: 'active_state',
  occupation: 'occupation_codes',
  occupationPath: 'occupation_paths',
  skill: 'skill_keys',
  stale: 'stale',
} as const;

export function toMeiliDocument(doc: SearchDocument): MeiliListingDocument {
  const hit = documentToHit(doc);
  return {
    ...hit,
    ...(hit.point && { _geo: { lat: hit.point.lat, lng: hit.point.lon } }),
    near_group: nearGroup(doc, hit.point),
    // names and summaries in other languages are searched as summary text (see searchableSummary)
    summary: searchableSummary(doc),
    organisation_name: doc.organisation?.name ?? '',
    skills: doc.skills,
    occupations: doc.occupations,
    occupation_labels: labelsNewWords(doc.occupation_labels),
    occupation_codes: occupationTerms(doc.occupation_codes).exact,
    occupation_paths: occupationTerms(doc.occupation_codes).paths,
    name_sort: nameSortKey(doc.name, doc.id),
    active_state: activeState(doc.active),
    skill_keys: [...new Set(doc.skills.map(skillKey))],
    stale: isStale(doc.fresh?.since, new Date()) ? 1 : 0,
    fresh_since_day: dayNumber(doc.fresh?.since),
    checked_day: dayNumber(doc.fresh?.checked ?? doc.checked_at),
    country_scope: doc.countries.some((c) => c !== 'EU') ? 0 : 1,
    active_rank: doc.active === true ? 0 : doc.active === null ? 1 : 2,
  };
}

/**
 * The occupation labels with only the words no earlier label had (English first), and without the
 * labels that then have none. ~2.2 of a document's 3.3 kB were labels, mostly the same words again
 * ("nurse" and "verpleegkundige" in a dozen labels of one group), and Meilisearch indexes every word
 * and every pair of nearby words of each. Every word is still there, in the order of its first label,
 * so a phrase ("software developer") still ranks as one where that label brought both words.
 * Snippets show the labels themselves, from the taxonomy (MeilisearchConnection.occupationLabels).
 */
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’-][\p{L}\p{N}\p{M}]+)*/gu;
export function labelsNewWords(labels: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const label of labels) {
    const fresh: string[] = [];
    for (const [word] of label.matchAll(WORD)) {
      const key = word.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      fresh.push(word);
    }
    if (fresh.length > 0) out.push(fresh.join(' '));
  }
  return out;
}

/** Hit fields returned with each result; the labels stay in the index (they can run to 100 kB). */
export const MEILI_RETRIEVED_FIELDS = [
  ...Object.keys(SearchHitSchema.properties).filter(
    (k) => k !== 'snippet' && k !== 'text_lang' && k !== 'translation' && k !== 'distance_km',
  ),
  'translations',
];

export const MEILI_SETTINGS = {
  searchableAttributes: SEARCH_TEXT_FIELDS.map((f) => MEILI_TEXT_FIELD[f.field]),
  filterableAttributes: [
    {
      attributePatterns: [...FACETS.map((f) => MEILI_FACET_FIELD[f]), ...Object.values(MEILI_FILTER_FIELD)],
      // Equality only: no range filters and no facet search are ever asked for, and both cost index space.
      features: { facetSearch: false, filter: { equality: true, comparison: false } },
    },
    // The daily turn of fresh listings that have become stale asks `fresh_since_day < cutoff`.
    {
      attributePatterns: ['fresh_since_day'],
      features: { facetSearch: false, filter: { equality: true, comparison: true } },
    },
  ],
  sortableAttributes: ['_geo', 'active_rank', 'checked_day', 'country_scope', 'name_sort', 'near_group'],
  // `sort` first: when sort=name is asked for, the order is strictly alphabetical; when it is not, the
  // rule does nothing. The rest is Meilisearch's default order (proximity before attribute puts an
  // exact phrase above scattered words, as the SQLite engine does).
  // `stale:asc` last: among listings Meilisearch ranks alike, a stale one (unconfirmed and unchecked for
  // 12 months) comes after. Placed earlier (right after `words`) it changes how Meilisearch weighs its
  // rules in `_rankingScore`, which the concept re-ranking adds to the boosts: the evaluation's
  // Meilisearch MRR fell from 0.760 to 0.722 (tuning) with every listing fresh. Where concepts were
  // recognised, the re-ranking sinks a stale listing below every fresh one that covers as much.
  rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness', 'stale:asc'],
  stopWords: [],
  typoTolerance: {
    enabled: true,
    minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
    // ISCO codes and similar numbers must match exactly.
    disableOnNumbers: true,
  },
  faceting: {
    // Languages are an open list (ISO 639-1 has 184 codes); every other facet is a short vocabulary.
    maxValuesPerFacet: 200,
    sortFacetValuesBy: { '*': 'count' },
  },
  // The deepest page the API allows; beyond it Meilisearch would silently return nothing.
  pagination: { maxTotalHits: SEARCH_MAX_PAGE * SEARCH_MAX_PER_PAGE },
  prefixSearch: 'indexingTime',
  facetSearch: false,
} satisfies Settings;
