import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getListingRecord, openStore, suggestOccupations, upsertListing } from '@skillway/store';
import { SEARCH_GENERATION_KEY } from '@skillway/store/search';
import type { ProgressReporter, StageName } from './progress-reporter';
import { DataProblems, runIndexer } from './run-indexer';
import { storeSearchStep } from './search-step';
import {
  dumpDatabase,
  fixtureListing,
  fixtureListings,
  fixtureTaxonomy,
  NURSE_URI,
  writeDataDir,
} from './test-fixtures';

const REPO_DATA = resolve(import.meta.dirname, '../../data');
const T1 = '2026-11-01T00:00:00.000Z';
const T2 = '2026-11-02T00:00:00.000Z';

let work: string;
let dbPath: string;
const dirs: string[] = [];
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'skillway-run-'));
  dbPath = join(work, 'skillway.db');
  dirs.push(work);
});
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(listings: unknown[] | string, taxonomy = fixtureTaxonomy()): string {
  const dir = writeDataDir(listings, taxonomy);
  dirs.push(dir);
  return dir;
}

const fileHash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const filesIn = (dir: string) => readdirSync(dir).sort();

/** A reporter that records stage ends and can fail on purpose at a given point. */
function watchingReporter(failAt?: { stage: StageName; done: number }): ProgressReporter & { ended: string[] } {
  const ended: string[] = [];
  return {
    ended,
    stage(name) {
      return {
        update(done) {
          if (failAt && name === failAt.stage && done >= failAt.done) {
            throw new Error(`injected failure in ${name} at ${done}`);
          }
        },
        end() {
          ended.push(name);
        },
      };
    },
    close() {},
  };
}

function withoutGeneration(dump: Record<string, unknown[]>): Record<string, unknown[]> {
  return { ...dump, meta: dump.meta!.filter((row) => (row as { key: string }).key !== SEARCH_GENERATION_KEY) };
}

async function problemsOf(promise: Promise<unknown>): Promise<readonly string[]> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataProblems);
  return (error as DataProblems).problems;
}

