/**
 * One worker in a process of its own, for outbox-claim.processes.test.ts: several API processes share
 * one SQLite file (api/src/cluster.ts), and only separate processes show how SQLite's locks behave
 * between them. Opens the database, waits for "go" on stdin, drains the outbox once with the real
 * embedded engine, and prints the listing ids it applied as one JSON line.
 *
 *   node --import tsx store/src/outbox/outbox-claim.child.ts <database file> <worker id>
 */
import { openStore } from '../db';
import type { SearchDocument } from '../search/search-engine';
import { SqliteSearchEngine } from '../search/sqlite.search-engine';
import { OutboxWorker } from './outbox-worker';

const [path, workerId] = process.argv.slice(2);
if (!path || !workerId) {
  console.error('usage: outbox-claim.child.ts <database file> <worker id>');
  process.exit(2);
}
const store = await openStore(path, { migrate: false });
const engine = new SqliteSearchEngine(store.db);
const applied: string[] = [];
const counting = Object.assign(Object.create(engine) as SqliteSearchEngine, {
  upsert: async (documents: readonly SearchDocument[]) => {
    applied.push(...documents.map((d) => d.id));
    await engine.upsert(documents);
  },
  remove: async (ids: readonly string[]) => {
    applied.push(...ids);
    await engine.remove(ids);
  },
});
const worker = new OutboxWorker({ db: store.db, engines: [counting], batchSize: 3, workerId });
process.stdout.write('ready\n');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
const result = await worker.runOnce();
process.stdout.write(`${JSON.stringify({ workerId, applied, result })}\n`);
await store.close();
process.exit(0);
