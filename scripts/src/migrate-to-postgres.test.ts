import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  ModerationService,
  openPostgresStore,
  openStore,
  replaceDataStories,
  StoryService,
  SubmissionService,
  type SqliteStore,
} from '@skillway/store';
import { createSearchEngine } from '@skillway/store/search';
import {
  createSeededStore,
  createTestUser,
  runPostgresSuites,
  sampleListing,
  sharedPostgresServer,
  type TempStore,
} from '@skillway/store/testing';
import { migrateCli, parentsFirst, selfReferenceOrder } from './migrate-to-postgres';

/**
 * `npm run migrate:to-postgres` on a real SQLite file holding what a running directory holds (the seed
 * listings and taxonomy, accounts, a submission approved through the outbox and one pending, stories,
 * the audit log), copied into a real PostgreSQL database of pg-store's throwaway cluster.
 */
const runs = runPostgresSuites();

function io(env: { DATABASE_PATH?: string; DATABASE_URL?: string } = {}) {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      env,
      stdout: { write: (t: string) => (out.stdout += t) },
      stderr: { write: (t: string) => (out.stderr += t) },
    },
  };
}

describe('migrate:to-postgres helpers', () => {
  it('orders tables parents first, ignoring a table that references itself', () => {
    const keys = [
      { child: 'listing_value', parent: 'listing' },
      { child: 'listing', parent: 'listing' },
      { child: 'submission', parent: 'user_account' },
      { child: 'story_text', parent: 'story' },
      { child: 'story', parent: 'user_account' },
    ];
    const order = parentsFirst(
      ['story_text', 'submission', 'listing_value', 'story', 'listing', 'user_account', 'meta'],
      keys,
    );
    for (const { child, parent } of keys) expect(order.indexOf(parent)).toBeLessThanOrEqual(order.indexOf(child));
    expect(() =>
      parentsFirst(
        ['a', 'b'],
        [
          { child: 'a', parent: 'b' },
          { child: 'b', parent: 'a' },
        ],
      ),
    ).toThrow(/cycle/);
  });

  it('orders a self-referencing table parents first (ISCO groups: 2 before 22 before 222)', () => {
    const rows = [
      ['222', '22'],
      ['2', null],
      ['2221', '222'],
      ['22', '2'],
    ];
    expect(selfReferenceOrder(rows, 1, 0).map((r) => r[0])).toEqual(['2', '22', '222', '2221']);
  });
});

