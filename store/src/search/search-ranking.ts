import type { Snippet } from '@skillway/core';

/**
 * Ranking, in one place for both engines.
 *
 * The text fields, most telling first. A word found in a listing's name or in the occupations and skills
 * it targets says more than the same word somewhere in its summary: "nurse" in the name of the Irish
 * nursing board's registration service beats a summary that mentions nurses among other professions.
 *
 * - SQLite: `bm25()` column weights (the score of a match in a column is multiplied by its weight).
 * - Meilisearch: `searchableAttributes` in this order (its `attribute` ranking rule).
 *
 * Within that, both engines put an exact phrase above the same words scattered: SQLite ranks documents
 * that match the words as a phrase first (see sqlite.search-engine.ts); Meilisearch's `proximity` rule
 * comes before `attribute` by default, which does the same.
 */
export const SEARCH_TEXT_FIELDS = [
  { field: 'name', weight: 10 },
  { field: 'occupation_labels', weight: 6 },
  { field: 'skills', weight: 6 },
  { field: 'organisation', weight: 3 },
  { field: 'summary', weight: 1 },
] as const;
export type SearchTextField = (typeof SEARCH_TEXT_FIELDS)[number]['field'];

/** Which matched field a hit's snippet shows, first match wins. */
export const SNIPPET_FIELD_ORDER: readonly Snippet['field'][] = ['name', 'occupations', 'skills', 'summary'];

/** Summary snippets are cut to about this many words around the match. */
export const SNIPPET_WORDS = 24;

/**
 * Words of at least this many characters also match with their last character dropped ("nurse" finds
 * "nursing", "enfermera" finds "enfermería"), the SQLite engine's stand-in for Meilisearch's one-typo
 * tolerance on words of 5+ characters. The exact word still ranks higher: it matches both forms.
 */
export const STEM_MIN_CHARS = 5;
