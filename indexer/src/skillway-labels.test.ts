import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import SQLite from 'better-sqlite3';
import { openStore, suggestOccupations } from '@skillway/store';
import { DataProblems, runIndexer } from './run-indexer';
import {
  COOK_URI,
  fixtureListings,
  fixtureSkillwayLabels,
  NURSE_URI,
  writeDataDir,
  writeSkillwayLabels,
} from './test-fixtures';

const REPO_DATA = resolve(import.meta.dirname, '../../data');

let work: string;
let dbPath: string;
const dirs: string[] = [];
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'skillway-labels-'));
  dbPath = join(work, 'skillway.db');
  dirs.push(work);
});
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(labels?: unknown): string {
  const dir = writeDataDir(fixtureListings());
  dirs.push(dir);
  if (labels !== undefined) writeSkillwayLabels(dir, labels);
  return dir;
}

async function problemsOf(promise: Promise<unknown>): Promise<readonly string[]> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataProblems);
  return (error as DataProblems).problems;
}

const fileHash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const query = (sql: string) => {
  const db = new SQLite(dbPath, { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
};

describe('taxonomy/skillway-labels.json', () => {
  it('loads the project labels into the label tables with source skillway, skipping what ESCO has', async () => {
    const summary = await runIndexer({ dataDir: dataDir(fixtureSkillwayLabels()), dbPath });
    // 4 group titles, 8 occupation labels; ESCO's own "cocinero/cocinera" skipped
    expect(summary.taxonomy).toMatchObject({ skillwayLabels: 12, skillwayLabelsSkipped: 1, occupationLabels: 5 + 8 });
    expect(
      query(`select code, lang, label from isco_group_label where source = 'skillway' order by code, lang`),
    ).toEqual([
      { code: '2221', lang: 'fa', label: 'پرستاران' },
      { code: '2221', lang: 'uk', label: 'Медичні сестри та брати' },
      { code: '5120', lang: 'fa', label: 'آشپزها' },
      { code: '5120', lang: 'uk', label: 'Кухарі' },
    ]);
    expect(
      query(`select lang, label, preferred, source from occupation_label where uri = '${COOK_URI}' order by id`),
    ).toEqual([
      { lang: 'en', label: 'cook', preferred: 1, source: 'esco' },
      { lang: 'es', label: 'cocinero/cocinera', preferred: 1, source: 'esco' },
      { lang: 'uk', label: 'кухар', preferred: 1, source: 'skillway' },
      { lang: 'uk', label: 'кухарка', preferred: 0, source: 'skillway' },
      { lang: 'fa', label: 'آشپز', preferred: 1, source: 'skillway' },
    ]);

    const store = await openStore(dbPath);
    expect(await suggestOccupations(store.db, { q: 'медсестра', lang: 'uk' })).toEqual([
      {
        uri: NURSE_URI,
        isco_code: '2221',
        esco_code: '2221.1',
        label: 'медсестра-спеціаліст',
        lang: 'uk',
        source: 'skillway',
      },
    ]);
    expect((await suggestOccupations(store.db, { q: 'پرستار', lang: 'fa' }))[0]?.uri).toBe(NURSE_URI);
    expect((await suggestOccupations(store.db, { q: 'ممرضة', lang: 'ar' }))[0]?.uri).toBe(NURSE_URI);
    await store.close();

    // Unchanged files, unchanged taxonomy; a changed label file rewrites it.
    const again = await runIndexer({ dataDir: dataDir(fixtureSkillwayLabels()), dbPath });
    expect(again.taxonomy).toMatchObject({ unchanged: true, skillwayLabels: 12 });
    const fewer = fixtureSkillwayLabels();
    fewer.isco_groups = [];
    const changed = await runIndexer({ dataDir: dataDir(fewer), dbPath });
    expect(changed.taxonomy).toMatchObject({ unchanged: false, skillwayLabels: 8 });
  });

  it('is optional: without it, ESCO labels only', async () => {
    const summary = await runIndexer({ dataDir: dataDir(), dbPath });
    expect(summary.taxonomy).toMatchObject({ skillwayLabels: 0, skillwayLabelsSkipped: 0 });
  });

  it('names the file, record and field of every problem, and writes nothing', async () => {
    await runIndexer({ dataDir: dataDir(), dbPath });
    const before = fileHash(dbPath);
    const labels = fixtureSkillwayLabels() as { isco_groups: unknown[]; occupations: unknown[] } & Record<
      string,
      unknown
    >;
    labels.isco_groups.push(
      { code: '9999', labels: { uk: 'Ніхто' } },
      { code: '2221', labels: { ua: 'Медсестри' } },
      { code: '512', en: 'Chefs', labels: { fa: '  ' } },
    );
    labels.occupations.push(
      { uri: 'http://data.europa.eu/esco/occupation/nope', labels: { uk: ['ніхто'] } },
      { uri: COOK_URI, labels: { uk: ['кухар', ''], fa: [] } },
      { uri: NURSE_URI, label: { uk: ['медсестра'] }, labels: { uk: 'медсестра' } },
    );
    labels.source = 'ESCO';
    const dir = dataDir(labels);
    const file = join(dir, 'taxonomy', 'skillway-labels.json');
    const problems = await problemsOf(runIndexer({ dataDir: dir, dbPath }));
    expect(problems).toEqual([
      `${file}: source must be "skillway" (these labels are the project's own, not ESCO's)`,
      `${file}: isco_groups record 3 (9999): code "9999" is not an ISCO group in the taxonomy`,
      `${file}: isco_groups record 4 (2221): code 2221 is listed twice`,
      `${file}: isco_groups record 4 (2221): labels.ua: "ua" is not one of en, nl, fr, hu, it, sk, sl, es, ar, fa, uk`,
      `${file}: isco_groups record 5 (512): en "Chefs" is not ESCO's "Cooks"`,
      `${file}: isco_groups record 5 (512): labels.fa is empty`,
      `${file}: occupations record 3 (http://data.europa.eu/esco/occupation/nope): uri "http://data.europa.eu/esco/occupation/nope" is not an ESCO occupation in the taxonomy`,
      `${file}: occupations record 4 (${COOK_URI}): uri is listed twice`,
      `${file}: occupations record 4 (${COOK_URI}): labels.uk[1] is empty`,
      `${file}: occupations record 4 (${COOK_URI}): labels.fa must be a non-empty array of labels`,
      `${file}: occupations record 5 (${NURSE_URI}): label is not a known field (uri, en, labels)`,
      `${file}: occupations record 5 (${NURSE_URI}): uri is listed twice`,
      `${file}: occupations record 5 (${NURSE_URI}): labels.uk must be a non-empty array of labels`,
    ]);
    expect(fileHash(dbPath)).toBe(before);
  });

  it('reports broken JSON with its line and column, before the database is created', async () => {
    const dir = dataDir('{\n  "source": "skillway",\n  "isco_groups": [,]\n}');
    const problems = await problemsOf(runIndexer({ dataDir: dir, dbPath }));
    expect(problems).toEqual([expect.stringMatching(/skillway-labels\.json: invalid JSON at line 3, column 19: /)]);
    expect(existsSync(dbPath)).toBe(false);
  });

  it('the repository file is valid and gives uk, fa and ar titles to every ISCO group', async () => {
    const summary = await runIndexer({ dataDir: REPO_DATA, dbPath });
    expect(summary.taxonomy.skillwayLabels).toBeGreaterThan(3 * 619 + 3 * 150);
    expect(query(`select lang, count(*) as n from isco_group_label where source = 'skillway' group by lang`)).toEqual([
      { lang: 'ar', n: 619 },
      { lang: 'fa', n: 619 },
      { lang: 'uk', n: 619 },
    ]);
    const store = await openStore(dbPath);
    const first = async (q: string, lang: string) => (await suggestOccupations(store.db, { q, lang, limit: 1 }))[0];
    expect(await first('медсестра', 'uk')).toMatchObject({ isco_code: '2221', label: 'медсестра', source: 'skillway' });
    expect(await first('پرستار', 'fa')).toMatchObject({ isco_code: '2221', label: 'پرستار', source: 'skillway' });
    expect(await first('صيدلي', 'ar')).toMatchObject({ isco_code: '2262' });
    expect(await first('nurse', 'en')).toMatchObject({ isco_code: '2221' });
    expect(await first('лікарка', 'uk')).toMatchObject({ isco_code: '2211' });
    await store.close();
  });
});
