import type { Facet } from '@skillway/core';

/**
 * One option of a filter as the search page sends it: no label, which the page takes from the
 * vocabulary and language names it has anyway (FacetFieldset's `label`); `selected` only when it is.
 */
export type FacetOption = { value: string; count: number; selected?: true };

export type Facets = Record<Facet, FacetOption[]>;

/** The search form's id: the filters, outside it, name it in their form attribute. */
export const SEARCH_FORM_ID = 'search-form';
