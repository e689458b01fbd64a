import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_DATABASE_PATH,
  databaseLocationFromEnv,
  databasePathFromEnv,
  openPostgresStore,
  openStore,
  openStoreFromEnv,
  redactDatabaseUrl,
} from './db';
import { runPostgresSuites, sharedPostgresServer } from './testing/postgres-server';
import { migrations } from './migrations';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'skillway-db-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('openStore', () => {
  it('creates the folder and the file, runs every migration, and uses WAL with foreign keys on', async () => {
    const path = join(dir, 'nested', 'skillway.db');
    const store = await openStore(path);
    expect(store.path).toBe(path);
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    const applied = store.sqlite.prepare('select name from kysely_migration order by name').pluck().all();
    expect(applied).toEqual(Object.keys(migrations));
    await store.close();
    expect(store.sqlite.open).toBe(false);
  });

  it('migrates only once: reopening keeps the data', async () => {
    const path = join(dir, 'skillway.db');
    const first = await openStore(path);
    await first.db.insertInto('meta').values({ key: 'k', value: 'v' }).execute();
    await first.close();
    const second = await openStore(path);
    expect(await second.db.selectFrom('meta').selectAll().execute()).toEqual([{ key: 'k', value: 'v' }]);
    await second.close();
  });

  it('opens read-only without migrating, and refuses a missing file', async () => {
    const path = join(dir, 'skillway.db');
    await expect(openStore(path, { readonly: true })).rejects.toThrow();
    await (await openStore(path)).close();
    const readonly = await openStore(path, { readonly: true });
    await expect(readonly.db.insertInto('meta').values({ key: 'k', value: 'v' }).execute()).rejects.toThrow(/readonly/);
    await readonly.close();
  });

  it('can open without migrating', async () => {
    const store = await openStore(join(dir, 'bare.db'), { migrate: false });
    expect(store.sqlite.prepare(`select count(*) from sqlite_master`).pluck().get()).toBe(0);
    await store.close();
  });
});

describe('databasePathFromEnv', () => {
  it('resolves DATABASE_PATH against the working directory, with a default', () => {
    expect(databasePathFromEnv({})).toBe(resolve(DEFAULT_DATABASE_PATH));
    expect(databasePathFromEnv({ DATABASE_PATH: 'x/y.db' })).toBe(resolve('x/y.db'));
    expect(databasePathFromEnv({ DATABASE_PATH: '/abs/z.db' })).toBe('/abs/z.db');
  });
});

describe('databaseLocationFromEnv', () => {
  it('picks PostgreSQL for a postgres:// DATABASE_URL, SQLite otherwise, and refuses any other URL', () => {
    expect(databaseLocationFromEnv({})).toEqual({ dialect: 'sqlite', path: resolve(DEFAULT_DATABASE_PATH) });
    expect(databaseLocationFromEnv({ DATABASE_PATH: 'x.db', DATABASE_URL: '' })).toEqual({
      dialect: 'sqlite',
      path: resolve('x.db'),
    });
    for (const url of ['postgres://u:p@h:5432/d', 'postgresql://h/d']) {
      expect(databaseLocationFromEnv({ DATABASE_PATH: 'x.db', DATABASE_URL: url })).toEqual({
        dialect: 'postgres',
        url,
      });
    }
    expect(() => databaseLocationFromEnv({ DATABASE_URL: 'mysql://h/d' })).toThrow(/postgres:\/\//);
  });

  it('hides the password of a URL it shows', () => {
    expect(redactDatabaseUrl('postgres://skillway:s3cret@db.example.org:5432/skillway')).toBe(
      'postgres://skillway:***@db.example.org:5432/skillway',
    );
    expect(redactDatabaseUrl('postgres://db.example.org/skillway')).toBe('postgres://db.example.org/skillway');
  });
});

describe.runIf(runPostgresSuites())('openPostgresStore', () => {
  it('migrates once, answers counts as numbers, opens read-only on request, and is what DATABASE_URL opens', async () => {
    const server = await sharedPostgresServer();
    const url = await server.createDatabase();
    try {
      const store = await openPostgresStore(url);
      expect(store.dialect).toBe('postgres');
      expect(store.sqlite).toBeUndefined();
      await store.db.insertInto('meta').values({ key: 'k', value: 'v' }).execute();
      const count = await store.db
        .selectFrom('meta')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(count.n).toBe(1); // int8 parsed as a number, as better-sqlite3 gives it
      await store.close();

      const again = await openStoreFromEnv({ DATABASE_URL: url, DATABASE_PATH: join(dir, 'unused.db') });
      expect(again.dialect).toBe('postgres');
      expect(await again.db.selectFrom('meta').selectAll().execute()).toEqual([{ key: 'k', value: 'v' }]);
      await again.close();

      const readonly = await openPostgresStore(url, { readonly: true });
      await expect(readonly.db.insertInto('meta').values({ key: 'x', value: 'y' }).execute()).rejects.toThrow(
        /read-only/,
      );
      await readonly.close();
    } finally {
      await server.dropDatabase(url);
    }
  });
});
