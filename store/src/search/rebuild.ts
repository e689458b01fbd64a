import type { Kysely } from 'kysely';
import type { DB } from '../database';
import type { Store } from '../db';
import { resolveOccupationUris } from '../taxonomy.repository';
import { forEachSearchDocumentBatch, occupationLabelLookup } from './search-document';
import type { ProgressCallback, SearchEngine } from './search-engine';
import { SqliteSearchEngine } from './sqlite.search-engine';
import { PostgresSearchEngine } from './postgres.search-engine';
import { rebuildSqliteSearchTables } from './sqlite-index.writer';
import { MeilisearchSearchEngine, type MeilisearchConnection } from './meilisearch.search-engine';

async function countListings(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('listing')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Rebuilds the embedded engine's tables from the listing tables, using only `trx` (the indexer calls
 * this inside its transaction; a second handle would wait for the lock it holds). Documents are
 * streamed in batches, so memory stays flat at 100k listings.
 */
export async function rebuildSqliteSearchIndex(trx: Kysely<DB>, onProgress?: ProgressCallback): Promise<void> {
  const total = await countListings(trx);
  await rebuildSqliteSearchTables(
    trx,
    // Its labels come per occupation code from the taxonomy tables (see sqlite-index.writer.ts).
    (emit) => forEachSearchDocumentBatch(trx, (docs) => emit(docs), { occupationLabels: false }),
    total,
    onProgress,
  );
}

/**
 * Rebuilds the Meilisearch index from the listing tables: everything goes into a fresh index, which
 * then swaps places with the live one in a single task, so searches never see a half-built index;
 * the old one is deleted afterwards.
 */
export async function rebuildMeilisearchIndex(
  db: Kysely<DB>,
  connection: MeilisearchConnection,
  onProgress?: ProgressCallback,
): Promise<void> {
  const engine = new MeilisearchSearchEngine(connection);
  try {
    const total = await countListings(db);
    await engine.rebuildFrom((emit) => forEachSearchDocumentBatch(db, (docs) => emit(docs)), total, onProgress);
  } finally {
    await engine.close();
  }
}

export interface SearchEngineEnv {
  MEILI_URL?: string;
  MEILI_MASTER_KEY?: string;
  /** prefix for the index name, so tests and parallel deployments do not share an index */
  MEILI_INDEX_PREFIX?: string;
}

/**
 * Meilisearch when MEILI_URL is set, else the store's own engine: the embedded SQLite one, or on a
 * PostgreSQL store its full-text engine (postgres.search-engine.ts).
 */
export function createSearchEngine(
  store: Pick<Store, 'db'> & Partial<Pick<Store, 'sqlite' | 'dialect'>>,
  env: SearchEngineEnv,
): SearchEngine {
  if (env.MEILI_URL) {
    return new MeilisearchSearchEngine({
      url: env.MEILI_URL,
      apiKey: env.MEILI_MASTER_KEY,
      indexPrefix: env.MEILI_INDEX_PREFIX,
      resolveOccupationUris: (uris) => resolveOccupationUris(store.db, uris),
      occupationLabels: occupationLabelLookup(store.db),
    });
  }
  if (store.dialect === 'postgres') return new PostgresSearchEngine(store.db);
  return new SqliteSearchEngine(store.sqlite ? { db: store.db, sqlite: store.sqlite } : store.db);
}
