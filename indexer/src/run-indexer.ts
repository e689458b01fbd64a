import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  type ListingCounts,
  openPostgresStore,
  openStore,
  type ReplaceDataListingsResult,
  type ReplaceTaxonomyResult,
  type Store,
} from '@skillway/store';
import { rebuildPostgresSearchIndex } from '@skillway/store/search';
import { loadIndexerConfig, type IndexerConfig } from './config';
import { loadDatabase } from './load-database';
import { silentReporter, type ProgressReporter } from './progress-reporter';
import { DataProblems, readDataFiles } from './read-data-files';
import { storeSearchStep, type MeilisearchConfig, type SearchStep } from './search-step';
import { applyTranslations, readTranslationFiles, type TranslationOutcome } from './translations';
import { formatListingProblem, indexTaxonomy, validateListings } from './validate-listings';
import { readStories, writeStories } from './stories';

export interface IndexerOptions {
  /** folder holding listings.json and taxonomy/ (default `data`), shown in messages as given */
  dataDir?: string;
  /** a SQLite file; default DATABASE_URL (PostgreSQL) when set, else DATABASE_PATH or var/skillway.db */
  dbPath?: string;
  /** the environment to read (config.ts); default the process's */
  env?: NodeJS.ProcessEnv;
  reporter?: ProgressReporter;
  /** the search index steps; tests swap in one that fails */
  searchStep?: SearchStep;
  /** updated_at for new and changed listings (default: now) */
  now?: string;
  /** rewrite the taxonomy even when the files have not changed */
  forceTaxonomy?: boolean;
}

export interface IndexerSummary {
  /** the SQLite file, or the PostgreSQL URL without its password */
  dbPath: string;
  /** bytes: the SQLite file after a WAL checkpoint, or pg_database_size() */
  dbSize: number;
  ms: number;
  listings: ReplaceDataListingsResult;
  counts: ListingCounts;
  taxonomy: ReplaceTaxonomyResult;
  /** seed translations (data/translations/<lang>.json) used, stale, unstamped */
  translations: Omit<TranslationOutcome, 'records' | 'problems'>;
  /** `skipped` when MEILI_URL is unset; an error message when the rebuild failed (SQLite is committed anyway) */
  meilisearch:
    { status: 'skipped' } | { status: 'rebuilt'; url: string } | { status: 'failed'; url: string; error: string };
}

export { DataProblems };

/**
 * Page cache for the indexing connection (KiB). The write phase is one transaction over every table;
 * with SQLite's default 2 MB cache, pages spill to the WAL and are read back many times over.
 */
export const INDEXER_CACHE_KIB = 64 * 1024;

/** The Meilisearch connection the indexer writes with (config.ts); undefined when MEILI_URL is unset. */
export function meilisearchConfigFromEnv(env: NodeJS.ProcessEnv): MeilisearchConfig | undefined {
  return loadIndexerConfig(env).meilisearch;
}

/**
 * Reads and validates the data files, then (only if everything is valid) writes the database in one
 * transaction and rebuilds the search indexes. Throws DataProblems, with every problem found, before
 * the database is even opened.
 */
export async function runIndexer(options: IndexerOptions = {}): Promise<IndexerSummary> {
  const config = loadIndexerConfig(options.env);
  const run: Run = {
    ...options,
    started: performance.now(),
    config,
    reporter: options.reporter ?? silentReporter,
    searchStep: options.searchStep ?? storeSearchStep,
    dataDir: options.dataDir ?? 'data',
    dbPath: options.dbPath ? resolve(options.dbPath) : config.databasePath,
    databaseUrl: options.dbPath ? undefined : config.databaseUrl,
  };
  try {
    return await index(run);
  } finally {
    run.reporter.close();
  }
}

type Run = IndexerOptions &
  Required<Pick<IndexerOptions, 'reporter' | 'searchStep' | 'dataDir' | 'dbPath'>> & {
    started: number;
    config: IndexerConfig;
    /** PostgreSQL (DATABASE_URL) instead of the SQLite file at dbPath */
    databaseUrl?: string;
  };

async function index({
  started,
  config,
  reporter,
  searchStep,
  dataDir,
  dbPath,
  databaseUrl,
  ...options
}: Run): Promise<IndexerSummary> {
  const readStage = reporter.stage('read', 5);
  const data = readDataFiles(dataDir);
  const translationFiles = readTranslationFiles(dataDir);
  readStage.update(5);
  readStage.end();

  const validateStage = reporter.stage('validate', data.listings.length);
  const { records, problems } = validateListings(data.listings, indexTaxonomy(data.taxonomy), (done, total) =>
    validateStage.update(done, total),
  );
  validateStage.end(problems.length > 0 ? `${problems.length} problems` : undefined);
  if (problems.length > 0) throw new DataProblems(problems.map((p) => formatListingProblem(data.listingsPath, p)));
  const {
    records: translated,
    problems: translationProblems,
    ...translations
  } = applyTranslations(records, translationFiles);
  if (translationProblems.length > 0) throw new DataProblems(translationProblems);
  const stories = readStories(dataDir, new Set(records.map((r) => r.id)), indexTaxonomy(data.taxonomy));

  const store: Store = databaseUrl ? await openPostgresStore(databaseUrl) : await openStore(dbPath);
  store.sqlite?.pragma(`cache_size = -${INDEXER_CACHE_KIB}`);
  // The in-transaction index is the database's own: SQLite's embedded FTS5 engine, or on PostgreSQL the
  // full-text index that answers while Meilisearch is down.
  const step: SearchStep =
    store.dialect === 'postgres' && searchStep === storeSearchStep
      ? { ...searchStep, rebuildSqlite: rebuildPostgresSearchIndex }
      : searchStep;
  let summary: Omit<IndexerSummary, 'dbSize' | 'ms' | 'meilisearch'>;
  let meilisearch: IndexerSummary['meilisearch'] = { status: 'skipped' };
  let dbSize = 0;
  try {
    const loaded = await loadDatabase(
      store.db,
      { records: translated, taxonomy: data.taxonomy },
      {
        reporter,
        searchStep: step,
        now: options.now,
        forceTaxonomy: options.forceTaxonomy,
      },
    );
    summary = { dbPath: store.path, ...loaded, translations };
    await writeStories(store.db, stories, options.now);

    const meili = config.meilisearch;
    if (meili) {
      const stage = reporter.stage('meilisearch');
      try {
        await step.rebuildMeilisearch(store.db, meili, (done, total) => stage.update(done, total));
        meilisearch = { status: 'rebuilt', url: meili.url };
        stage.end();
      } catch (error) {
        meilisearch = { status: 'failed', url: meili.url, error: (error as Error).message };
        stage.end('failed');
      }
    }
    // Fold the WAL back into the file so its size is the database's size, and a copy of the file is whole.
    store.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
    if (store.dialect === 'postgres') dbSize = await postgresDatabaseSize(store);
  } finally {
    await store.close();
  }
  if (store.dialect === 'sqlite') dbSize = statSync(dbPath).size;
  return { ...summary, dbSize, ms: performance.now() - started, meilisearch };
}

async function postgresDatabaseSize(store: Store): Promise<number> {
  const row = await store.db
    .selectNoFrom((eb) => eb.fn<number>('pg_database_size', [eb.fn('current_database')]).as('bytes'))
    .executeTakeFirstOrThrow();
  return Number(row.bytes);
}
