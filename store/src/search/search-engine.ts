import type { EngineName, ListingRecord, SearchQuery, SearchResponse } from '@skillway/core';
import type { QueryPlan } from '@skillway/query';
import type { ListingFreshDates } from '../freshness/fresh-since';

/**
 * A search as the engines take it: the request, and what query understanding made of its `q` (see
 * search.service.ts). Without a plan an engine reads `q` word by word, every word a term.
 */
export interface EngineSearchQuery extends SearchQuery {
  plan?: QueryPlan;
  /**
   * false: the caller reads only the hits and the total (the matcher), so no facet is counted and every
   * facet comes back as an empty list.
   */
  facets?: boolean;
  /**
   * Order by distance from here (docs/near-me.md): listings with a point nearest first, then national
   * and online ones, then EU-wide; ties in the order the query has without it (relevance or browsing).
   */
  nearPoint?: { lat: number; lon: number };
}

/** An engine's answer; `corrections` are the typos it read as other words of its index. */
export type EngineSearchResponse = Omit<SearchResponse, 'understood'> & {
  corrections?: { from: string; to: string }[];
};

/**
 * A listing as the search engines index it: the record, denormalised with what search needs and
 * SQLite already knows (the organisation's name, the taxonomy labels of its occupations).
 * Built from SQLite, the source of truth, by `loadSearchDocuments`.
 */
export interface SearchDocument extends Omit<ListingRecord, 'organisation'> {
  organisation: { id: string; name: string } | null;
  /** Labels, in every language the taxonomy carries, of the ISCO groups and ESCO occupations tagged. */
  occupation_labels: string[];
  /**
   * The ISCO-08 codes of `occupations`, ESCO URIs resolved to their unit group (unknown URIs dropped):
   * what the occupation filter compares against, in both engines.
   */
  occupation_codes: string[];
  /**
   * Its freshness dates (freshness/fresh-since.ts), for engines that keep them in the document
   * (Meilisearch); the embedded engine reads them from SQLite itself. Absent: never confirmed or checked.
   */
  fresh?: ListingFreshDates;
}

export type ProgressCallback = (done: number, total: number) => void;

/** The one interface both engines implement; the shared contract suite runs against each. */
export interface SearchEngine {
  readonly name: EngineName;
  search(query: EngineSearchQuery): Promise<EngineSearchResponse>;
  /** Replaces the whole index; searches never see a half-built index. */
  rebuild(documents: readonly SearchDocument[], onProgress?: ProgressCallback): Promise<void>;
  /** Adds or replaces these documents (an approved submission, an edit). */
  upsert(documents: readonly SearchDocument[]): Promise<void>;
  remove(ids: readonly string[]): Promise<void>;
  /** Whether the engine answers right now (for /ready and the fallback). Never throws. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
