import type { Kysely } from 'kysely';
import type { DB } from '@skillway/store';
import {
  type MeilisearchConnection,
  type ProgressCallback,
  rebuildMeilisearchIndex,
  rebuildSqliteSearchIndex,
} from '@skillway/store/search';

export type MeilisearchConfig = Pick<MeilisearchConnection, 'url' | 'apiKey' | 'indexPrefix'>;

/**
 * The search-index part of indexing, owned by the search engines in the store. Kept behind this
 * seam so the write phase can be tested with a step that fails on purpose.
 */
export interface SearchStep {
  /** Runs inside the indexer's transaction, after the listings are written. */
  rebuildSqlite(trx: Kysely<DB>, onProgress?: ProgressCallback): Promise<unknown>;
  /** Runs after commit, from what SQLite now holds. */
  rebuildMeilisearch(db: Kysely<DB>, config: MeilisearchConfig, onProgress?: ProgressCallback): Promise<unknown>;
}

export const storeSearchStep: SearchStep = {
  rebuildSqlite: rebuildSqliteSearchIndex,
  rebuildMeilisearch: rebuildMeilisearchIndex,
};