describe.runIf(runs)('npm run migrate:to-postgres', () => {
  let dir: string;
  let seeded: TempStore;
  let from: string;
  const counts = new Map<string, number>();

  beforeAll(async () => {
    seeded = await createSeededStore();
    const provider = await createTestUser(seeded, 'provider@example.org');
    const moderator = await createTestUser(seeded, 'moderator@example.org', 'moderator');
    const submissions = new SubmissionService(seeded.db);
    const moderation = new ModerationService(seeded.db, {});
    const approved = await submissions.submitNew(provider, sampleListing({ name: 'Quokkaberry welding course' }));
    await moderation.approve(moderator, approved.id);
    await submissions.submitNew(provider, sampleListing({ name: 'Pending course' }));
    await replaceDataStories(seeded.db, [
      {
        id: 'ie-story',
        teller: 'refugee',
        country: 'IE',
        listings: ['ie-nmbi'],
        text_lang: 'en',
        texts: { en: { title: 'Registered as a nurse', summary: 'Registered with NMBI.', status: 'original' } },
        anonymous: true,
        source: { url: 'https://example.org/story', date: '2026-01-01', publisher: 'Example' },
      },
    ]);
    await new StoryService(seeded.db).submit(provider, {
      teller: 'provider-on-behalf',
      country: 'IE',
      listings: ['ie-nmbi'],
      lang: 'uk',
      title: 'Медсестра з України',
      summary: 'Медсестра пройшла реєстрацію в NMBI.',
      anonymous: true,
      told_to: 'Example Centre',
      consent: true,
    });
    // The copy opens the file itself: close this handle first (its WAL is checkpointed on close).
    from = seeded.path;
    const tables = seeded.sqlite
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
      .all() as { name: string }[];
    for (const { name } of tables)
      counts.set(name, (seeded.sqlite.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n);
    await seeded.close();
    dir = mkdtempSync(join(tmpdir(), 'skillway-migrate-'));
  });

  afterAll(async () => {
    await seeded?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has what it must carry: accounts, submissions, outbox rows, stories, the audit log', () => {
    for (const table of ['user_account', 'submission', 'outbox', 'story', 'story_text', 'audit_log', 'listing'])
      expect(counts.get(table), table).toBeGreaterThan(0);
  });

  it(
    'copies every table into an empty database, row for row, and PostgreSQL search and sequences work',
    { timeout: 180_000 },
    async () => {
      const server = await sharedPostgresServer();
      const to = await server.createDatabase();
      const run = io();
      expect(await migrateCli(['--from', from, '--to', to], run.io), run.out.stderr).toBe(0);
      expect(run.out.stdout).toMatch(/row counts match/);
      expect(run.out.stderr).toMatch(/listing: \d+ rows/);
      expect(run.out.stderr).not.toContain(new URL(to).password || '\u0000');

      const pg = await openPostgresStore(to);
      try {
        for (const [table, n] of counts) {
          if (
            table.startsWith('kysely_') ||
            table.startsWith('search_') ||
            table.endsWith('_fts') ||
            /_fts_/.test(table)
          )
            continue;
          const copied = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(pg.db);
          // meta gains the index generation when PostgreSQL's search index is built after the copy
          if (table === 'meta') expect(Number(copied.rows[0]!.n), table).toBeGreaterThanOrEqual(n);
          else expect(Number(copied.rows[0]!.n), table).toBe(n);
        }
        // Built from the copied labels, as replaceTaxonomy does on PostgreSQL.
        const words = await sql<{ n: number }>`select count(*) as n from occupation_label_word`.execute(pg.db);
        expect(Number(words.rows[0]!.n)).toBeGreaterThan(Number(counts.get('occupation_label')));
        // What was written through the services reads back the same.
        const source = (await openStore(from, { readonly: true })) as SqliteStore;
        try {
          for (const table of ['user_account', 'submission', 'outbox', 'story', 'listing_text']) {
            const a = await source.db
              .selectFrom(table as 'user_account')
              .selectAll()
              .execute();
            const b = await pg.db
              .selectFrom(table as 'user_account')
              .selectAll()
              .execute();
            const key = (r: object) => JSON.stringify(r);
            expect(b.map(key).sort(), table).toEqual(a.map(key).sort());
          }
        } finally {
          await source.close();
        }
        // A new account continues the ids (the identity sequence was moved past the copied ones).
        const maxId = Number(counts.get('user_account'));
        const next = await createTestUser(pg, 'new@example.org');
        expect(next.id).toBeGreaterThan(maxId);
        // PostgreSQL's full-text engine answers at once, the approved listing included.
        const found = await createSearchEngine(pg, {}).search({ q: 'quokkaberry' });
        expect(found).toMatchObject({ engine: 'postgres', total: 1 });
      } finally {
        await pg.close();
      }
    },
  );

  it('refuses a database that already holds rows, and writes nothing', async () => {
    const server = await sharedPostgresServer();
    const to = await server.createDatabase();
    const pg = await openPostgresStore(to);
    await pg.db.insertInto('meta').values({ key: 'someone', value: 'was here' }).execute();
    await pg.close();
    const run = io();
    expect(await migrateCli(['--from', from, '--to', to], run.io)).toBe(1);
    expect(run.out.stderr).toMatch(/not empty \(rows in meta\)/);
    const after = await openPostgresStore(to);
    try {
      const listings = await sql<{ n: number }>`select count(*) as n from listing`.execute(after.db);
      expect(Number(listings.rows[0]!.n)).toBe(0);
    } finally {
      await after.close();
    }
  });

  it('says how to use it: exit 2 without a PostgreSQL URL', async () => {
    const run = io();
    expect(await migrateCli(['--from', from], run.io)).toBe(2);
    expect(run.out.stderr).toMatch(/--to is required/);
    expect(await migrateCli(['--from', from, '--to', 'mysql://x'], io().io)).toBe(2);
    expect(await migrateCli(['--nope'], io().io)).toBe(2);
  });
});
