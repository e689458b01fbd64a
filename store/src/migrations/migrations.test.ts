import SQLite from 'better-sqlite3';
import { Kysely, Migrator, NO_MIGRATIONS, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
