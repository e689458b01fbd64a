/**
 * `npm run bench -- --database postgres [--size 10000]`: Skillway on PostgreSQL + Meilisearch beside
 * SQLite, in one run, with the same generated listings and the same measurements (issue 20):
 *
 * - search: the query mix through the API (each instance's caches warmed by one pass, as the main
 *   bench does), autocannon, and the CPU per answered request of the API processes, of PostgreSQL (its
 *   postmaster and every backend) and of Meilisearch, each apart;
 * - approval to searchable over the real routes (submit, approve, search until found);
 * - two API instances against one, on one PostgreSQL and one Meilisearch: the same load split over two
 *   instances (two autocannons at once, half the connections each: the client balances, as the
 *   compose profile's Caddy does round robin) against one instance with all of it; one worker each;
 * - the degraded mode: PostgreSQL's full-text engine called directly (Meilisearch down), CPU of this
 *   process and of PostgreSQL per search, beside the embedded SQLite engine.
 *
 * The machine has 2 cores shared with other work; every figure is given with the load average at the
 * time, and CPU per request is what to compare. Everything listens on 127.0.0.1 and is stopped at the end.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { sql } from 'kysely';
import type { ListingRecord } from '@skillway/core';
import { runIndexer } from '@skillway/indexer';
import { AccountService, openPostgresStore, openStore, type Store } from '@skillway/store';
import {
  MeilisearchSearchEngine,
  PostgresSearchEngine,
  SqliteSearchEngine,
  type SearchEngine,
} from '@skillway/store/search';
import {
  DATA_DIR,
  freePort,
  startMeilisearch,
  startPostgresServer,
  type PostgresServer,
} from '@skillway/store/testing';
import { measureThroughput, type CannonRequest } from './api-throughput.phase';
import { measureApprovals } from './approval.phase';
import { REPO_ROOT, startChildServer, treeCpuSeconds, type ChildServer } from './child-server';
import { CleanupStack } from './cleanup-stack';
import { buildServer, DIST_DIR, programPath } from '../src/build-server';
import { generateBenchListings } from './generate-listings';
import { machineInfo } from './machine-info';
import { round } from './latency-stats';
import { buildQueryMix, toQueryString } from './query-mix';
import { SequentialClient } from './http-client';

export interface PostgresPhaseInput {
  listings: readonly ListingRecord[];
  workDir: string;
  /** the compiled API of the run (buildServer) */
  distDir: string;
  meilisearch: { url: string; apiKey: string; pid: number };
  seed: number;
  queries: number;
  autocannonSeconds: number;
  approvals: number;
  /** concurrent connections of each throughput run (split over the instances) */
  connections?: number;
  cleanup: CleanupStack;
  log: (line: string) => void;
}

export interface ThroughputRow {
  setup: string;
  instances: number;
  requestsPerSecond: number;
  latencyP99: number;
  errors: number;
  /** API processes' CPU per answered request (all instances) */
  apiCpuMs: number;
  postgresCpuMs?: number;
  meilisearchCpuMs?: number;
  load: number;
}

export interface PostgresPhaseResult {
  listings: number;
  indexing: { sqliteSeconds: number; postgresSeconds: number; postgresDatabaseMb: number };
  search: ThroughputRow[];
  twoInstances: {
    oneRps: number;
    twoRps: number;
    ratio: number;
    cpuMsPerRequestOne: number;
    cpuMsPerRequestTwo: number;
  };
  approval: { setup: string; p50: number; max: number }[];
  degraded: { query: string; sqliteCpuMs: number; postgresCpuMs: number; postgresServerCpuMs: number }[];
}

const load = () => round(loadavg()[0]!, 1);

