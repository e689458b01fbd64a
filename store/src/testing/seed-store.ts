import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ListingRecord } from '@skillway/core';
import { openStore, type SqliteStore } from '../db';
import { replaceDataListings } from '../listing.repository';
import { replaceTaxonomy, type Taxonomy } from '../taxonomy.repository';

/** The repository's data/ folder, wherever the tests are started from. */
export const DATA_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../data');

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

export function readSeedListings(): ListingRecord[] {
  return readJson<ListingRecord[]>(join(DATA_DIR, 'listings.json'));
}

let taxonomy: Taxonomy | undefined;
/** The ESCO/ISCO files, parsed once per process (they are 13 MB). */
export function readTaxonomy(options: { withSkills?: boolean } = {}): Taxonomy {
  taxonomy ??= {
    iscoGroups: readJson(join(DATA_DIR, 'taxonomy/isco_groups.json')),
    occupations: readJson(join(DATA_DIR, 'taxonomy/occupations.json')),
    skills: readJson(join(DATA_DIR, 'taxonomy/skills.json')),
    occupationSkills: readJson(join(DATA_DIR, 'taxonomy/occupation_skills.json')),
  };
  // Search needs occupations and ISCO groups only; skipping 80k skill rows keeps test set-up short.
  return options.withSkills ? taxonomy : { ...taxonomy, skills: [], occupationSkills: {} };
}

export type TempStore = SqliteStore & {
  /** closes the store and deletes its folder */
  dispose(): Promise<void>;
};

/**
 * A real SQLite file in a temp folder, migrated, with the taxonomy and `listings` (default: the seed
 * data) loaded through the same repositories the indexer uses.
 */
export async function createSeededStore(
  listings: readonly ListingRecord[] = readSeedListings(),
  options: { withSkills?: boolean } = {},
): Promise<TempStore> {
  const dir = mkdtempSync(join(tmpdir(), 'skillway-store-'));
  const store = await openStore(join(dir, 'skillway.db'));
  await store.db.transaction().execute(async (trx) => {
    await replaceTaxonomy(trx, readTaxonomy(options));
    await replaceDataListings(trx, listings);
  });
  return {
    ...store,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
