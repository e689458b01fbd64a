import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type Generated } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { CachingSqliteDatabase } from './sqlite-statement-cache';

let open: CachingSqliteDatabase[] = [];
afterEach(() => {
  for (const db of open) if (db.sqlite.open) db.close();
  open = [];
});

function database(capacity?: number): CachingSqliteDatabase {
  const db = new CachingSqliteDatabase(new SQLite(':memory:'), capacity);
  open.push(db);
  db.sqlite.exec('create table t (id integer primary key, v text)');
  return db;
}

describe('CachingSqliteDatabase', () => {
  it('prepares a text once and hands out the same statement, bound anew on each run', () => {
    const db = database();
    const insert = db.prepare('insert into t (v) values (?)');
    insert.run(['a']);
    expect(db.prepare('insert into t (v) values (?)')).toBe(insert);
    db.prepare('insert into t (v) values (?)').run(['b']);
    const select = db.prepare('select v from t where id = ?');
    expect(select.all([1])).toEqual([{ v: 'a' }]);
    expect(db.prepare('select v from t where id = ?').all([2])).toEqual([{ v: 'b' }]);
    expect(db.size).toBe(2);
  });

  it('keeps at most its capacity, dropping the least recently used', () => {
    const db = database(2);
    const a = db.prepare('select 1');
    const b = db.prepare('select 2');
    expect(db.prepare('select 1')).toBe(a); // now `select 2` is the oldest
    db.prepare('select 3');
    expect(db.size).toBe(2);
    expect(db.prepare('select 1')).toBe(a);
    expect(db.prepare('select 2')).not.toBe(b);
  });

  it('never hands out a statement that is still being iterated', () => {
    const db = database();
    db.prepare('insert into t (v) values (?)').run(['a']);
    db.prepare('insert into t (v) values (?)').run(['b']);
    const text = 'select v from t order by id';
    const outer = db.prepare(text);
    const seen: unknown[] = [];
    for (const row of outer.iterate([])) {
      const inner = db.prepare(text);
      expect(inner).not.toBe(outer);
      seen.push(row, inner.all([]).length);
    }
    expect(seen).toEqual([{ v: 'a' }, 2, { v: 'b' }, 2]);
    expect(db.prepare(text)).toBe(outer);
  });

  it('serves Kysely: queries, transactions that commit and roll back, and closing', async () => {
    const db = database();
    const kysely = new Kysely<{ t: { id: Generated<number>; v: string } }>({ dialect: new SqliteDialect({ database: db }) });
    for (let i = 0; i < 3; i++) await kysely.insertInto('t').values({ v: `v${i}` }).execute();
    await kysely.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ v: 'kept' }).execute();
    });
    await expect(
      kysely.transaction().execute(async (trx) => {
        await trx.insertInto('t').values({ v: 'rolled back' }).execute();
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    const rows = await kysely.selectFrom('t').select('v').orderBy('id').execute();
    expect(rows.map((r) => r.v)).toEqual(['v0', 'v1', 'v2', 'kept']);
    expect((await sql<{ n: number }>`select count(*) as n from t`.execute(kysely)).rows).toEqual([{ n: 4 }]);
    // begin, commit, rollback, the insert, the select and the count: each prepared once
    expect(db.size).toBe(6);
    await kysely.destroy();
    expect(db.sqlite.open).toBe(false);
  });
});
