import { createHash } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, NO_MIGRATIONS, sql, SqliteDialect } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '../database';
import { openPostgresStore } from '../db';
import { runPostgresSuites, sharedPostgresServer } from '../testing/postgres-server';
import type { TestStore } from '../testing/test-databases';
import { migrationProvider, migrations } from './index';

/** The schema as SQLite stores it, minus Kysely's own bookkeeping tables. */
function schema(sqlite: SQLite.Database): { type: string; name: string; sql: string | null }[] {
  return sqlite
    .prepare(
      `select type, name, sql from sqlite_master where name not like 'kysely_migration%' and name not like 'sqlite_%' order by type, name`,
    )
    .all() as { type: string; name: string; sql: string | null }[];
}

let sqlite: SQLite.Database;
let db: Kysely<unknown>;
let migrator: Migrator;
beforeEach(() => {
  sqlite = new SQLite(':memory:');
  sqlite.pragma('foreign_keys = ON');
  db = new Kysely({ dialect: new SqliteDialect({ database: sqlite }) });
  migrator = new Migrator({ db, provider: migrationProvider });
});
afterEach(async () => {
  await db.destroy();
});

describe('migrations', () => {
  it('go up from an empty database, all the way down, and up again to the same schema', async () => {
    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();
    expect(up.results?.map((r) => [r.migrationName, r.status])).toEqual(
      Object.keys(migrations).map((name) => [name, 'Success']),
    );
    const latest = schema(sqlite);
    expect(latest.filter((e) => e.type === 'table').map((e) => e.name)).toEqual(
      expect.arrayContaining(['listing', 'listing_value', 'isco_group', 'occupation', 'occupation_label_fts', 'meta']),
    );

    const down = await migrator.migrateTo(NO_MIGRATIONS);
    expect(down.error).toBeUndefined();
    expect(schema(sqlite)).toEqual([]);

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect(schema(sqlite)).toEqual(latest);
  });

  it('step down and up one migration at a time', async () => {
    await migrator.migrateToLatest();
    const names = Object.keys(migrations);
    for (let i = names.length - 1; i >= 0; i--) {
      const { error } = await migrator.migrateDown();
      expect(error, `down ${names[i]}`).toBeUndefined();
    }
    for (const name of names) {
      const { error, results } = await migrator.migrateUp();
      expect(error, `up ${name}`).toBeUndefined();
      expect(results?.[0]?.migrationName).toBe(name);
    }
  });

  it('leave a working schema after a round trip: FTS triggers, foreign keys and checks', async () => {
    await migrator.migrateToLatest();
    await migrator.migrateTo(NO_MIGRATIONS);
    await migrator.migrateToLatest();
    sqlite.exec(`
      insert into isco_group (code, level, parent_code) values ('2', 1, null), ('22', 2, '2');
      insert into occupation (uri, esco_code, isco_code) values ('u1', '2221.1', '22');
      insert into occupation_label (uri, lang, label, preferred) values ('u1', 'hu', 'ápoló', 1);
    `);
    expect(
      sqlite.prepare(`select rowid from occupation_label_fts where occupation_label_fts match 'apolo'`).all(),
    ).toHaveLength(1);
    sqlite.exec(`delete from occupation_label`);
    expect(
      sqlite.prepare(`select rowid from occupation_label_fts where occupation_label_fts match 'apolo'`).all(),
    ).toHaveLength(0);
    expect(() => sqlite.exec(`insert into occupation (uri, esco_code, isco_code) values ('u2', 'x', '999')`)).toThrow(
      /FOREIGN KEY/,
    );
    expect(() =>
      sqlite.exec(`insert into listing (id, kind, name, summary, cost, url, source_url, content_hash, updated_at)
        values ('x', 'shop', 'n', 's', 'free', 'u', 's', 'h', 'now')`),
    ).toThrow(/CHECK constraint/);
  });
});

describe('the SQLite schema', () => {
  it('is, up to 0011, byte for byte what it was before the migrations learnt PostgreSQL', async () => {
    // sha256 of the sqlite_master rows below, taken from the migrations of commit 9689235 (the last
    // before issue 20); the branches for PostgreSQL must not change a character of SQLite's DDL.
    const result = await migrator.migrateTo('0011-stories');
    expect(result.error).toBeUndefined();
    const rows = sqlite
      .prepare(
        `select type, name, tbl_name, sql from sqlite_master where name not like 'kysely_migration%' order by type, name`,
      )
      .all();
    expect(
      createHash('sha256')
        .update(JSON.stringify(rows, null, 1))
        .digest('hex'),
    ).toBe(SQLITE_SCHEMA_0011_SHA256);
  });
});

