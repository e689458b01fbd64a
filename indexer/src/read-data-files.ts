import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IscoGroupEntry, OccupationEntry, OccupationSkillsMap, SkillEntry, Taxonomy } from '@skillway/store';
import { findJsonSyntaxProblem } from './json-position';
import { checkSkillwayLabels, SKILLWAY_LABELS_FILE } from './validate-skillway-labels';

/** Problems with the input files; the indexer prints them one per line and writes nothing. */
export class DataProblems extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'} in the data files:\n${problems.join('\n')}`);
    this.name = 'DataProblems';
  }
}

export interface DataFiles {
  /** as shown in messages: the --data folder as given, joined with the file name */
  listingsPath: string;
  listings: unknown[];
  taxonomy: Taxonomy;
}

export const DATA_FILES = {
  listings: 'listings.json',
  iscoGroups: 'taxonomy/isco_groups.json',
  occupations: 'taxonomy/occupations.json',
  skills: 'taxonomy/skills.json',
  occupationSkills: 'taxonomy/occupation_skills.json',
} as const;

/** Reads and parses one JSON file; a syntax error becomes `<path>: invalid JSON at line L, column C: <why>`. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataProblems([`${path}: cannot read the file (${code === 'ENOENT' ? 'it does not exist' : code})`]);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch (error) {
    const problem = findJsonSyntaxProblem(text);
    if (!problem) throw new DataProblems([`${path}: invalid JSON: ${(error as Error).message}`]);
    throw new DataProblems([
      `${path}: invalid JSON at line ${problem.line}, column ${problem.column}: ${problem.reason}`,
    ]);
  }
}

const MAX_SHAPE_PROBLEMS = 10;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isLabels = (v: unknown): v is Record<string, string> =>
  isObject(v) && Object.values(v).every((l) => typeof l === 'string') && isString(v.en);

/**
 * The taxonomy files come from a one-off conversion, not from people typing, so they get a structural
 * check (enough to keep the writes from failing half-way with a bare SQLite error), not a schema.
 */
function checkTaxonomy(
  paths: Record<keyof Omit<typeof DATA_FILES, 'listings'>, string>,
  raw: Record<keyof Omit<typeof DATA_FILES, 'listings'>, unknown>,
): string[] {
  const problems: string[] = [];
  const report = (path: string, list: string[]) => {
    problems.push(...list.slice(0, MAX_SHAPE_PROBLEMS).map((p) => `${path}: ${p}`));
    if (list.length > MAX_SHAPE_PROBLEMS) problems.push(`${path}: ... and ${list.length - MAX_SHAPE_PROBLEMS} more`);
  };
  const entries = (
    key: 'iscoGroups' | 'occupations' | 'skills',
    ok: (e: Record<string, unknown>) => string | undefined,
  ) => {
    const value = raw[key];
    if (!Array.isArray(value)) {
      report(paths[key], ['must hold a JSON array']);
      return;
    }
    const list: string[] = [];
    value.forEach((entry, i) => {
      const why = isObject(entry) ? ok(entry) : 'is not an object';
      if (why) list.push(`entry ${i + 1} ${why}`);
    });
    report(paths[key], list);
  };

  const groupCodes = new Set<string>();
  entries('iscoGroups', (g) => {
    if (typeof g.code !== 'string' || !/^\d{1,4}$/.test(g.code)) return `has no ISCO code of 1 to 4 digits`;
    if (g.level !== g.code.length) return `(${g.code}) has level ${String(g.level)}, not ${g.code.length}`;
    if (g.code.length > 1 && !groupCodes.has(g.code.slice(0, -1))) return `(${g.code}) comes before its parent group`;
    if (!isLabels(g.labels)) return `(${g.code}) needs labels with an English one`;
    groupCodes.add(g.code);
    return undefined;
  });
  const occupationUris = new Set<string>();
  entries('occupations', (o) => {
    if (!isString(o.uri) || !isString(o.code)) return 'needs a uri and a code';
    if (typeof o.isco !== 'string' || !groupCodes.has(o.isco))
      return `(${o.uri}) has an unknown ISCO group ${JSON.stringify(o.isco)}`;
    if (!isLabels(o.labels)) return `(${o.uri}) needs labels with an English one`;
    if (o.alt_en !== undefined && !(Array.isArray(o.alt_en) && o.alt_en.every(isString)))
      return `(${o.uri}) has a bad alt_en`;
    if (occupationUris.has(o.uri)) return `(${o.uri}) is listed twice`;
    occupationUris.add(o.uri);
    return undefined;
  });
  const skillUris = new Set<string>();
  entries('skills', (s) => {
    if (!isString(s.uri)) return 'needs a uri';
    if (!isLabels(s.labels)) return `(${s.uri}) needs an English label`;
    if (skillUris.has(s.uri)) return `(${s.uri}) is listed twice`;
    skillUris.add(s.uri);
    return undefined;
  });
  const links = raw.occupationSkills;
  if (!isObject(links)) report(paths.occupationSkills, ['must hold a JSON object of occupation URI -> skill URIs']);
  else {
    const list: string[] = [];
    for (const [occupation, skills] of Object.entries(links)) {
      if (!occupationUris.has(occupation)) list.push(`${occupation} is not an occupation in ${paths.occupations}`);
      else if (!Array.isArray(skills)) list.push(`${occupation} must map to an array of skill URIs`);
      else {
        const unknown = skills.filter((s) => typeof s !== 'string' || !skillUris.has(s));
        if (unknown.length > 0)
          list.push(
            `${occupation} links to ${unknown.length} skill(s) not in ${paths.skills}, e.g. ${JSON.stringify(unknown[0])}`,
          );
      }
    }
    report(paths.occupationSkills, list);
  }
  return problems;
}

