/**
 * @skillway/store/search — the search engines (embedded SQLite FTS5, Meilisearch, PostgreSQL full text) behind one
 * contract, how to build and rebuild their index, and the search service the API calls. One export per
 * module: adding a name is a small edit.
 */
export type {
  EngineSearchQuery,
  EngineSearchResponse,
  ProgressCallback,
  SearchDocument,
  SearchEngine,
} from './search-engine';
export { createSearchEngine, rebuildMeilisearchIndex, rebuildSqliteSearchIndex, type SearchEngineEnv } from './rebuild';
export { createSearchService, NOTHING_UNDERSTOOD, type SearchService } from './search.service';
export { EncodedSearchResult, SearchResultCache, type SearchResultCacheOptions } from './search-result.cache';
export { SqliteSearchEngine } from './sqlite.search-engine';
export { PostgresSearchEngine, rebuildPostgresSearchIndex } from './postgres.search-engine';
export { SEARCH_GENERATION_KEY } from './sqlite-index.writer';
export { MeilisearchSearchEngine, type MeilisearchConnection } from './meilisearch.search-engine';
export { meiliIndexUid } from './meilisearch.settings';
