import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore, openStore, type Store } from '../db';
import { describeEachDatabase, type TestStore } from '../testing/test-databases';
import { bumpIndexGeneration, INDEX_GENERATION_KEY, readIndexGeneration } from './index-generation';
import { IndexGenerationReader } from './index-generation.reader';

const KEYS = ['taxonomy_hash', INDEX_GENERATION_KEY];
const generationOf = (rows: { key: string; value: string }[]) =>
  rows.find((r) => r.key === INDEX_GENERATION_KEY)?.value;

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const readers: IndexGenerationReader[] = [];
afterEach(async () => {
  for (const reader of readers.splice(0)) await reader.stop();
});

describe('index generation on SQLite', () => {
  it('is a number each bump increments, read from the database on every request', async () => {
    const store = await openStore(':memory:');
    try {
      expect(await readIndexGeneration(store.db)).toBe(0);
      await bumpIndexGeneration(store.db);
      await bumpIndexGeneration(store.db);
      expect(await readIndexGeneration(store.db)).toBe(2);
      const reader = new IndexGenerationReader(store.db, { listen: { connectionString: 'postgres://unused' } });
      readers.push(reader);
      await reader.start();
      expect(reader.cachedReads).toBe(false);
      expect(generationOf(await reader.read(KEYS))).toBe('2');
      await bumpIndexGeneration(store.db);
      expect(generationOf(await reader.read(KEYS))).toBe('3');
    } finally {
      await store.close();
    }
  });
});

describeEachDatabase('index generation', (database) => {
  let a: TestStore;
  let b: Store;

  beforeAll(async () => {
    a = await database.openEmpty();
    // Two instances: each its own connection pool, as two API processes have (SQLite: one connection).
    b = a.dialect === 'postgres' ? await openPostgresStore(a.path, { migrate: false, maxConnections: 2 }) : a;
  });
  afterAll(async () => {
    if (b !== a) await b?.close();
    await a?.dispose();
  });

  const postgres = database.dialect === 'postgres';

  function listeningReader(store: Store, maxAgeMs = 600_000): IndexGenerationReader {
    const reader = new IndexGenerationReader(store.db, {
      listen: { connectionString: a.path },
      maxAgeMs,
      reconnectMs: 50,
    });
    readers.push(reader);
    return reader;
  }

  it('increments without losing a bump when instances bump at once', async () => {
    const before = await readIndexGeneration(a.db);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).db.transaction().execute((trx) => bumpIndexGeneration(trx))),
    );
    expect(await readIndexGeneration(b.db)).toBe(before + 20);
  });

  it.runIf(postgres)(
    "keeps the generation until another instance's bump notifies it, then reads the new one",
    async () => {
      const reader = listeningReader(b);
      await reader.start();
      expect(reader.cachedReads).toBe(true);
      const first = generationOf(await reader.read(KEYS));
      // A change of the row without a notification is not seen: the reads are cached (maxAge 10 min here).
      await sql`update meta set value = '999999' where key = ${INDEX_GENERATION_KEY}`.execute(a.db);
      expect(generationOf(await reader.read(KEYS))).toBe(first);
      // A bump in a transaction notifies on commit; the cached value goes at once.
      await a.db.transaction().execute((trx) => bumpIndexGeneration(trx));
      await until('the notification', async () => generationOf(await reader.read(KEYS)) === '1000000');
    },
  );

  it.runIf(postgres)('reads the database on every request while its listener is lost, and listens again', async () => {
    const reader = listeningReader(b);
    await reader.start();
    await reader.read(KEYS);
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where query like 'listen %' and pid <> pg_backend_pid()`.execute(
      a.db,
    );
    await until('the listener to be noticed lost', async () => !reader.cachedReads);
    // Unnotified changes are seen now: nothing is cached.
    await sql`update meta set value = '5000000' where key = ${INDEX_GENERATION_KEY}`.execute(a.db);
    expect(generationOf(await reader.read(KEYS))).toBe('5000000');
    await until('the listener to reconnect', async () => reader.cachedReads);
    await a.db.transaction().execute((trx) => bumpIndexGeneration(trx));
    await until('the bump after reconnecting', async () => generationOf(await reader.read(KEYS)) === '5000001');
  });

  it.runIf(postgres)('without a notification, trusts a cached read for maxAgeMs at most', async () => {
    const reader = listeningReader(b, 50);
    await reader.start();
    const first = generationOf(await reader.read(KEYS));
    await sql`update meta set value = ${String(Number(first) + 7)} where key = ${INDEX_GENERATION_KEY}`.execute(a.db);
    await until(
      'the cached value to expire',
      async () => generationOf(await reader.read(KEYS)) === String(Number(first) + 7),
    );
  });
});
