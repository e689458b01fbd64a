import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../db';
import { MeilisearchSearchEngine } from '../search/meilisearch.search-engine';
import { rebuildSqliteSearchIndex } from '../search/rebuild';
import { loadSearchDocuments } from '../search/search-document';
import type { SearchEngine } from '../search/search-engine';
import { SqliteSearchEngine } from '../search/sqlite.search-engine';
import { ModerationService } from '../submissions/moderation.service';
import { createTestUser, loadSeedListings, sampleListing } from '../submissions/submission.fixtures';
import { SubmissionService, type Actor } from '../submissions/submission.service';
import { startMeilisearch, type MeilisearchServer } from '../testing/meilisearch-server';
import { backoffDelay, OutboxWorker } from './outbox-worker';
import { countPendingOutboxRows, enqueueListingChanged, findOutboxRow } from './outbox.repository';

const LISTING_ID = 'ie-nurse-bridging-course-dublin';
const QUERY = 'bridging course nurses registration';

let meili: MeilisearchServer;
let store: Store;
let sqliteEngine: SqliteSearchEngine;
let meiliEngine: MeilisearchSearchEngine;
let submissions: SubmissionService;
let ana: Actor;
let mod: Actor;
const workers: OutboxWorker[] = [];

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function finds(engine: SearchEngine, id = LISTING_ID): Promise<boolean> {
  try {
    const response = await engine.search({ q: QUERY, per_page: 50 });
    return response.hits.some((h) => h.id === id);
  } catch {
    return false;
  }
}

function newWorker(engines: SearchEngine[]): OutboxWorker {
  const worker = new OutboxWorker({ db: store.db, engines, backoff: { initialMs: 50, maxMs: 400 } });
  workers.push(worker);
  return worker;
}

async function approveSample(moderation: ModerationService): Promise<{ id: number; approvedAt: number }> {
  const s = await submissions.submitNew(ana, sampleListing());
  const approvedAt = performance.now();
  await moderation.approve(mod, s.id);
  return { id: s.id, approvedAt };
}

const outboxRow = async () =>
  (await store.db.selectFrom('outbox').selectAll().orderBy('id', 'desc').executeTakeFirst())!;

beforeAll(async () => {
  meili = await startMeilisearch();
});
afterAll(async () => {
  await meili?.dispose();
});

beforeEach(async () => {
  if (!meili.running) await meili.start();
  store = await openStore(':memory:');
  await loadSeedListings(store);
  await rebuildSqliteSearchIndex(store.db);
  sqliteEngine = new SqliteSearchEngine(store.db);
  meiliEngine = new MeilisearchSearchEngine({
    url: meili.url,
    apiKey: meili.apiKey,
    indexPrefix: `outbox-${randomBytes(4).toString('hex')}-`,
    requestTimeoutMs: 2_000,
  });
  await meiliEngine.rebuild(await loadSearchDocuments(store.db));
  submissions = new SubmissionService(store.db);
  ana = await createTestUser(store, 'ana@example.org');
  mod = await createTestUser(store, 'mod@example.org', 'moderator');
});
afterEach(async () => {
  for (const worker of workers.splice(0)) await worker.stop();
  await store.close();
});

