import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../db';
import { readIndexGeneration } from '../index-generation/index-generation';
import { replaceDataListings } from '../listing.repository';
import type { SearchDocument, SearchEngine } from '../search/search-engine';
import { SqliteSearchEngine } from '../search/sqlite.search-engine';
import { createSeededStore, readSeedListings, type TempStore } from '../testing/seed-store';
import { OutboxWorker } from './outbox-worker';
import { claimDueOutboxRows, enqueueListingChanged, nextOutboxAttemptAt } from './outbox.repository';

/**
 * Several workers on one database, as several API processes (api/src/cluster.ts) or instances have:
 * each on its own connection to one SQLite file, claiming rows with a lease.
 */

/** The real embedded engine, counting what it is asked to apply (a row applied twice shows here). */
class CountingEngine implements SearchEngine {
  readonly name;
  constructor(
    private readonly inner: SearchEngine,
    private readonly applied: string[],
    private readonly fail = false,
  ) {
    this.name = inner.name;
  }
  search: SearchEngine['search'] = (q) => this.inner.search(q);
  rebuild: SearchEngine['rebuild'] = (docs, progress) => this.inner.rebuild(docs, progress);
  async upsert(documents: readonly SearchDocument[]): Promise<void> {
    if (this.fail) throw new Error('engine down');
    this.applied.push(...documents.map((d) => d.id));
    await this.inner.upsert(documents);
  }
  async remove(ids: readonly string[]): Promise<void> {
    if (this.fail) throw new Error('engine down');
    this.applied.push(...ids);
    await this.inner.remove(ids);
  }
  ping = () => this.inner.ping();
  close = () => this.inner.close();
}

const LISTINGS = readSeedListings().slice(0, 60);
const T0 = '2026-12-06T10:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(T0) + ms);

let seeded: TempStore;
const opened: Store[] = [];

async function connection(): Promise<Store> {
  const store = await openStore(seeded.path);
  opened.push(store);
  return store;
}

async function enqueueAll(store: Store): Promise<void> {
  for (const listing of LISTINGS) await enqueueListingChanged(store.db, listing.id, T0);
}

const outbox = (store: Store) => store.db.selectFrom('outbox').selectAll().orderBy('id').execute();

beforeEach(async () => {
  seeded = await createSeededStore([]);
  await seeded.db.transaction().execute((trx) => replaceDataListings(trx, LISTINGS));
});
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  await seeded.dispose();
});

describe('outbox claims', () => {
  it('N workers running at once: every row applied exactly once', async () => {
    await enqueueAll(seeded);
    const applied: string[] = [];
    // On SQLite the workers share one connection: several connections in one thread deadlock, since
    // better-sqlite3 waits for a lock synchronously (busy_timeout) while the holder cannot run. Each
    // API process has one connection; the workers' claims still interleave batch by batch.
    const workers = await Promise.all(
      Array.from({ length: 4 }, async (_, i) => {
        const store = seeded;
        return new OutboxWorker({
          db: store.db,
          engines: [new CountingEngine(new SqliteSearchEngine(store.db), applied)],
          batchSize: 5,
          workerId: `w${i}`,
          now: () => at(1_000),
        });
      }),
    );
    const results = await Promise.all(workers.map((w) => w.runOnce()));

    expect(results.reduce((sum, r) => sum + r.done, 0)).toBe(LISTINGS.length);
    expect(applied.toSorted()).toEqual(LISTINGS.map((l) => l.id).toSorted());
    const rows = await outbox(seeded);
    expect(rows.every((r) => r.status === 'done' && r.lease_until === null)).toBe(true);
    expect(new Set(rows.map((r) => r.claimed_by)).size).toBeGreaterThanOrEqual(1);
    // Each batch that marked rows done moved the generation once (12 batches of 5, plus the indexer's).
    expect(await readIndexGeneration(seeded.db)).toBeGreaterThanOrEqual(LISTINGS.length / 5);
  });

  it("takes a crashed worker's rows once its lease has passed, not before", async () => {
    await enqueueAll(seeded);
    // A worker claims ten rows and dies before applying them.
    const claimed = await claimDueOutboxRows(
      seeded.db,
      { worker: 'dead', now: at(0).toISOString(), leaseUntil: at(60_000).toISOString() },
      { limit: 10 },
    );
    expect(claimed.map((r) => r.claimed_by)).toEqual(Array(10).fill('dead'));

    const applied: string[] = [];
    let now = at(30_000);
    const store = await connection();
    const worker = new OutboxWorker({
      db: store.db,
      engines: [new CountingEngine(new SqliteSearchEngine(store.db), applied)],
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
    const rows = await outbox(seeded);
    expect(rows.filter((r) => claimed.some((c) => c.id === r.id)).map((r) => r.claimed_by)).toEqual(
      Array(10).fill('alive'),
    );
  });

  it('a failed row is released for its retry time, and the generation moves only when rows are done', async () => {
    await enqueueListingChanged(seeded.db, LISTINGS[0]!.id, T0);
    const before = await readIndexGeneration(seeded.db);
    const store = await connection();
    const worker = new OutboxWorker({
      db: store.db,
      engines: [new CountingEngine(new SqliteSearchEngine(store.db), [], true)],
      backoff: { initialMs: 1_000, maxMs: 1_000 },
      workerId: 'w',
      now: () => at(0),
    });
    expect(await worker.runOnce()).toEqual({ done: 0, failed: 1 });
    const [row] = await outbox(seeded);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, claimed_by: 'w', lease_until: null });
    expect(row!.next_attempt_at).toBe(at(1_000).toISOString());
    expect(await readIndexGeneration(seeded.db)).toBe(before);
  });
});