async function postmasterPid(db: Store['db']): Promise<number> {
  const { rows } = await sql<{
    setting: string;
  }>`select setting from pg_settings where name = 'data_directory'`.execute(db);
  return Number(readFileSync(join(rows[0]!.setting, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

/** One API instance (one worker process), as production runs it, on this database. */
async function startInstance(
  input: PostgresPhaseInput,
  database: { DATABASE_URL: string } | { DATABASE_PATH: string },
  meili: boolean,
): Promise<ChildServer> {
  const port = await freePort();
  const server = await startChildServer({
    name: 'the API',
    args: [programPath('api', input.distDir)],
    env: {
      ...process.env,
      API_HOST: '127.0.0.1',
      API_PORT: String(port),
      API_WORKERS: '1',
      DATABASE_PATH: '',
      DATABASE_URL: '',
      ...database,
      MEILI_URL: meili ? input.meilisearch.url : '',
      MEILI_MASTER_KEY: meili ? input.meilisearch.apiKey : '',
      MEILI_INDEX_PREFIX: 'DATABASE_URL' in database ? 'pg_' : '',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      NODE_ENV: 'production',
    },
    readyPath: '/api/v1/ready',
    port,
    timeoutMs: 600_000,
  });
  input.cleanup.add(`API ${port}`, () => server.stop());
  return server;
}

/** Every request of the mix once through each instance (each keeps its own result cache). */
async function warm(origin: string, requests: readonly CannonRequest[]): Promise<void> {
  const client = new SequentialClient(origin);
  try {
    for (const r of requests) {
      const answer = await client.send(r.path, { method: r.method, body: r.body });
      if (answer.status !== 200) throw new Error(`${r.path} answered ${answer.status} while warming`);
    }
  } finally {
    client.close();
  }
}

async function accountsIn(store: Store): Promise<{ provider: string; moderator: string; password: string }> {
  const password = 'bench-password-long-enough';
  const accounts = { provider: 'provider@bench.example', moderator: 'moderator@bench.example', password };
  const service = new AccountService(store.db, { mailer: { send: async () => {} } });
  const audit = { action: 'user.create', actorId: null } as const;
  await service.createUser({ email: accounts.provider, password, role: 'provider' }, audit);
  await service.createUser({ email: accounts.moderator, password, role: 'moderator' }, audit);
  return accounts;
}

/** CPU of this process and of PostgreSQL per engine.search(), after three warm-up calls. */
async function engineCpu(engine: SearchEngine, q: string, serverPid?: number, times = 30) {
  for (let i = 0; i < 3; i++) await engine.search({ q });
  const serverBefore = serverPid ? treeCpuSeconds(serverPid) : 0;
  const before = process.cpuUsage();
  for (let i = 0; i < times; i++) await engine.search({ q });
  const used = process.cpuUsage(before);
  return {
    ms: round((used.user + used.system) / 1000 / times, 3),
    serverMs: serverPid ? round(((treeCpuSeconds(serverPid) - serverBefore) * 1000) / times, 3) : 0,
  };
}

export async function measurePostgres(input: PostgresPhaseInput): Promise<PostgresPhaseResult> {
  const { log, cleanup } = input;
  const connections = input.connections ?? 10;
  const dataDir = join(input.workDir, 'pg-data');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, 'listings.json'), `[\n${input.listings.map((l) => JSON.stringify(l)).join(',\n')}\n]\n`);
  symlinkSync(join(DATA_DIR, 'taxonomy'), join(dataDir, 'taxonomy'));

  log('postgres: starting a throwaway PostgreSQL cluster');
  const server: PostgresServer = await startPostgresServer();
  cleanup.add('PostgreSQL', () => server.stop());
  const url = await server.createDatabase('skillway_bench');

  log('postgres: indexing the same listings into SQLite (embedded engine) and into PostgreSQL + Meilisearch');
  const sqlitePath = join(input.workDir, 'pg-compare.db');
  let started = performance.now();
  await runIndexer({ dataDir, dbPath: sqlitePath, env: {}, now: '2026-11-22T00:00:00.000Z' });
  const sqliteSeconds = round((performance.now() - started) / 1000);
  started = performance.now();
  const pgEnv = {
    DATABASE_URL: url,
    MEILI_URL: input.meilisearch.url,
    MEILI_MASTER_KEY: input.meilisearch.apiKey,
    MEILI_INDEX_PREFIX: 'pg_',
  };
  const summary = await runIndexer({ dataDir, env: pgEnv, now: '2026-11-22T00:00:00.000Z' });
  const postgresSeconds = round((performance.now() - started) / 1000);
  if (summary.meilisearch.status !== 'rebuilt')
    throw new Error(`the indexer did not fill Meilisearch from PostgreSQL: ${JSON.stringify(summary.meilisearch)}`);

  const pg = await openPostgresStore(url, { maxConnections: 2 });
  cleanup.add('PostgreSQL store', () => pg.close());
  const pgPid = await postmasterPid(pg.db);
  const pgAccounts = await accountsIn(pg);
  const sqliteStore = await openStore(sqlitePath);
  const sqliteAccounts = await accountsIn(sqliteStore);
  const postgresDatabaseMb = round(
    Number((await sql<{ n: number }>`select pg_database_size(current_database()) as n`.execute(pg.db)).rows[0]!.n) /
      1e6,
    1,
  );

  const mix = buildQueryMix(input.queries, input.seed);
  const requests: CannonRequest[] = mix.map((m) => ({
    method: 'GET',
    path: `/api/v1/search?${toQueryString(m.query)}`,
  }));

  /** Load split over `instances` at once; CPU of all their processes, PostgreSQL's and Meilisearch's. */
  const measure = async (setup: string, instances: ChildServer[], withPg: boolean): Promise<ThroughputRow> => {
    for (const i of instances) await warm(i.url, requests);
    const pgBefore = withPg ? treeCpuSeconds(pgPid) : 0;
    const meiliBefore = treeCpuSeconds(input.meilisearch.pid);
    const share = Math.max(1, Math.round(connections / instances.length));
    const runs = await Promise.all(
      instances.map((i) => measureThroughput(i.url, i.pid, requests, share, input.autocannonSeconds)),
    );
    const answered = runs.reduce((n, r) => n + r.requests, 0) || 1;
    const apiCpuMs = runs.reduce((n, r) => n + r.serverCpuMsPerRequest * r.requests, 0) / answered;
    const row: ThroughputRow = {
      setup,
      instances: instances.length,
      requestsPerSecond: runs.reduce((n, r) => n + r.requestsPerSecond, 0),
      latencyP99: Math.max(...runs.map((r) => r.latencyP99)),
      errors: runs.reduce((n, r) => n + r.errors + r.non2xx, 0),
      apiCpuMs: round(apiCpuMs, 3),
      ...(withPg && { postgresCpuMs: round(((treeCpuSeconds(pgPid) - pgBefore) * 1000) / answered, 3) }),
      meilisearchCpuMs: round(((treeCpuSeconds(input.meilisearch.pid) - meiliBefore) * 1000) / answered, 3),
      load: load(),
    };
    log(
      `  ${setup}: ${row.requestsPerSecond} req/s at ${connections} connections, p99 ${row.latencyP99} ms, ` +
        `CPU/request API ${row.apiCpuMs} ms${withPg ? `, PostgreSQL ${row.postgresCpuMs} ms` : ''}, Meilisearch ${row.meilisearchCpuMs} ms (load ${row.load})`,
    );
    return row;
  };

  const search: ThroughputRow[] = [];
  const approval: PostgresPhaseResult['approval'] = [];
  const approvals = async (
    setup: string,
    origin: string,
    engine: 'sqlite' | 'meilisearch',
    accounts: typeof pgAccounts,
  ) => {
    const a = await measureApprovals({
      origin,
      engine,
      accounts,
      count: input.approvals,
      seed: input.seed + approval.length,
    });
    approval.push({ setup, p50: a.p50, max: a.max });
    log(`  ${setup}: approval to searchable p50 ${a.p50} ms, slowest ${a.max} ms`);
  };

  log('postgres: SQLite, embedded engine, one instance');
  const sqliteApi = await startInstance(input, { DATABASE_PATH: sqlitePath }, false);
  search.push(await measure('SQLite, embedded engine', [sqliteApi], false));
  await approvals('SQLite, embedded engine', sqliteApi.url, 'sqlite', sqliteAccounts);
  await sqliteApi.stop();

  log('postgres: PostgreSQL + Meilisearch, one instance, then two');
  const first = await startInstance(input, { DATABASE_URL: url }, true);
  const one = await measure('PostgreSQL + Meilisearch, 1 instance', [first], true);
  search.push(one);
  await approvals('PostgreSQL + Meilisearch', first.url, 'meilisearch', pgAccounts);
  const second = await startInstance(input, { DATABASE_URL: url }, true);
  const two = await measure('PostgreSQL + Meilisearch, 2 instances', [first, second], true);
  search.push(two);
  await first.stop();
  await second.stop();

  log('postgres: degraded mode, the engines called directly (no HTTP, no result cache)');
  const degraded: PostgresPhaseResult['degraded'] = [];
  const pgEngine = new PostgresSearchEngine(pg.db);
  const sqliteEngine = new SqliteSearchEngine(sqliteStore);
  for (const q of ['nurse', 'refugees', 'language courses in Ireland']) {
    const s = await engineCpu(sqliteEngine, q);
    const p = await engineCpu(pgEngine, q, pgPid);
    degraded.push({ query: q, sqliteCpuMs: s.ms, postgresCpuMs: p.ms, postgresServerCpuMs: p.serverMs });
    log(
      `  "${q}": SQLite ${s.ms} ms CPU; PostgreSQL engine ${p.ms} ms here + ${p.serverMs} ms in PostgreSQL (load ${load()})`,
    );
  }
  const meiliEngine = new MeilisearchSearchEngine({ ...input.meilisearch, indexPrefix: 'pg_' });
  log(
    `  (Meilisearch answers "nurse" from PostgreSQL's index: ${(await meiliEngine.search({ q: 'nurse' })).total} hits)`,
  );
  await sqliteStore.close();

  return {
    listings: input.listings.length,
    indexing: { sqliteSeconds, postgresSeconds, postgresDatabaseMb },
    search,
    twoInstances: {
      oneRps: one.requestsPerSecond,
      twoRps: two.requestsPerSecond,
      ratio: round(two.requestsPerSecond / Math.max(1, one.requestsPerSecond), 2),
      cpuMsPerRequestOne: round(one.apiCpuMs + (one.postgresCpuMs ?? 0) + (one.meilisearchCpuMs ?? 0), 3),
      cpuMsPerRequestTwo: round(two.apiCpuMs + (two.postgresCpuMs ?? 0) + (two.meilisearchCpuMs ?? 0), 3),
    },
    approval,
    degraded,
  };
}

/** The phase's figures as lines of text. */
export function formatPostgresReport(r: PostgresPhaseResult): string {
  const lines = [
    `PostgreSQL beside SQLite, ${r.listings.toLocaleString('en-GB')} listings`,
    `indexing: SQLite ${r.indexing.sqliteSeconds} s; PostgreSQL + Meilisearch ${r.indexing.postgresSeconds} s (database ${r.indexing.postgresDatabaseMb} MB)`,
    '',
    '| setup | instances | /search req/s | p99 ms | API CPU ms/req | PostgreSQL CPU ms/req | Meilisearch CPU ms/req | errors | load |',
    '| --- | --: | --: | --: | --: | --: | --: | --: | --: |',
    ...r.search.map(
      (s) =>
        `| ${s.setup} | ${s.instances} | ${s.requestsPerSecond} | ${s.latencyP99} | ${s.apiCpuMs} | ${s.postgresCpuMs ?? '-'} | ${s.meilisearchCpuMs ?? '-'} | ${s.errors} | ${s.load} |`,
    ),
    '',
    `two instances / one: ${r.twoInstances.ratio}x (${r.twoInstances.twoRps} vs ${r.twoInstances.oneRps} req/s); CPU per request, all processes: ${r.twoInstances.cpuMsPerRequestTwo} vs ${r.twoInstances.cpuMsPerRequestOne} ms`,
    ...r.approval.map((a) => `approval to searchable, ${a.setup}: p50 ${a.p50} ms, slowest ${a.max} ms`),
    '',
    '| degraded mode: engine.search() | SQLite CPU ms | PostgreSQL engine CPU ms (Node) | PostgreSQL server CPU ms |',
    '| --- | --: | --: | --: |',
    ...r.degraded.map((d) => `| ${d.query} | ${d.sqliteCpuMs} | ${d.postgresCpuMs} | ${d.postgresServerCpuMs} |`),
  ];
  return lines.join('\n');
}

export interface PostgresBenchOptions {
  size: number;
  seed: number;
  queries: number;
  autocannonSeconds: number;
  approvals: number;
  out?: string;
  log?: (line: string) => void;
}

/** The whole `--database postgres` run: compile, generate, start Meilisearch, measure, write JSON. */
export async function runPostgresBench(
  options: PostgresBenchOptions,
): Promise<{ result: PostgresPhaseResult; out: string }> {
  const log = options.log ?? ((line: string) => console.error(line));
  const cleanup = new CleanupStack();
  return cleanup.guard(async () => {
    const started = performance.now();
    const step = (what: string) => log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${what}`);
    const workDir = mkdtempSync(join(tmpdir(), 'skillway-bench-pg-'));
    cleanup.add('temp folder', () => rmSync(workDir, { recursive: true, force: true }));
    const distDir = join(DIST_DIR, `.bench-pg-${process.pid}`);
    cleanup.add('compiled API', () => rmSync(distDir, { recursive: true, force: true }));
    step(`compiling the API (${round(await buildServer(distDir), 1)} s)`);
    step(`generating ${options.size.toLocaleString('en-GB')} listings (seed ${options.seed}); load ${load()}`);
    const listings = generateBenchListings(options.size, { seed: options.seed });
    step('starting Meilisearch');
    const meili = await startMeilisearch({ dir: join(workDir, 'meilisearch') });
    cleanup.add('Meilisearch', () => meili.dispose());
    const result = await measurePostgres({
      listings,
      workDir,
      distDir,
      meilisearch: { url: meili.url, apiKey: meili.apiKey, pid: meili.pid! },
      seed: options.seed,
      queries: options.queries,
      autocannonSeconds: options.autocannonSeconds,
      approvals: options.approvals,
      cleanup,
      log: step,
    });
    const out = resolve(
      options.out ??
        join(
          REPO_ROOT,
          'scripts',
          'bench',
          'results',
          `${new Date().toISOString().slice(0, 10)}-${options.size}-postgres.json`,
        ),
    );
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify({ ...result, machine: machineInfo() }, null, 2)}\n`);
    step(`done; figures written to ${out}`);
    return { result, out };
  });
}
