import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildSqliteSearchIndex } from '../search/rebuild';
import { createSeededStore, readSeedListings, type TempStore } from '../testing/seed-store';
import { enqueueListingChanged } from './outbox.repository';

/**
 * The race the claims fix on one machine: API processes (api/src/cluster.ts) share one SQLite file and
 * each runs an outbox worker. Three workers in three processes drain 60 rows at once; each row must be
 * applied by exactly one of them. (Before the claims, each listed the pending rows and applied them,
 * so processes running together applied the same rows.)
 */
const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const LISTINGS = readSeedListings().slice(0, 60);

interface ChildResult {
  workerId: string;
  applied: string[];
  result: { done: number; failed: number };
}

function startChild(path: string, workerId: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'store/src/outbox/outbox-claim.child.ts', path, workerId], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const ready = new Promise<void>((done, fail) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.startsWith('ready\n')) done();
    });
    child.once('exit', (code) => fail(new Error(`${workerId} exited (${code}) before it was ready: ${err}`)));
  });
  const finished = new Promise<ChildResult>((done, fail) =>
    child.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (code !== 0 || !line) fail(new Error(`${workerId} exited with ${code}: ${err}`));
      else done(JSON.parse(line) as ChildResult);
    }),
  );
  return { ready, finished, go: () => child.stdin.end('go\n'), kill: () => child.kill('SIGKILL') };
}

describe('outbox claims between processes on one SQLite file', () => {
  let store: TempStore;

  beforeAll(async () => {
    store = await createSeededStore(LISTINGS);
    await store.db.transaction().execute((trx) => rebuildSqliteSearchIndex(trx));
    const at = new Date().toISOString();
    for (const listing of LISTINGS) await enqueueListingChanged(store.db, listing.id, at);
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it('three worker processes draining at once apply every row exactly once', async () => {
    const children = ['p1', 'p2', 'p3'].map((id) => startChild(store.path, id));
    try {
      await Promise.all(children.map((c) => c.ready));
      for (const child of children) child.go();
      const results = await Promise.all(children.map((c) => c.finished));

      const applied = results.flatMap((r) => r.applied);
      expect(applied.toSorted()).toEqual(LISTINGS.map((l) => l.id).toSorted());
      expect(results.reduce((sum, r) => sum + r.result.done, 0)).toBe(LISTINGS.length);
      const rows = await store.db.selectFrom('outbox').selectAll().execute();
      expect(rows.every((r) => r.status === 'done')).toBe(true);
      console.info('rows applied per process:', Object.fromEntries(results.map((r) => [r.workerId, r.applied.length])));
    } finally {
      for (const child of children) child.kill();
    }
  }, 120_000);
});
