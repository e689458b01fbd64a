/**
 * What reading the index generation costs per request, on SQLite and on PostgreSQL, and how fast a
 * LISTEN/NOTIFY invalidation arrives: the figures behind IndexGenerationReader's choice (README,
 * "Several instances on PostgreSQL").
 *
 *   npx tsx store/src/index-generation/generation-read.bench.ts [postgres://user@127.0.0.1:5432/db] [reads]
 *
 * The last part measures /match (without HTTP) on the seed data in the test cluster (initdb needed).
 *
 * CPU is process time (user + system), the API's from process.cpuUsage() and the PostgreSQL backend's
 * from /proc/<pid>/stat (the bench must run on the database's host to see it), so a busy machine
 * inflates the wall time but not these.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { openStore } from '../db';
import { createMatcher, MatchDataCache } from '../match';
import { createSearchEngine } from '../search/rebuild';
import { testDatabase } from '../testing/test-databases';
import type { DB } from '../database';
import { bumpIndexGeneration, INDEX_GENERATION_KEY } from './index-generation';
import { IndexGenerationReader } from './index-generation.reader';

const URL_ARG = process.argv[2]?.startsWith('postgres') ? process.argv[2] : undefined;
const READS = Number(process.argv[URL_ARG ? 3 : 2] ?? 5_000);
const KEYS = ['taxonomy_hash', INDEX_GENERATION_KEY];

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function procCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[11]) + Number(f[12])) / 100) * 1000;
}

/** The read MatchDataCache makes on every /search and /match. */
const readMeta = (db: Kysely<DB>) => db.selectFrom('meta').select(['key', 'value']).where('key', 'in', KEYS).execute();

async function perRead(label: string, read: () => Promise<unknown>, backendPid?: number, unit = 'read'): Promise<void> {
  for (let i = 0; i < 200; i++) await read(); // warm-up
  const wall0 = performance.now();
  const cpu0 = cpuMs();
  const backend0 = backendPid ? procCpuMs(backendPid) : 0;
  for (let i = 0; i < READS; i++) await read();
  const cpu = cpuMs() - cpu0;
  const wall = performance.now() - wall0;
  const backend = backendPid ? procCpuMs(backendPid) - backend0 : undefined;
  const us = (ms: number) => `${((ms / READS) * 1000).toFixed(1)} µs`;
  console.log(
    `${label.padEnd(46)} API CPU ${us(cpu)}/${unit}` +
      (backend !== undefined ? `, PostgreSQL backend CPU ${us(backend)}/${unit}` : '') +
      `, wall ${us(wall)}/${unit}`,
  );
}

async function main(): Promise<void> {
  console.log(`${READS} reads each; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ', 3).join(' ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'skillway-generation-'));
  const sqlite = await openStore(join(dir, 'bench.db'));
  await bumpIndexGeneration(sqlite.db);
  await perRead('SQLite: meta read (primary key)', () => readMeta(sqlite.db));
  await sqlite.close();
  rmSync(dir, { recursive: true, force: true });

  const url = URL_ARG;
  if (!url) {
    console.log('no postgres:// URL given: PostgreSQL skipped');
    return;
  }
  // One connection, so its backend's CPU is the reads'.
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  await sql`create temporary table meta (key text primary key, value text not null)`.execute(db);
  await bumpIndexGeneration(db);
  const client = await pool.connect();
  const backendPid = Number((await client.query('select pg_backend_pid() as pid')).rows[0].pid);
  client.release();
  await perRead('PostgreSQL: meta read (primary key)', () => readMeta(db), backendPid);

  // The reader as the API uses it on PostgreSQL: cached, LISTEN/NOTIFY drops the cache at once.
  const reader = new IndexGenerationReader(db, { listen: { connectionString: url } });
  await reader.start();
  await perRead('PostgreSQL: IndexGenerationReader (LISTEN/NOTIFY)', () => reader.read(KEYS), backendPid);
  // Notification latency: bump, then wait until the reader has dropped its cache.
  const latencies: number[] = [];
  for (let i = 0; i < 50; i++) {
    const generation = async () => (await reader.read(KEYS)).find((r) => r.key === INDEX_GENERATION_KEY)?.value;
    const before = await generation();
    const started = performance.now();
    await bumpIndexGeneration(db);
    for (;;) {
      if ((await generation()) !== before) break;
      await new Promise((r) => setImmediate(r));
    }
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  console.log(
    `PostgreSQL: bump -> every reader sees it          median ${latencies[25]!.toFixed(2)} ms, max ${latencies.at(-1)!.toFixed(2)} ms (50 bumps)`,
  );
  await reader.stop();
  await db.destroy();

  // What it is worth on a request: /match's work (no HTTP) on the seed data, generation read per
  // request or through the reader.
  const seeded = await testDatabase('postgres').openSeeded();
  const engine = createSearchEngine(seeded, {});
  const request = { occupations: ['2221'], country: 'IE' as const, limit: 10 };
  for (const [label, meta] of [
    ['PostgreSQL: /match, generation read per request', undefined],
    [
      'PostgreSQL: /match, generation through the reader',
      new IndexGenerationReader(seeded.db, { listen: { connectionString: seeded.path } }),
    ],
  ] as const) {
    await meta?.start();
    const matcher = createMatcher({ db: seeded.db, engine, data: new MatchDataCache(seeded.db, { meta }) });
    await perRead(label, () => matcher.match(request), undefined, 'request');
    await meta?.stop();
  }
  await engine.close();
  await seeded.dispose();
}

await main();