const SQLITE_SCHEMA_0011_SHA256 = '91488de99d3939645b196915f5d43a7d11c5270d39451f0749eb26580262d3f3';

describe.runIf(runPostgresSuites())('migrations on PostgreSQL', () => {
  let store: TestStore;
  beforeAll(async () => {
    const server = await sharedPostgresServer();
    store = await openPostgresStore(await server.createDatabase(), { migrate: false }).then((s) => ({
      ...s,
      dispose: () => s.close(),
    }));
  });
  afterAll(() => store?.dispose());

  /** tables and their columns with PostgreSQL's types, for comparing one state with another */
  async function columns(db: Kysely<DB>) {
    const { rows } = await sql<{ table_name: string; column_name: string; data_type: string }>`
      select table_name, column_name, data_type from information_schema.columns
      where table_schema = 'public' and table_name not like 'kysely_migration%'
      order by table_name, column_name`.execute(db);
    return rows;
  }

  it('go up, all the way down and up again, in a transaction each, to the same schema', async () => {
    const pgMigrator = new Migrator({ db: store.db, provider: migrationProvider });
    const up = await pgMigrator.migrateToLatest();
    expect(up.error).toBeUndefined();
    const latest = await columns(store.db);
    expect(latest.length).toBeGreaterThan(100);
    expect((await pgMigrator.migrateTo(NO_MIGRATIONS)).error).toBeUndefined();
    expect(await columns(store.db)).toEqual([]);
    expect((await pgMigrator.migrateToLatest()).error).toBeUndefined();
    expect(await columns(store.db)).toEqual(latest);
  });

  it('give every table the columns SQLite has, with integer ids, double coordinates and text the rest', async () => {
    await migrator.migrateToLatest();
    // SQLite's own tables, without the embedded engine's (search_*, *_fts: SQLite only by design).
    const sqliteTables = sqlite
      .prepare(
        `select name from sqlite_master where type = 'table' and name not like 'kysely_%' and name not like 'sqlite_%'
           and name not like 'search_%' and name not like '%_fts%' order by name`,
      )
      .pluck()
      .all() as string[];
    const pgColumns = await columns(store.db);
    for (const table of sqliteTables) {
      const expected = (
        sqlite.prepare(`select name, type from pragma_table_info(?)`).all(table) as {
          name: string;
          type: string;
        }[]
      ).map((c) => [c.name, c.type.toLowerCase()]);
      const actual = pgColumns.filter((c) => c.table_name === table).map((c) => [c.column_name, c.data_type]);
      const pgType = { integer: 'integer', text: 'text', real: 'double precision', blob: 'bytea' } as const;
      expect(actual.sort(), table).toEqual(
        expected.map(([name, type]) => [name, pgType[type as keyof typeof pgType] ?? type]).sort(),
      );
    }
    const ids = await sql<{ table_name: string }>`select table_name from information_schema.columns
      where table_schema = 'public' and column_name = 'id' and is_identity = 'YES' order by table_name`.execute(
      store.db,
    );
    expect(ids.rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        'audit_log',
        'listing_claim',
        'occupation_label',
        'outbox',
        'submission',
        'user_account',
      ]),
    );
  });

  it('enforce foreign keys, checks, deferred organisation references and the lower-case e-mail', async () => {
    const db = store.db;
    await expect(
      db.insertInto('occupation').values({ uri: 'u2', esco_code: 'x', isco_code: '999' }).execute(),
    ).rejects.toThrow(/foreign key/);
    await expect(
      sql`insert into listing (id, kind, name, summary, cost, url, source_url, content_hash, updated_at)
        values ('x', 'shop', 'n', 's', 'free', 'u', 's', 'h', 'now')`.execute(db),
    ).rejects.toThrow(/check constraint/);
    await expect(
      sql`insert into user_account (email, role, password_hash, password_changed_at) values ('A@b.org', 'provider', 'h', 'now')`.execute(
        db,
      ),
    ).rejects.toThrow(/check constraint/);
    // An organisation may come after the service that names it, within one transaction.
    await db.transaction().execute(async (trx) => {
      await sql`insert into listing (id, kind, name, organisation_id, summary, cost, url, source_url, content_hash, updated_at)
        values ('s', 'service', 'n', 'o', 's', 'free', 'u', 's', 'h', 'now')`.execute(trx);
      await sql`insert into listing (id, kind, name, summary, cost, url, source_url, content_hash, updated_at)
        values ('o', 'organisation', 'n', 's', 'free', 'u', 's', 'h', 'now')`.execute(trx);
    });
    const row = await db.selectFrom('listing').select('created_at').where('id', '=', 's').executeTakeFirstOrThrow();
    expect(row.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });
});
