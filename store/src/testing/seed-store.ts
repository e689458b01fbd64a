import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ListingRecord } from '@skillway/core';
import { openStore, type SqliteStore } from '../db';
import { replaceDataListings } from '../listing.repository';
import { rebuildSqliteSearchIndex } from '../search/rebuild';
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

export interface SeedOptions {
  withSkills?: boolean;
  /** also build the embedded engine's search index, as the indexer does (what an API under test needs) */
  searchIndex?: boolean;
}

/** template file of each (listings, options), built once per process; removed when the process exits */
const templates = new Map<string, Promise<string>>();
let templateDir: string | undefined;

function seededTemplate(listings: readonly ListingRecord[], options: SeedOptions): Promise<string> {
  const key = createHash('sha256')
    .update(JSON.stringify([options.withSkills ?? false, options.searchIndex ?? false, listings]))
    .digest('hex')
    .slice(0, 16);
  let template = templates.get(key);
  if (!template) {
    template = (async () => {
      if (!templateDir) {
        const dir = (templateDir = mkdtempSync(join(tmpdir(), 'skillway-seed-templates-')));
        process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
      }
      const path = join(templateDir, `${key}.db`);
      const store = await openStore(path);
      try {
        await store.db.transaction().execute(async (trx) => {
          await replaceTaxonomy(trx, readTaxonomy(options));
          await replaceDataListings(trx, listings);
          if (options.searchIndex) await rebuildSqliteSearchIndex(trx);
        });
      } finally {
        await store.close(); // checkpoints the WAL into the file, so the file alone is the database
      }
      return path;
    })();
    templates.set(key, template);
    template.catch(() => templates.delete(key));
  }
  return template;
}

/**
 * A real SQLite file in a temp folder, migrated, with the taxonomy and `listings` (default: the seed
 * data) loaded through the same repositories the indexer uses.
 *
 * Loading the 13 MB taxonomy and the listings takes 1-5 s (CPU-bound; more on a busy machine), and the
 * store's and API's suites need a fresh store for most tests: the first store of each (listings,
 * options) in a process is built so and kept as a template, and every store is a copy of its file
 * (milliseconds), as the PostgreSQL suites copy a template database.
 */
export async function createSeededStore(
  listings: readonly ListingRecord[] = readSeedListings(),
  options: SeedOptions = {},
): Promise<TempStore> {
  const template = await seededTemplate(listings, options);
  const dir = mkdtempSync(join(tmpdir(), 'skillway-store-'));
  const path = join(dir, 'skillway.db');
  copyFileSync(template, path);
  const store = await openStore(path);
  return {
    ...store,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