describe('runIndexer', () => {
  it('indexes listings, taxonomy and the search index, and summarises the result', async () => {
    const summary = await runIndexer({ dataDir: dataDir(fixtureListings()), dbPath, now: T1 });
    expect(summary.listings).toEqual({ inserted: 4, updated: 0, deleted: 0, unchanged: 0, overridden: [] });
    expect(summary.counts.byKind).toEqual({ organisation: 1, service: 2, initiative: 1 });
    expect(summary.counts.byCountry).toMatchObject({ IE: 2, NL: 1, EU: 1, BE: 0 });
    expect(summary.taxonomy).toMatchObject({
      iscoGroups: 8,
      occupations: 2,
      occupationLabels: 5,
      skills: 2,
      unchanged: false,
    });
    expect(summary.meilisearch).toEqual({ status: 'skipped' });
    expect(summary.dbSize).toBe(readFileSync(dbPath).length);
    // The checkpoint folded the WAL into the file; nothing else is left beside it.
    expect(filesIn(work)).toEqual(['skillway.db']);

    const store = await openStore(dbPath);
    expect(await getListingRecord(store.db, 'eu-skills-tool')).toEqual(fixtureListings()[3]);
    expect((await suggestOccupations(store.db, { q: 'szakapolo' }))[0]?.isco_code).toBe('2221');
    await store.close();
  });

  it('is idempotent: a second run leaves every table, search index included, identical', async () => {
    const dir = dataDir(fixtureListings());
    await runIndexer({ dataDir: dir, dbPath, now: T1 });
    const first = dumpDatabase(dbPath);
    const again = await runIndexer({ dataDir: dir, dbPath, now: T2 });
    expect(again.listings).toEqual({ inserted: 0, updated: 0, deleted: 0, unchanged: 4, overridden: [] });
    expect(again.taxonomy.unchanged).toBe(true);
    // Except the search index's generation marker: a fresh value per rebuild is how readers in
    // other processes learn that their cached results are stale.
    expect(withoutGeneration(dumpDatabase(dbPath))).toEqual(withoutGeneration(first));
    expect(first.meta).toContainEqual(expect.objectContaining({ key: SEARCH_GENERATION_KEY }));
  });

  it('removes a listing that left the data, and keeps provider listings across re-indexing', async () => {
    await runIndexer({ dataDir: dataDir(fixtureListings()), dbPath, now: T1 });
    const submitted = fixtureListing('ie-provider-course', {
      organisation: 'ie-org',
      name: 'A course a provider submitted',
    });
    const store = await openStore(dbPath);
    await upsertListing(store.db, submitted, 'provider', T1);
    await store.close();

    const fewer = fixtureListings().filter((l) => l.id !== 'nl-cooking-course');
    const summary = await runIndexer({ dataDir: dataDir(fewer), dbPath, now: T2 });
    expect(summary.listings).toMatchObject({ deleted: 1, unchanged: 3 });
    expect(summary.counts.byOrigin).toEqual({ data: 3, provider: 1 });

    const after = await openStore(dbPath);
    expect(await getListingRecord(after.db, 'nl-cooking-course')).toBeUndefined();
    expect(await getListingRecord(after.db, 'ie-provider-course')).toEqual(submitted);
    await after.close();
  });

  it('writes nothing when a record is invalid: the database stays byte for byte the same', async () => {
    await runIndexer({ dataDir: dataDir(fixtureListings()), dbPath, now: T1 });
    const before = fileHash(dbPath);
    const bad = [...fixtureListings().slice(1), { ...fixtureListing('ie-new'), cost: 'cheap' }];
    const problems = await problemsOf(runIndexer({ dataDir: dataDir(bad), dbPath, now: T2 }));
    expect(problems).toEqual([
      expect.stringMatching(
        /listings\.json: record 1 \(ie-org-service\): organisation "ie-org" is not the id of any record$/,
      ),
      expect.stringMatching(/listings\.json: record 4 \(ie-new\): cost "cheap" is not one of free, fee, unknown$/),
    ]);
    expect(fileHash(dbPath)).toBe(before);
    expect(filesIn(work)).toEqual(['skillway.db']);
  });

  it('does not even create the database when validation fails', async () => {
    await problemsOf(runIndexer({ dataDir: dataDir([{ id: 'x' }]), dbPath }));
    expect(existsSync(dbPath)).toBe(false);
  });

  it('reports unparsable JSON with the file, line and column', async () => {
    const dir = dataDir('[\n  {\n    "id": "ie-a",\n    "kind": "service",\n  }\n]');
    writeFileSync(join(dir, 'taxonomy', 'skills.json'), '[{"uri": "x" "labels": {}}]');
    const problems = await problemsOf(runIndexer({ dataDir: dir, dbPath }));
    expect(problems).toEqual([
      `${join(dir, 'listings.json')}: invalid JSON at line 5, column 3: trailing ',' before '}'`,
      `${join(dir, 'taxonomy', 'skills.json')}: invalid JSON at line 1, column 14: expected ',' or '}' after a property value, found "\\""`,
    ]);
    expect(existsSync(dbPath)).toBe(false);
  });

  it('reports taxonomy files that do not hold together', async () => {
    const taxonomy = fixtureTaxonomy();
    taxonomy.occupations[0]!.isco = '9999';
    taxonomy.occupationSkills['http://data.europa.eu/esco/occupation/nope'] = [];
    const dir = dataDir(fixtureListings(), taxonomy);
    const problems = await problemsOf(runIndexer({ dataDir: dir, dbPath }));
    const occupations = join(dir, 'taxonomy', 'occupations.json');
    const links = join(dir, 'taxonomy', 'occupation_skills.json');
    expect(problems).toEqual([
      `${occupations}: entry 1 (${NURSE_URI}) has an unknown ISCO group "9999"`,
      // The nurse did not make it into the occupations, so its skill links point nowhere either.
      `${links}: ${NURSE_URI} is not an occupation in ${occupations}`,
      `${links}: http://data.europa.eu/esco/occupation/nope is not an occupation in ${occupations}`,
    ]);
  });
});

