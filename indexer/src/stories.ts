import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import {
  compileValidator,
  ESCO_OCCUPATION_URI_PATTERN,
  StoryRecordSchema,
  StorySourceSchema,
  storyRuleProblems,
  createAjv,
  type StoryRecord,
} from '@skillway/core';
import { replaceDataStories, type DB } from '@skillway/store';
import { DataProblems, readJsonFile } from './read-data-files';
import type { TaxonomyIndex } from './validate-listings';

export const STORIES_FILE = 'stories.json';

const ajv = createAjv();
ajv.addSchema(StorySourceSchema);
const checkSchema = compileValidator(StoryRecordSchema, ajv);
const escoOccupation = new RegExp(ESCO_OCCUPATION_URI_PATTERN);

/**
 * Reads `<dataDir>/stories.json` (absent: no stories) and checks every record like a listing: the schema,
 * the rules on texts and sources, unique ids, listings that exist in listings.json and occupations in the
 * taxonomy. Throws DataProblems naming file, record and field — before anything is written.
 */
export function readStories(dataDir: string, listingIds: ReadonlySet<string>, taxonomy: TaxonomyIndex): StoryRecord[] {
  const path = join(dataDir, STORIES_FILE);
  if (!existsSync(path)) return [];
  const data = readJsonFile(path);
  if (!Array.isArray(data)) throw new DataProblems([`${path}: must be a JSON array of stories`]);
  const problems = validateStories(data, listingIds, taxonomy).map(
    (p) => `${path}: record ${p.position} (${p.id ?? 'no id'}): ${p.field ? `${p.field} ` : ''}${p.reason}`,
  );
  if (problems.length > 0) throw new DataProblems(problems);
  return data as StoryRecord[];
}

export interface StoryProblem {
  position: number;
  id: string | undefined;
  field: string;
  reason: string;
}

export function validateStories(
  records: readonly unknown[],
  listingIds: ReadonlySet<string>,
  taxonomy: TaxonomyIndex,
): StoryProblem[] {
  const problems: StoryProblem[] = [];
  const seen = new Map<string, number>();
  records.forEach((record, i) => {
    const position = i + 1;
    const r = (typeof record === 'object' && record !== null ? record : {}) as Partial<StoryRecord>;
    const id = typeof r.id === 'string' ? r.id : undefined;
    const add = (field: string, reason: string) => problems.push({ position, id, field, reason });
    for (const e of checkSchema.errors(record)) add(e.field, e.reason);
    if (typeof record !== 'object' || record === null || Array.isArray(record)) return;
    for (const e of storyRuleProblems(r)) add(e.field, e.reason);
    if (id !== undefined) {
      const first = seen.get(id);
      if (first !== undefined) add('id', `${JSON.stringify(id)} is already the id of record ${first}`);
      else seen.set(id, position);
    }
    if (Array.isArray(r.listings))
      r.listings.forEach((listing, j) => {
        if (typeof listing === 'string' && !listingIds.has(listing))
          add(`listings[${j}]`, `${JSON.stringify(listing)} is not the id of any listing in listings.json`);
      });
    const occ = r.occupation;
    if (typeof occ === 'string') {
      if (/^\d{1,4}$/.test(occ) && !taxonomy.iscoCodes.has(occ))
        add('occupation', `${JSON.stringify(occ)} is not an ISCO-08 group in the taxonomy`);
      else if (escoOccupation.test(occ) && !taxonomy.occupationUris.has(occ))
        add('occupation', `${JSON.stringify(occ)} is not an ESCO occupation in the taxonomy`);
    }
  });
  return problems;
}

/** Replaces the seeded stories in the database (submitted ones stay). */
export function writeStories(db: Kysely<DB>, stories: readonly StoryRecord[], now?: string) {
  return replaceDataStories(db, stories, now);
}
