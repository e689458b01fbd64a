import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, getListingRecord } from '@skillway/store';
import { DataProblems, runIndexer } from './run-indexer';
import { main as stampMain, stampTranslations } from './stamp-translations';
import { fixtureListing, writeDataDir } from './test-fixtures';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const listings = () => [
  fixtureListing('ie-org', { kind: 'organisation', how_to_apply: 'Write to the office.' }),
  fixtureListing('ie-course', { organisation: 'ie-org', text_lang: 'en' }),
  fixtureListing('be-cours', { text_lang: 'fr', summary: 'Aide les réfugiés à faire reconnaître leurs diplômes.' }),
];

function setUp(translations: Record<string, unknown>, records: unknown[] = listings()) {
  const dir = writeDataDir(records);
  dirs.push(dir);
  mkdirSync(join(dir, 'translations'));
  for (const [lang, content] of Object.entries(translations)) {
    writeFileSync(join(dir, 'translations', `${lang}.json`), JSON.stringify(content, null, 2) + '\n');
  }
  const dbPath = join(mkdtempSync(join(tmpdir(), 'skillway-translations-')), 'skillway.db');
  dirs.push(dbPath.slice(0, -'/skillway.db'.length));
  return { dir, dbPath };
}

async function problemsOf(promise: Promise<unknown>): Promise<readonly string[]> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataProblems);
  return (error as DataProblems).problems;
}

const arOrg = { name: 'منظمة', how_to_apply: 'اكتب إلى المكتب.', status: 'machine', from: 'en' };

describe('seed translations', () => {
  it('merges data/translations/<lang>.json into the listings as texts with their status', async () => {
    const { dir, dbPath } = setUp({
      ar: {
        'ie-org': arOrg,
        'be-cours': { summary: 'يساعد اللاجئين على معادلة شهاداتهم.', status: 'reviewed', from: 'fr' },
      },
      uk: { 'ie-org': { name: 'Організація', status: 'machine', from: 'en' } },
    });
    const summary = await runIndexer({ dataDir: dir, dbPath });
    expect(summary.translations).toMatchObject({ used: { ar: 2, uk: 1 }, stale: [], unstamped: 3 });
    const store = await openStore(dbPath);
    try {
      expect((await getListingRecord(store.db, 'ie-org'))?.texts).toEqual({
        ar: arOrg,
        uk: { name: 'Організація', status: 'machine', from: 'en' },
      });
      expect((await getListingRecord(store.db, 'be-cours'))?.texts?.ar).toMatchObject({
        status: 'reviewed',
        from: 'fr',
      });
      expect((await getListingRecord(store.db, 'ie-course'))?.texts).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('names the file, the listing and the field of every problem, and writes nothing', async () => {
    const { dir, dbPath } = setUp({
      ar: {
        'ie-missing': arOrg,
        'ie-org': { ...arOrg, status: 'approved' },
        'ie-course': { how_to_apply: 'قدّم طلبك.', status: 'machine', from: 'en' },
        'be-cours': { name: 'دورة', status: 'machine', from: 'en' },
      },
      english: {},
    });
    const problems = await problemsOf(runIndexer({ dataDir: dir, dbPath }));
    const ar = join(dir, 'translations', 'ar.json');
    expect(problems).toEqual([
      `${ar}: ie-missing: is not the id of any record in listings.json`,
      `${ar}: ie-org: status "approved" is not one of machine, reviewed`,
      `${ar}: ie-course: how_to_apply translates a text the record does not have`,
      `${ar}: be-cours: from "en" is not the record's language (text_lang fr)`,
      `${join(dir, 'translations', 'english.json')}: the file name must be a two-letter language code (ISO 639-1), like ar.json`,
    ]);
    expect(() => readFileSync(dbPath)).toThrow();
  });

  it('stamps translations, then leaves out the ones whose original changed since', async () => {
    const { dir, dbPath } = setUp({
      ar: { 'ie-org': arOrg },
      uk: { 'ie-org': { name: 'Організація', status: 'machine', from: 'en' } },
    });
    expect(stampTranslations(dir).stamped).toEqual({
      [join(dir, 'translations', 'ar.json')]: 1,
      [join(dir, 'translations', 'uk.json')]: 1,
    });
    const stamped = JSON.parse(readFileSync(join(dir, 'translations', 'ar.json'), 'utf8'));
    expect(Object.keys(stamped['ie-org'])).toEqual(['name', 'how_to_apply', 'status', 'from', 'from_hash']);
    expect(stamped['ie-org'].from_hash).toMatch(/^[0-9a-f]{16}$/);
    const fileBefore = createHash('sha256')
      .update(readFileSync(join(dir, 'translations', 'ar.json')))
      .digest('hex');
    expect(stampMain(['--data', dir])).toBe(0);
    expect(
      createHash('sha256')
        .update(readFileSync(join(dir, 'translations', 'ar.json')))
        .digest('hex'),
    ).toBe(fileBefore);

    expect((await runIndexer({ dataDir: dir, dbPath })).translations).toMatchObject({
      used: { ar: 1, uk: 1 },
      stale: [],
      unstamped: 0,
    });

    // The office now asks for an e-mail: the Arabic how-to-apply is out of date; the Ukrainian name is not.
    const changed = listings().map((r) =>
      r.id === 'ie-org' ? { ...r, how_to_apply: 'Send an e-mail to the office.' } : r,
    );
    writeFileSync(join(dir, 'listings.json'), JSON.stringify(changed));
    const summary = await runIndexer({ dataDir: dir, dbPath });
    expect(summary.translations).toMatchObject({ used: { uk: 1 }, stale: ['ar ie-org'] });
    const store = await openStore(dbPath);
    try {
      expect(Object.keys((await getListingRecord(store.db, 'ie-org'))?.texts ?? {})).toEqual(['uk']);
    } finally {
      await store.close();
    }
  });

  it('leaves a seed translation out when the record has its own text in that language', async () => {
    const own = listings().map((r) =>
      r.id === 'ie-org' ? { ...r, texts: { ar: { name: 'اسم المنظمة', status: 'original' } } } : r,
    );
    const { dir, dbPath } = setUp({ ar: { 'ie-org': arOrg } }, own);
    const summary = await runIndexer({ dataDir: dir, dbPath });
    expect(summary.translations.overridden).toEqual(['ar ie-org']);
    const store = await openStore(dbPath);
    try {
      expect((await getListingRecord(store.db, 'ie-org'))?.texts).toEqual({
        ar: { name: 'اسم المنظمة', status: 'original' },
      });
    } finally {
      await store.close();
    }
  });
});

describe('listing rules beyond the schema', () => {
  it('refuses hours that close before they open and texts that hide where they come from', async () => {
    const bad = [
      fixtureListing('ie-a', {
        schedules: [{ days: ['mo'], opens: '14:00', closes: '09:00' }],
        texts: {
          en: { name: 'Own language', status: 'machine', from: 'en' },
          ga: { name: 'Ainm', status: 'original', from: 'en' },
          ar: { documents: 'وثائق', status: 'machine', from: 'en' },
        },
      }),
    ];
    const { dir, dbPath } = setUp({}, bad);
    const problems = await problemsOf(runIndexer({ dataDir: dir, dbPath }));
    expect(problems.map((p) => p.replace(/^.*record 1 \(ie-a\): /, ''))).toEqual([
      'schedules[0].closes "09:00" is not later than opens "14:00"',
      "texts.en is the record's own language (text_lang en): put these texts in the record's fields",
      'texts.ga.from must not be given on an original text',
      'texts.ar.documents translates a text the record does not have (no documents)',
    ]);
  });
});