/**
 * Reads listings.json and taxonomy/*.json from `dataDir`. Every file is read before anything is
 * reported, so one run shows all broken files at once.
 */
export function readDataFiles(dataDir: string): DataFiles {
  const paths = Object.fromEntries(Object.entries(DATA_FILES).map(([k, f]) => [k, join(dataDir, f)])) as Record<
    keyof typeof DATA_FILES,
    string
  >;
  const problems: string[] = [];
  const raw = {} as Record<keyof typeof DATA_FILES, unknown>;
  for (const key of Object.keys(DATA_FILES) as (keyof typeof DATA_FILES)[]) {
    try {
      raw[key] = readJsonFile(paths[key]);
    } catch (error) {
      if (!(error instanceof DataProblems)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new DataProblems(problems);

  if (!Array.isArray(raw.listings)) problems.push(`${paths.listings}: must hold a JSON array of listings`);
  const { listings: _listings, ...taxonomyPaths } = paths;
  const { listings, ...taxonomyRaw } = raw;
  problems.push(...checkTaxonomy(taxonomyPaths, taxonomyRaw));
  if (problems.length > 0) throw new DataProblems(problems);

  const taxonomy: Taxonomy = {
    iscoGroups: taxonomyRaw.iscoGroups as IscoGroupEntry[],
    occupations: taxonomyRaw.occupations as OccupationEntry[],
    skills: taxonomyRaw.skills as SkillEntry[],
    occupationSkills: taxonomyRaw.occupationSkills as OccupationSkillsMap,
  };
  // The project's own labels are optional (ESCO alone is a whole taxonomy), but checked when present.
  const skillwayPath = join(dataDir, SKILLWAY_LABELS_FILE);
  if (existsSync(skillwayPath)) {
    const checked = checkSkillwayLabels(skillwayPath, readJsonFile(skillwayPath), taxonomy);
    if (checked.problems.length > 0) throw new DataProblems(checked.problems);
    taxonomy.skillwayLabels = checked.labels;
  }

  return { listingsPath: paths.listings, listings: listings as unknown[], taxonomy };
}
