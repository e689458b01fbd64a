import type { Kysely } from 'kysely';
import type { DB } from '@skillway/store/database';
import type { ProgressCallback } from '@skillway/store/search/search-engine';

export interface MeilisearchConfig {
  url: string;
  apiKey: string | undefined;
}

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

// The module is another engineer's and lands in parallel; resolving it at run time keeps the
// indexer loadable until then. Switch to a static import once it exists.
const REBUILD_MODULE = '@skillway/store/search/rebuild';

interface RebuildModule {
  rebuildSqliteSearchIndex(trx: Kysely<DB>, onProgress?: ProgressCallback): Promise<unknown>;
  rebuildMeilisearchIndex(db: Kysely<DB>, config: MeilisearchConfig, onProgress?: ProgressCallback): Promise<unknown>;
}

async function rebuildModule(): Promise<RebuildModule> {
  return (await import(/* @vite-ignore */ REBUILD_MODULE)) as RebuildModule;
}

export const storeSearchStep: SearchStep = {
  rebuildSqlite: async (trx, onProgress) => (await rebuildModule()).rebuildSqliteSearchIndex(trx, onProgress),
  rebuildMeilisearch: async (db, config, onProgress) =>
    (await rebuildModule()).rebuildMeilisearchIndex(db, config, onProgress),
};
