import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DATABASE_PATH, databasePathFromEnv, openStore } from './db';
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