describe('OutboxWorker', () => {
  it('backs off exponentially up to a cap', () => {
    const backoff = { initialMs: 1_000, maxMs: 10_000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, backoff))).toEqual([
      1_000, 2_000, 4_000, 8_000, 10_000, 10_000,
    ]);
  });

  it('makes an approved listing searchable on both engines, kicked by the approval, and marks the row done', async () => {
    const worker = newWorker([sqliteEngine, meiliEngine]);
    worker.start();
    await worker.idle();
    const moderation = new ModerationService(store.db, { onListingChanged: () => worker.kick() });
    expect(await finds(sqliteEngine)).toBe(false);

    const { approvedAt } = await approveSample(moderation);
    const [sqliteMs, meiliMs] = await Promise.all(
      [sqliteEngine, meiliEngine].map(async (engine) => {
        await until(`${engine.name} to find the listing`, () => finds(engine));
        return performance.now() - approvedAt;
      }),
    );
    console.info(`approval -> searchable: sqlite ${sqliteMs!.toFixed(0)} ms, meilisearch ${meiliMs!.toFixed(0)} ms`);
    await worker.idle();
    expect(await outboxRow()).toMatchObject({ status: 'done', applied_to: 'meilisearch,sqlite', attempts: 0 });
  });

  it('keeps the row pending and retries with backoff while Meilisearch is down, then catches up', async () => {
    const worker = newWorker([sqliteEngine, meiliEngine]);
    worker.start();
    await worker.idle();
    const moderation = new ModerationService(store.db, { onListingChanged: () => worker.kick() });

    await meili.stop();
    await approveSample(moderation);
    // The embedded engine does not wait for the other one.
    await until('sqlite to find the listing', () => finds(sqliteEngine));
    const failed = await until('a failed attempt', async () => {
      const row = await outboxRow();
      return row.attempts >= 1 && row;
    });
    expect(failed).toMatchObject({ status: 'pending', applied_to: 'sqlite' });
    expect(failed.last_error).toMatch(/^meilisearch: /);
    expect(Date.parse(failed.next_attempt_at)).toBeGreaterThan(Date.parse(failed.created_at));
    // Retried on its own (no kick), with the wait growing each time.
    const retried = await until('two more attempts', async () => {
      const row = await outboxRow();
      return row.attempts >= 3 && row;
    });
    expect(retried.status).toBe('pending');
    expect(await countPendingOutboxRows(store.db)).toBe(1);

    await meili.start();
    await until('meilisearch to find the listing', () => finds(meiliEngine));
    await until('the row to be done', async () => (await outboxRow()).status === 'done');
    expect(await outboxRow()).toMatchObject({ applied_to: 'meilisearch,sqlite', last_error: null });
  });

  it('replays rows left pending by an earlier process when a new worker starts, whatever their schedule', async () => {
    // No worker runs while the approval happens: the process "died" after committing it.
    await approveSample(new ModerationService(store.db));
    const row = await outboxRow();
    await sql`update outbox set attempts = 7, next_attempt_at = '2999-01-01T00:00:00.000Z' where id = ${row.id}`.execute(
      store.db,
    );
    expect(await finds(sqliteEngine)).toBe(false);
    expect(await finds(meiliEngine)).toBe(false);

    const worker = newWorker([sqliteEngine, meiliEngine]);
    worker.start();
    await worker.idle();
    expect(await findOutboxRow(store.db, row.id)).toMatchObject({ status: 'done', applied_to: 'meilisearch,sqlite' });
    expect(await finds(sqliteEngine)).toBe(true);
    expect(await finds(meiliEngine)).toBe(true);
  });

  it('deletes applied rows older than 30 days when it starts, never pending ones', async () => {
    const old = '2020-01-01T00:00:00.000Z';
    const done = await enqueueListingChanged(store.db, 'eu-iom', old);
    const pending = await enqueueListingChanged(store.db, 'eu-iom', old);
    await store.db.updateTable('outbox').set({ status: 'done', done_at: old }).where('id', '=', done).execute();
    await store.db
      .updateTable('outbox')
      .set({ next_attempt_at: '2999-01-01T00:00:00.000Z' })
      .where('id', '=', pending)
      .execute();
    const worker = newWorker([sqliteEngine]);
    worker.start();
    await worker.idle();
    expect(await findOutboxRow(store.db, done)).toBeUndefined();
    expect(await findOutboxRow(store.db, pending)).toMatchObject({ status: 'done' });
  });

  it('removes from the engines a listing that no longer exists in SQLite', async () => {
    const worker = newWorker([sqliteEngine, meiliEngine]);
    await approveSample(new ModerationService(store.db));
    await worker.runOnce();
    expect(await finds(meiliEngine)).toBe(true);

    await store.db.deleteFrom('listing').where('id', '=', LISTING_ID).execute();
    await enqueueListingChanged(store.db, LISTING_ID, new Date().toISOString());
    expect(await worker.runOnce()).toEqual({ done: 1, failed: 0 });
    expect(await finds(sqliteEngine)).toBe(false);
    expect(await finds(meiliEngine)).toBe(false);
  });
});
