import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import { countPendingOutboxRows } from '@skillway/store';
import { MeilisearchSearchEngine, rebuildMeilisearchIndex } from '@skillway/store/search';
import {
  freePort,
  runPostgresSuites,
  sampleListing,
  startMeilisearch,
  testDatabase,
  type MeilisearchServer,
  type TestStore,
} from '@skillway/store/testing';
import { createAccount, signedIn, type TestClient } from './routes/v1/auth/account.test-client';
import type { TestApi } from './testing/test-api';

/**
 * Issue 20: two API processes (real HTTP, each its own pool) on one PostgreSQL database and one
 * Meilisearch, as two replicas behind a load balancer. A listing approved through one is searchable
 * through the other; under concurrent approvals on both, every outbox row is applied exactly once
 * (Meilisearch's own task log counts the documents it received) and none is lost.
 */

const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const APPROVALS_PER_INSTANCE = 20;

interface ChildApi {
  name: string;
  origin: string;
  api: TestApi;
  logs(): string;
  stop(): Promise<void>;
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** `node --import tsx api/src/server.ts` on a free loopback port; resolves once /ready answers 200. */
async function startApiProcess(name: string, env: Record<string, string>): Promise<ChildApi> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'api/src/server.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, API_HOST: '127.0.0.1', API_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const origin = `http://127.0.0.1:${port}`;
  const doFetch = (path: string, init?: RequestInit) => fetch(origin + path, init);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await until(
      `${name} to be ready`,
      async () => {
        if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${log}`);
        const res = await doFetch('/api/v1/ready').catch(() => undefined);
        return res?.status === 200;
      },
      240_000,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  // TestClient only sends requests; the rest of TestApi (the in-process server) has no meaning here.
  const api = {
    origin,
    fetch: doFetch,
    json: async (path: string, init?: RequestInit) => {
      const res = await doFetch(path, init);
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
    },
    close: stop,
  } as unknown as TestApi;
  return { name, origin, api, logs: () => log, stop };
}

describe.runIf(runPostgresSuites())('two API instances on one PostgreSQL', () => {
  let meili: MeilisearchServer;
  let store: TestStore;
  let meiliEngine: MeilisearchSearchEngine;
  let indexUid: string;
  let instances: ChildApi[] = [];
  const providers = new Map<ChildApi, TestClient>();
  const moderators = new Map<ChildApi, TestClient>();

  /** The documents Meilisearch has received for the index, from its own task log. */
  async function receivedDocuments(): Promise<number> {
    let total = 0;
    let from: number | undefined;
    for (;;) {
      const url = new URL('/tasks', meili.url);
      url.searchParams.set('indexUids', indexUid);
      url.searchParams.set('types', 'documentAdditionOrUpdate');
      url.searchParams.set('limit', '1000');
      if (from !== undefined) url.searchParams.set('from', String(from));
      const res = await fetch(url, { headers: { authorization: `Bearer ${meili.apiKey}` } });
      const page = (await res.json()) as {
        results: { status: string; details?: { receivedDocuments?: number } }[];
        next: number | null;
      };
      for (const task of page.results) total += task.details?.receivedDocuments ?? 0;
      if (page.next === null) return total;
      from = page.next;
    }
  }

  async function approveNew(through: ChildApi, name: string): Promise<string> {
    const submitted = await providers.get(through)!.call('POST', '/submissions', sampleListing({ name }));
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const approved = await moderators
      .get(through)!
      .call('POST', `/moderation/submissions/${submitted.body.id}/approve`);
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    return approved.body.listing_id as string;
  }

  beforeAll(async () => {
    meili = await startMeilisearch();
    store = await testDatabase('postgres').openSeeded();
    const prefix = `multi-${randomBytes(4).toString('hex')}-`;
    const connection = { url: meili.url, apiKey: meili.apiKey, indexPrefix: prefix };
    await rebuildMeilisearchIndex(store.db, connection);
    meiliEngine = new MeilisearchSearchEngine({ ...connection, requestTimeoutMs: 5_000 });
    indexUid = meiliEngine.indexUid;
    await createAccount(store, 'ana@example.org', 'provider');
    await createAccount(store, 'mod@example.org', 'moderator');
    const env = {
      DATABASE_URL: store.path,
      MEILI_URL: meili.url,
      MEILI_MASTER_KEY: meili.apiKey,
      MEILI_INDEX_PREFIX: prefix,
      API_WORKERS: '1',
      LOG_LEVEL: 'warn',
      // One client sends every request: per-client limits would measure 429s.
      RATE_LIMIT_PER_MINUTE: '0',
      OUTBOX_RETRY_MS: '100',
      OUTBOX_MAX_RETRY_MS: '800',
    };
    instances = await Promise.all([startApiProcess('API A', env), startApiProcess('API B', env)]);
    for (const instance of instances) {
      providers.set(instance, await signedIn(instance.api, 'ana@example.org'));
      moderators.set(instance, await signedIn(instance.api, 'mod@example.org'));
    }
  }, 300_000);

  beforeEach(() => {
    // What the instances logged (warnings and errors) says why a request failed.
    onTestFailed(() => {
      for (const instance of instances) console.error(`--- ${instance.name} log ---\n${instance.logs()}`);
    });
  });

  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    await meiliEngine?.close();
    await store?.dispose();
    await meili?.dispose();
  });

  it('a listing approved through one instance is searchable and matchable through the other', async () => {
    const [a, b] = instances as [ChildApi, ChildApi];
    // B answers first without it, so any cache of B's would hold the old answer.
    expect((await b.api.json('/api/v1/search?q=plimberton')).body).toMatchObject({ total: 0 });
    const started = performance.now();
    const id = await approveNew(a, 'Plimberton Nurse Bridging');
    const hit = await until('B to find it', async () => {
      const { body } = await b.api.json('/api/v1/search?q=plimberton');
      return body.engine === 'meilisearch' && body.hits?.find((h: { id: string }) => h.id === id);
    });
    console.info(`approved through A -> searchable through B: ${(performance.now() - started).toFixed(0)} ms`);
    expect(hit).toMatchObject({ id, name: 'Plimberton Nurse Bridging' });
    // B's match data (an in-memory snapshot of the listings) moved on with the generation A's outbox
    // worker bumped: the NOTIFY reached B's IndexGenerationReader.
    const match = { occupations: ['2221'], country: 'IE', limit: 50 };
    await until('B to match it', async () => {
      const { body } = await b.api.json('/api/v1/match', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(match),
      });
      return body.results?.some((r: { listing: { id: string } }) => r.listing.id === id);
    });
    console.info(`approved through A -> matchable through B: ${(performance.now() - started).toFixed(0)} ms`);
    // B's listing detail reads the shared database.
    expect((await b.api.json(`/api/v1/listings/${id}`)).status).toBe(200);
    const row = await store.db.selectFrom('outbox').selectAll().where('listing_id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'done', attempts: 0 });
    expect(row.applied_to.split(',')).toContain('meilisearch');
  });

  it(`under ${APPROVALS_PER_INSTANCE} concurrent approvals on each, no outbox row is applied twice and none is lost`, async () => {
    const [a, b] = instances as [ChildApi, ChildApi];
    const receivedBefore = await receivedDocuments();
    const rowsBefore = await store.db.selectFrom('outbox').select('id').execute();
    // Every name has the word "Zorpwick", and a word of its own (listing ids come from names).
    const names = (prefix: string) =>
      Array.from(
        { length: APPROVALS_PER_INSTANCE },
        (_, i) => `Zorpwick ${prefix}${String.fromCharCode(97 + i)} Nurse Bridging`,
      );
    const started = performance.now();
    const ids = (
      await Promise.all([
        Promise.all(names('Alpha').map((n) => approveNew(a, n))),
        Promise.all(names('Beta').map((n) => approveNew(b, n))),
      ])
    ).flat();
    expect(new Set(ids).size).toBe(2 * APPROVALS_PER_INSTANCE);

    await until('the outbox to drain', async () => (await countPendingOutboxRows(store.db)) === 0);
    console.info(
      `${ids.length} concurrent approvals on two instances, all applied: ${(performance.now() - started).toFixed(0)} ms`,
    );

    const known = new Set(rowsBefore.map((r) => r.id));
    const rows = (await store.db.selectFrom('outbox').selectAll().orderBy('id').execute()).filter(
      (r) => !known.has(r.id),
    );
    // One row per approval, each done once on Meilisearch, none retried.
    expect(rows.map((r) => r.listing_id).toSorted()).toEqual(ids.toSorted());
    for (const row of rows) {
      expect(row, `outbox row ${row.id}`).toMatchObject({ status: 'done', attempts: 0, lease_until: null });
      expect(row.applied_to.split(',')).toContain('meilisearch');
      expect(row.claimed_by).toBeTruthy();
    }
    const byWorker = new Map<string, number>();
    for (const row of rows) byWorker.set(row.claimed_by!, (byWorker.get(row.claimed_by!) ?? 0) + 1);
    console.info('outbox rows applied per instance:', Object.fromEntries(byWorker));
    expect(byWorker.size).toBe(2);

    // Meilisearch's task log: exactly one document received per approval, whoever applied it.
    expect((await receivedDocuments()) - receivedBefore).toBe(ids.length);
    for (const id of ids) {
      const res = await fetch(new URL(`/indexes/${indexUid}/documents/${id}`, meili.url), {
        headers: { authorization: `Bearer ${meili.apiKey}` },
      });
      expect(res.status, `${id} in Meilisearch`).toBe(200);
    }
    // And both instances find them.
    for (const instance of instances) {
      const { body } = await instance.api.json('/api/v1/search?q=zorpwick&per_page=50');
      expect(body.engine, instance.name).toBe('meilisearch');
      expect(body.hits.map((h: { id: string }) => h.id).toSorted(), instance.name).toEqual(ids.toSorted());
    }
  });
});
