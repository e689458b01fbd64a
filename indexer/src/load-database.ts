import type { Kysely } from 'kysely';
import type { ListingRecord } from '@skillway/core';
import {
  countListings,
  type DB,
  type ListingCounts,
  replaceDataListings,
  type ReplaceDataListingsResult,
  replaceTaxonomy,
  type ReplaceTaxonomyResult,
  type Taxonomy,
} from '@skillway/store';
import type { ProgressReporter } from './progress-reporter';
import type { SearchStep } from './search-step';

export interface LoadResult {
  listings: ReplaceDataListingsResult;
  taxonomy: ReplaceTaxonomyResult;
  counts: ListingCounts;
}

export interface LoadOptions {
  reporter: ProgressReporter;
  searchStep: SearchStep;
  /** the updated_at of new and changed listings */
  now?: string;
  forceTaxonomy?: boolean;
}

/**
 * The write phase: taxonomy, listings and the embedded search index in ONE transaction, so a failure
 * (or a crash) at any point leaves the previous database as it was. Kysely's SQLite dialect has a
 * single connection, so everything in here goes through `trx`; touching `db` would wait forever.
 */
export async function loadDatabase(
  db: Kysely<DB>,
  input: { records: readonly ListingRecord[]; taxonomy: Taxonomy },
  options: LoadOptions,
): Promise<LoadResult> {
  const { reporter } = options;
  return db.transaction().execute(async (trx) => {
    const taxonomyStage = reporter.stage('taxonomy');
    const taxonomy = await replaceTaxonomy(trx, input.taxonomy, {
      force: options.forceTaxonomy,
      onProgress: (done, total) => taxonomyStage.update(done, total),
    });
    taxonomyStage.end(taxonomy.unchanged ? 'unchanged, kept' : undefined);

    const listingStage = reporter.stage('listings', input.records.length);
    const listings = await replaceDataListings(trx, input.records, options.now, (done, total) =>
      listingStage.update(done, total),
    );
    listingStage.end();

    const searchStage = reporter.stage('search index');
    await options.searchStep.rebuildSqlite(trx, (done, total) => searchStage.update(done, total));
    searchStage.end();

    return { listings, taxonomy, counts: await countListings(trx) };
  });
}
