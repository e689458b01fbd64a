import { afterEach, beforeEach, expect, it } from 'vitest';
import { openPostgresStore, type Store } from '../db';
import { readIndexGeneration } from '../index-generation/index-generation';
import type { SearchDocument, SearchEngine } from '../search/search-engine';
import { SqliteSearchEngine } from '../search/sqlite.search-engine';
import { readSeedListings } from '../testing/seed-store';
import { describeEachDatabase, type TestDatabase, type TestStore } from '../testing/test-databases';
import { OutboxWorker } from './outbox-worker';
import { claimDueOutboxRows, enqueueListingChanged, nextOutboxAttemptAt } from './outbox.repository';

/**
 * Several workers on one database, as several API processes (api/src/cluster.ts) or instances have,
 * claiming rows with a lease: on SQLite (one file) and on PostgreSQL (each worker its own pool, as
 * each instance has; FOR UPDATE SKIP LOCKED).
 */

/**
 * Counts what an engine is asked to apply (a row applied twice shows here), in front of the real
 * embedded engine on SQLite; on PostgreSQL (no embedded engine) it only counts: these tests are about
 * who takes which row, and the API's two-instance test applies rows to a real Meilisearch.
 */
class CountingEngine implements SearchEngine {
  readonly name = 'sqlite' as const;
  constructor(
    private readonly inner: SearchEngine | undefined,
    private readonly applied: string[],
    private readonly fail = false,
    private readonly delayMs = 0,
  ) {}
  search: SearchEngine['search'] = (q) => this.inner!.search(q);
  rebuild: SearchEngine['rebuild'] = (docs, progress) => this.inner!.rebuild(docs, progress);
  async upsert(documents: readonly SearchDocument[]): Promise<void> {
    if (this.fail) throw new Error('engine down');
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    this.applied.push(...documents.map((d) => d.id));
    await this.inner?.upsert(documents);
  }
  async remove(ids: readonly string[]): Promise<void> {
    if (this.fail) throw new Error('engine down');
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    this.applied.push(...ids);
    await this.inner?.remove(ids);
  }
  ping = async () => true;
  close = async () => {};
}

const LISTINGS = readSeedListings().slice(0, 60);
const T0 = '2026-12-06T10:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(T0) + ms);

/** One database and the connections workers use: their own on PostgreSQL, the one connection on SQLite. */
interface Harness {
  main: TestStore;
  /**
   * On SQLite the workers share one connection: several connections in one thread deadlock, since
   * better-sqlite3 waits for a lock synchronously (busy_timeout) while the holder cannot run. Each API
   * process has one connection; the workers' claims still interleave batch by batch.
   */
  connection(): Promise<Store>;
  /** an engine in front of the database's own index, counting */
  engine(store: Store, applied: string[], fail?: boolean, delayMs?: number): SearchEngine;
  dispose(): Promise<void>;
}

async function openHarness(database: TestDatabase): Promise<Harness> {
  const main = await database.openSeeded(LISTINGS);
  const opened: Store[] = [];
  return {
    main,
    connection: async () => {
      if (main.dialect === 'sqlite') return main;
      const store = await openPostgresStore(main.path, { migrate: false, maxConnections: 2 });
      opened.push(store);
      return store;
    },
    engine: (store, applied, fail, delayMs) =>
      new CountingEngine(
        store.dialect === 'sqlite' ? new SqliteSearchEngine(store.db) : undefined,
        applied,
        fail,
        delayMs,
      ),
    dispose: async () => {
      for (const store of opened) await store.close();
      await main.dispose();
    },
  };
}

const outbox = (store: Store) => store.db.selectFrom('outbox').selectAll().orderBy('id').execute();

