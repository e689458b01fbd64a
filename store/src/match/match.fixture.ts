import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ListingRecord } from '@skillway/core';
import { openStore, type Store } from '../db';
import { replaceDataListings } from '../listing.repository';
import { rebuildSqliteSearchIndex } from '../search/rebuild';
import { replaceTaxonomy, type Taxonomy } from '../taxonomy.repository';

/**
 * Test and evaluation databases for the matcher: real SQLite, the real ESCO/ISCO files from data/
 * (the interpreter is only worth testing against the labels it will meet), and listings chosen by
 * the caller. Not a mock: the same repositories the indexer uses write it.
 */

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const TAXONOMY_DIR = join(REPO_ROOT, 'data', 'taxonomy');

let cachedTaxonomy: Taxonomy | undefined;

/** data/taxonomy as the taxonomy repository takes it. `withLinks` adds the 65k occupation-skill links. */
export function readTaxonomyFiles(options: { withLinks?: boolean } = {}): Taxonomy {
  cachedTaxonomy ??= {
    iscoGroups: JSON.parse(readFileSync(join(TAXONOMY_DIR, 'isco_groups.json'), 'utf8')),
    occupations: JSON.parse(readFileSync(join(TAXONOMY_DIR, 'occupations.json'), 'utf8')),
    skills: JSON.parse(readFileSync(join(TAXONOMY_DIR, 'skills.json'), 'utf8')),
    occupationSkills: {},
  };
  if (!options.withLinks) return cachedTaxonomy;
  return {
    ...cachedTaxonomy,
    occupationSkills: JSON.parse(readFileSync(join(TAXONOMY_DIR, 'occupation_skills.json'), 'utf8')),
  };
}

export function readSeedListings(): ListingRecord[] {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'data', 'listings.json'), 'utf8'));
}

/** A listing with everything optional filled in with neutral values, for ranking-rule tests. */
export function fixtureListing(id: string, fields: Partial<ListingRecord> = {}): ListingRecord {
  return {
    id,
    kind: 'service',
    name: `Listing ${id}`,
    organisation: null,
    countries: ['IE'],
    city: null,
    summary: 'A service used by the matcher tests.',
    categories: ['information'],
    audiences: ['refugees'],
    occupations: [],
    skills: [],
    languages: [],
    cost: 'free',
    delivery: ['in-person'],
    url: `https://example.org/${id}`,
    source_url: `https://example.org/${id}`,
    active: true,
    ...fields,
  };
}

export interface MatchFixtureOptions {
  /** load the 65k occupation-skill links too (default false: the matcher does not read them) */
  withLinks?: boolean;
  /** leave the taxonomy tables empty */
  withoutTaxonomy?: boolean;
}

/** A store with the taxonomy, `listings`, and the embedded search engine's index built over them. */
export async function openMatchFixture(
  listings: readonly ListingRecord[],
  path = ':memory:',
  options: MatchFixtureOptions = {},
): Promise<Store> {
  const store = await openStore(path);
  if (!options.withoutTaxonomy) {
    await store.db.transaction().execute(async (trx) => {
      await replaceTaxonomy(trx, readTaxonomyFiles(options));
    });
  }
  await replaceDataListings(store.db, listings);
  await store.db.transaction().execute((trx) => rebuildSqliteSearchIndex(trx));
  return store;
}