describe('the write phase is all or nothing', () => {
  /** v1: the fixture. v2: 6,000 listings, a changed taxonomy and v1's listings changed or removed. */
  function versions() {
    const v1 = dataDir(fixtureListings());
    const taxonomy = fixtureTaxonomy();
    taxonomy.occupations[1]!.labels.en = 'chef';
    const many = Array.from({ length: 6_000 }, (_, i) => fixtureListing(`be-generated-${i}`));
    const v2 = dataDir([{ ...fixtureListings()[0]!, name: 'Renamed organisation' }, ...many], taxonomy);
    return { v1, v2 };
  }

  it('keeps the previous database when a failure interrupts the listings half-way', async () => {
    const { v1, v2 } = versions();
    await runIndexer({ dataDir: v1, dbPath, now: T1 });
    const before = dumpDatabase(dbPath);

    const reporter = watchingReporter({ stage: 'listings', done: 2_500 });
    await expect(runIndexer({ dataDir: v2, dbPath, now: T2, reporter })).rejects.toThrow(
      'injected failure in listings at 2500',
    );
    // The taxonomy had been rewritten inside the same transaction; it is rolled back too.
    expect(reporter.ended).toEqual(['read', 'validate', 'taxonomy']);
    expect(dumpDatabase(dbPath)).toEqual(before);
  });

  it('keeps the previous database when the search index step fails after the listings are written', async () => {
    const { v1, v2 } = versions();
    await runIndexer({ dataDir: v1, dbPath, now: T1 });
    const before = dumpDatabase(dbPath);
    const searchStep = {
      ...storeSearchStep,
      rebuildSqlite: async () => {
        throw new Error('search index exploded');
      },
    };
    const reporter = watchingReporter();
    await expect(runIndexer({ dataDir: v2, dbPath, now: T2, searchStep, reporter })).rejects.toThrow(
      'search index exploded',
    );
    expect(reporter.ended).toContain('listings');
    expect(dumpDatabase(dbPath)).toEqual(before);

    // And the same data goes in cleanly once the failure is gone.
    const summary = await runIndexer({ dataDir: v2, dbPath, now: T2 });
    expect(summary.listings).toMatchObject({ inserted: 6_000, updated: 1, deleted: 3 });
  });
});

/** The seed file's own tally, counted apart from the indexer: the data work adds listings (issue 14). */
function seedTally() {
  const seed = JSON.parse(readFileSync(join(REPO_DATA, 'listings.json'), 'utf8')) as {
    kind: string;
    countries: string[];
  }[];
  const count = (keys: string[]) => {
    const counts: Record<string, number> = {};
    for (const k of keys) counts[k] = (counts[k] ?? 0) + 1;
    return counts;
  };
  return {
    total: seed.length,
    byKind: count(seed.map((r) => r.kind)),
    byCountry: count(seed.flatMap((r) => r.countries)),
  };
}

describe('the real seed data', () => {
  it('indexes every seed listing with the ESCO taxonomy, and re-indexes without changes', async () => {
    const seed = seedTally();
    expect(seed.total).toBeGreaterThanOrEqual(146);
    const summary = await runIndexer({ dataDir: REPO_DATA, dbPath, now: T1 });
    expect(summary.counts.total).toBe(seed.total);
    expect(summary.counts.byKind).toEqual(seed.byKind);
    expect(summary.counts.byCountry).toEqual(seed.byCountry);
    expect(summary.taxonomy).toMatchObject({
      iscoGroups: 619,
      occupations: 3_007,
      skills: 13_896,
      occupationSkills: 64_891,
    });

    const store = await openStore(dbPath);
    const nurses = await suggestOccupations(store.db, { q: 'ápoló', lang: 'hu', limit: 5 });
    expect(nurses.map((n) => n.isco_code)).toContain('2221');
    await store.close();

    const again = await runIndexer({ dataDir: REPO_DATA, dbPath, now: T2 });
    expect(again.listings).toMatchObject({ inserted: 0, updated: 0, deleted: 0, unchanged: seed.total });
  });
});