describeEachDatabase('outbox claims', (database) => {
  const _name = database.dialect;
  let h: Harness;

  beforeEach(async () => {
    h = await openHarness(database);
  });
  afterEach(async () => {
    await h.dispose();
  });

  async function enqueueAll(): Promise<void> {
    for (const listing of LISTINGS) await enqueueListingChanged(h.main.db, listing.id, T0);
  }

  it('N workers running at once: every row applied exactly once', async () => {
    await enqueueAll();
    const applied: string[] = [];
    const generation = await readIndexGeneration(h.main.db);
    const workers = await Promise.all(
      Array.from({ length: 4 }, async (_, i) => {
        const store = await h.connection();
        return new OutboxWorker({
          db: store.db,
          engines: [h.engine(store, applied)],
          batchSize: 5,
          workerId: `w${i}`,
          now: () => at(1_000),
        });
      }),
    );
    const results = await Promise.all(workers.map((w) => w.runOnce()));

    expect(results.reduce((sum, r) => sum + r.done, 0)).toBe(LISTINGS.length);
    expect(applied.toSorted()).toEqual(LISTINGS.map((l) => l.id).toSorted());
    const rows = await outbox(h.main);
    expect(rows.every((r) => r.status === 'done' && r.lease_until === null)).toBe(true);
    console.info(
      `${_name}: rows per worker`,
      Object.fromEntries(workers.map((w) => [w.workerId, rows.filter((r) => r.claimed_by === w.workerId).length])),
    );
    // Each batch that marked rows done moved the generation once: 60 rows in batches of at most 5.
    expect(await readIndexGeneration(h.main.db)).toBeGreaterThanOrEqual(generation + LISTINGS.length / 5);
    // Under a loaded machine 60 rows through 4 pools take a while; the assertions are about counts.
  }, 120_000);

  it("takes a crashed worker's rows once its lease has passed, not before", async () => {
    await enqueueAll();
    // A worker claims ten rows and dies before applying them.
    const claimed = await claimDueOutboxRows(
      h.main.db,
      { worker: 'dead', now: at(0).toISOString(), leaseUntil: at(60_000).toISOString() },
      { limit: 10 },
    );
    expect(claimed.map((r) => r.claimed_by)).toEqual(Array(10).fill('dead'));

    const applied: string[] = [];
    let now = at(30_000);
    const store = await h.connection();
    const worker = new OutboxWorker({
      db: store.db,
      engines: [h.engine(store, applied)],
      workerId: 'alive',
      now: () => now,
    });
    // Within the lease the dead worker's rows are left alone, even on a replay at start.
    expect(await worker.runOnce({ replay: true })).toEqual({ done: LISTINGS.length - 10, failed: 0 });
    expect(applied).not.toContain(claimed[0]!.listing_id);
    // The worker waits for the lease, instead of spinning on rows it cannot take.
    expect(await nextOutboxAttemptAt(store.db, now.toISOString())).toBe(at(60_000).toISOString());

    now = at(60_001);
    expect(await worker.runOnce()).toEqual({ done: 10, failed: 0 });
    expect(applied.toSorted()).toEqual(LISTINGS.map((l) => l.id).toSorted());
    const rows = await outbox(h.main);
    expect(rows.filter((r) => claimed.some((c) => c.id === r.id)).map((r) => r.claimed_by)).toEqual(
      Array(10).fill('alive'),
    );
  });

  it("a running worker finds rows nobody kicked it for: another instance's, and a dead worker's once its lease passes", async () => {
    const store = await h.connection();
    const applied: string[] = [];
    const worker = new OutboxWorker({
      db: store.db,
      engines: [h.engine(store, applied)],
      workerId: 'alive',
      pollMs: 50,
    });
    worker.start();
    await worker.idle();
    try {
      const now = Date.now();
      // Committed by another instance that died before applying it.
      await enqueueListingChanged(h.main.db, LISTINGS[0]!.id, new Date(now).toISOString());
      // Claimed by a worker that died holding it, for 300 ms more.
      await enqueueListingChanged(h.main.db, LISTINGS[1]!.id, new Date(now).toISOString());
      await h.main.db
        .updateTable('outbox')
        .set({ claimed_by: 'dead', lease_until: new Date(now + 300).toISOString() })
        .where('listing_id', '=', LISTINGS[1]!.id)
        .execute();
      const deadline = Date.now() + 20_000;
      while ((await outbox(h.main)).some((r) => r.status !== 'done')) {
        if (Date.now() > deadline) throw new Error('rows were left pending');
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(applied.toSorted()).toEqual([LISTINGS[0]!.id, LISTINGS[1]!.id].toSorted());
      const leased = (await outbox(h.main)).find((r) => r.listing_id === LISTINGS[1]!.id)!;
      expect(leased.claimed_by).toBe('alive');
      expect(Date.parse(leased.done_at!)).toBeGreaterThanOrEqual(now + 300);
    } finally {
      await worker.stop();
    }
  });

  it('a starting worker replays pending rows whatever their schedule, and deletes applied rows older than 30 days', async () => {
    const old = '2020-01-01T00:00:00.000Z';
    const done = await enqueueListingChanged(h.main.db, LISTINGS[0]!.id, old);
    const pending = await enqueueListingChanged(h.main.db, LISTINGS[1]!.id, old);
    await h.main.db.updateTable('outbox').set({ status: 'done', done_at: old }).where('id', '=', done).execute();
    await h.main.db
      .updateTable('outbox')
      .set({ attempts: 7, next_attempt_at: '2999-01-01T00:00:00.000Z' })
      .where('id', '=', pending)
      .execute();
    const store = await h.connection();
    const applied: string[] = [];
    const worker = new OutboxWorker({ db: store.db, engines: [h.engine(store, applied)], workerId: 'w' });
    worker.start();
    await worker.idle();
    await worker.stop();
    const rows = await outbox(h.main);
    expect(rows.map((r) => [r.id, r.status])).toEqual([[pending, 'done']]);
    expect(applied).toEqual([LISTINGS[1]!.id]);
  });

  it('a worker slower than its lease renews it: nobody else takes its rows meanwhile', async () => {
    await enqueueListingChanged(h.main.db, LISTINGS[0]!.id, new Date().toISOString());
    const applied: string[] = [];
    const [slowStore, otherStore] = [await h.connection(), await h.connection()];
    // Renews every 500 ms; the engine takes 4 s, far past the first lease.
    const slow = new OutboxWorker({
      db: slowStore.db,
      engines: [h.engine(slowStore, applied, false, 4_000)],
      workerId: 'slow',
      leaseMs: 1_500,
    });
    const other = new OutboxWorker({ db: otherStore.db, engines: [h.engine(otherStore, applied)], workerId: 'other' });
    const running = slow.runOnce();
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    await sleep(2_500);
    expect(await other.runOnce()).toEqual({ done: 0, failed: 0 });
    await sleep(1_000);
    expect(await other.runOnce()).toEqual({ done: 0, failed: 0 });
    expect(await running).toEqual({ done: 1, failed: 0 });
    expect(applied).toEqual([LISTINGS[0]!.id]);
    expect((await outbox(h.main))[0]).toMatchObject({ status: 'done', claimed_by: 'slow', lease_until: null });
  });

  it('a failed row is released for its retry time, and the generation moves only when rows are done', async () => {
    await enqueueListingChanged(h.main.db, LISTINGS[0]!.id, T0);
    const before = await readIndexGeneration(h.main.db);
    const store = await h.connection();
    const worker = new OutboxWorker({
      db: store.db,
      engines: [h.engine(store, [], true)],
      backoff: { initialMs: 1_000, maxMs: 1_000 },
      workerId: 'w',
      now: () => at(0),
    });
    expect(await worker.runOnce()).toEqual({ done: 0, failed: 1 });
    const [row] = await outbox(h.main);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, claimed_by: 'w', lease_until: null });
    expect(row!.next_attempt_at).toBe(at(1_000).toISOString());
    expect(await readIndexGeneration(h.main.db)).toBe(before);
  });
});
