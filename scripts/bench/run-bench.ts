/**
 * Speed, scale and memory of the whole stack, measured side by side on both search engines.
 *
 *   npm run bench                      # 100,000 listings
 *   npm run bench -- --size 10000      # quick mode (under two minutes)
 *   npm run bench -- --size 100000 --out scripts/bench/results/mine.json --cpu-prof /tmp/prof
 *   npm run bench -- --size 10000 --soak            # then 10 minutes of mixed load, RSS every 30 s
 *
 * One run generates the listings (seeded), indexes them through the real indexer into SQLite and a
 * real Meilisearch (the packaged binary), measures both engines called directly and through the API
 * (a child process, `node --import tsx api/src/server.ts`), load-tests /search and /match with
 * autocannon, times approvals until searchable, reads the API's memory, and renders the web search
 * page from the built web app. With --soak it then starts a fresh API and soaks it (soak.phase.ts:
 * minutes of mixed search/match/approval load, RSS every 30 s, errors counted, and whether memory came
 * back to its post-warm-up level). It prints a table and writes the figures as JSON (scripts/bench/results/ by
 * default). Everything it starts listens on 127.0.0.1 and is stopped at the end, also on failure or
 * Ctrl-C; its temp folders are removed. A measurement, not a test: nothing here asserts a time.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { openStore } from '@skillway/store';
import { createSearchEngine } from '@skillway/store/search';
import { startMeilisearch } from '@skillway/store/testing';
import { measureThroughput, type CannonRequest } from './api-throughput.phase';
import { createBenchAccounts, measureApprovals } from './approval.phase';
import type { BenchResult } from './bench-result.schema';
import { defaultApiWorkers, processTree, REPO_ROOT, startApiProcess, startWebProcess } from './child-server';
import { CleanupStack } from './cleanup-stack';
import { buildServer, DIST_DIR } from '../src/build-server';
import { generateBenchListings } from './generate-listings';
import { ACCEPT_ENCODING, SequentialClient } from './http-client';
import { measureIndexing } from './indexing.phase';
import { ratio, round, summarise } from './latency-stats';
import { machineInfo } from './machine-info';
import { MATCH_REQUESTS, buildQueryMix, toQueryString } from './query-mix';
import { formatReport } from './report-table';
import { pairedLatency } from './search-latency.phase';
import { captureMultiSearchBody, engineCpuMs as measureEngineCpuMs, measureIssueTable } from './issue-table.phase';
import { SOAK_MAX_MINUTES, runSoak } from './soak.phase';
import { evaluateTargets } from './targets';
import { ensureWebBuild, measureWeb } from './web-render.phase';
import { formatPostgresReport, runPostgresBench } from './postgres.phase';

export interface BenchOptions {
  size: number;
  seed: number;
  /** searches in the latency mix (at least 1,000 for a real run) */
  queries: number;
  /** length of each autocannon run */
  autocannonSeconds: number;
  /** approvals timed per engine */
  approvals: number;
  /** requests to the web search page */
  webRequests: number;
  /** where the JSON goes; default scripts/bench/results/<date>-<size>.json */
  out?: string;
  /** write V8 CPU profiles of the API processes into this folder */
  cpuProfileDir?: string;
  apiLogLevel?: string;
  /** API processes (API_WORKERS); default the cores, as `npm start` runs it */
  apiWorkers?: number;
  /** the engines to measure (default both); `['sqlite']` skips Meilisearch entirely */
  engines?: readonly (typeof ENGINES)[number][];
  /** after the measurements, a soak of a fresh API (off when absent) */
  soak?: SoakSettings;
  log?: (line: string) => void;
}

export interface SoakSettings {
  engine: (typeof ENGINES)[number];
  durationSeconds: number;
  sampleSeconds: number;
  warmupSeconds: number;
  cooldownSeconds: number;
  connections: number;
}

/** 10 minutes of load (the first minute is the warm-up), RSS every 30 s, 30 s of quiet at the end. */
export function defaultSoak(minutes = 10): SoakSettings {
  const durationSeconds = Math.round(minutes * 60);
  return {
    engine: 'sqlite',
    durationSeconds,
    sampleSeconds: Math.min(30, Math.max(1, Math.round(durationSeconds / 10))),
    warmupSeconds: Math.min(60, Math.max(1, Math.round(durationSeconds / 5))),
    cooldownSeconds: Math.min(30, Math.max(1, Math.round(durationSeconds / 10))),
    connections: 4,
  };
}

const ENGINES = ['sqlite', 'meilisearch'] as const;

export function defaultOptions(size: number): BenchOptions {
  const quick = size <= 10_000;
  return {
    size,
    seed: 1,
    queries: 1_000,
    autocannonSeconds: quick ? 2 : 5,
    approvals: quick ? 5 : 10,
    webRequests: quick ? 100 : 300,
  };
}

/**
 * Sends every request over each of `workers * 2` keep-alive connections at once: the cluster's primary
 * hands new connections to the workers in turn, so each worker sees every request at least once.
 */
async function warmEveryWorker(origin: string, workers: number, requests: readonly CannonRequest[]): Promise<void> {
  await Promise.all(
    Array.from({ length: workers * 2 }, async () => {
      const client = new SequentialClient(origin);
      try {
        for (const r of requests) {
          const answer = await client.send(r.path, { method: r.method, body: r.body });
          if (answer.status !== 200) throw new Error(`${r.method} ${r.path} answered ${answer.status} while warming`);
        }
      } finally {
        client.close();
      }
    }),
  );
}

/** Size of the documents in the Meilisearch index (the largest index of the instance). */
async function meilisearchDocumentStats(meili: { url: string; apiKey: string }) {
  const res = await fetch(`${meili.url}/stats`, { headers: { authorization: `Bearer ${meili.apiKey}` } });
  const stats = (await res.json()) as {
    indexes: Record<string, { numberOfDocuments: number; avgDocumentSize?: number; rawDocumentDbSize?: number }>;
  };
  const index = Object.values(stats.indexes).sort((a, b) => b.numberOfDocuments - a.numberOfDocuments)[0];
  return {
    count: index?.numberOfDocuments ?? 0,
    averageBytes: Math.round(index?.avgDocumentSize ?? 0),
    rawDocumentDbMb: round((index?.rawDocumentDbSize ?? 0) / 1_048_576, 1),
  };
}

export function defaultOutPath(size: number, date = new Date()): string {
  return join(REPO_ROOT, 'scripts', 'bench', 'results', `${date.toISOString().slice(0, 10)}-${size}.json`);
}

export interface BenchRun {
  result: BenchResult;
  /** where the JSON was written */
  out: string;
  /** the temp folder it worked in (removed by the time runBench returns) */
  workDir: string;
  /** every process it started (all stopped by the time runBench returns) */
  pids: number[];
}

export async function runBench(options: BenchOptions): Promise<BenchRun> {
  const log = options.log ?? ((line: string) => console.error(line));
  const cleanup = new CleanupStack();
  return cleanup.guard(async () => {
    const started = performance.now();
    const startedAt = new Date();
    const machine = machineInfo();
    const step = (what: string) => log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${what}`);

    const pids: number[] = [];
    const workDir = mkdtempSync(join(tmpdir(), 'skillway-bench-'));
    cleanup.add('temp folder', () => rmSync(workDir, { recursive: true, force: true }));

    // The API this run measures, compiled once now: others may change sources while it runs.
    const serverDir = join(DIST_DIR, `.bench-${process.pid}`);
    cleanup.add('compiled API', () => rmSync(serverDir, { recursive: true, force: true }));
    step(`compiling the API (${round(await buildServer(serverDir), 1)} s)`);

    step(`generating ${options.size.toLocaleString('en-GB')} listings (seed ${options.seed})`);
    const listings = generateBenchListings(options.size, { seed: options.seed });

    const engineList = options.engines ?? ENGINES;
    const withMeili = engineList.includes('meilisearch');
    let meili: Awaited<ReturnType<typeof startMeilisearch>> | undefined;
    if (withMeili) {
      step('starting Meilisearch');
      const started = await startMeilisearch({ dir: join(workDir, 'meilisearch') });
      meili = started;
      cleanup.add('Meilisearch', () => started.dispose());
      pids.push(started.pid!);
    }
    const meiliConnection = meili && { url: meili.url, apiKey: meili.apiKey };

    step(
      withMeili
        ? 'indexing through the indexer: SQLite + FTS, then Meilisearch, then a full Meilisearch rebuild'
        : 'indexing through the indexer: SQLite + FTS (the embedded engine only)',
    );
    const { databasePath, result: indexing } = await measureIndexing({
      listings,
      workDir,
      meilisearch: meili && meiliConnection && { ...meiliConnection, pid: meili.pid! },
      log,
    });
    // 100,000 records are a few hundred MB of this process's heap, and nothing needs them any more.
    listings.length = 0;

    const mix = buildQueryMix(options.queries, options.seed);
    const mixCounts: Record<string, number> = {};
    for (const m of mix) mixCounts[m.type] = (mixCounts[m.type] ?? 0) + 1;

    const accounts = await createBenchAccounts(databasePath);
    const searchRequests: CannonRequest[] = mix.map((m) => ({
      method: 'GET',
      path: `/api/v1/search?${toQueryString(m.query)}`,
    }));
    const matchRequests: CannonRequest[] = MATCH_REQUESTS.map((body) => ({
      method: 'POST',
      path: '/api/v1/match',
      body: JSON.stringify(body),
    }));

    const perEngine = {} as Record<
      (typeof ENGINES)[number],
      {
        latency: Awaited<ReturnType<typeof pairedLatency>>;
        throughput: BenchResult['throughput']['engines']['sqlite'];
        approval: BenchResult['approval']['engines']['sqlite'];
        memory: BenchResult['memory']['sqlite'];
      }
    >;
    let web: BenchResult['web'] | undefined;
    const issueRows = {} as BenchResult['issue']['engines'];
    const engineCpuMs = {} as BenchResult['issue']['engineCpuMs'];
    const meiliTaskMs: number[] = [];
    for (const engine of engineList) {
      step(`starting the API on the ${engine} engine`);
      const profileDir = options.cpuProfileDir ? join(resolve(options.cpuProfileDir), engine) : undefined;
      if (profileDir) mkdirSync(profileDir, { recursive: true });
      // The match lexicon is built on start-up in the background; the first /match waits for it, so
      // every worker gets one before anything is timed.
      const api = await startApiProcess(
        {
          databasePath,
          meilisearch: engine === 'meilisearch' ? meiliConnection : undefined,
          cpuProfileDir: profileDir,
          logLevel: options.apiLogLevel,
          workers: options.apiWorkers,
          distDir: serverDir,
        },
        { path: '/api/v1/match', body: JSON.stringify(MATCH_REQUESTS[0]) },
      );
      cleanup.add(`API (${engine})`, () => api.stop());
      pids.push(...processTree(api.pid));
      step(
        `  API: ${api.workers} worker process${api.workers === 1 ? '' : 'es'}, RSS once ready ${api.rssAtStartMb} MB in all`,
      );
      // The peak of the whole tree, read every second (each process's own peak is in /proc too).
      let observedPeakMb = api.rssAtStartMb;
      const sampler = setInterval(() => {
        try {
          observedPeakMb = Math.max(observedPeakMb, api.memory().rssMb);
        } catch {
          // stopping
        }
      }, 1_000);
      cleanup.add(`memory sampler (${engine})`, () => clearInterval(sampler));
      const client = new SequentialClient(api.url);
      try {
        await client.json('/api/v1/match', { method: 'POST', body: MATCH_REQUESTS[0] });

        step(`  search latency, the engine directly and through the API (${mix.length} queries each, interleaved)`);
        const store = await openStore(databasePath);
        let latency: Awaited<ReturnType<typeof pairedLatency>>;
        let multiSearchBody: string | undefined;
        try {
          const makeEngine = (url?: string) =>
            createSearchEngine(store, url && meili ? { MEILI_URL: url, MEILI_MASTER_KEY: meili.apiKey } : {});
          const searchEngine = makeEngine(engine === 'sqlite' ? undefined : meili!.url);
          latency = await pairedLatency(searchEngine, client, mix);
          engineCpuMs[engine] = {
            nurse: await measureEngineCpuMs(searchEngine, { q: 'nurse' }),
            refugees: await measureEngineCpuMs(searchEngine, { q: 'refugees' }),
          };
          await searchEngine.close();
          if (engine === 'meilisearch')
            multiSearchBody = await captureMultiSearchBody(meili!.url, makeEngine, { q: 'nurse' });
        } finally {
          await store.close();
        }
        step(`  ${engine} directly: p50 ${latency.direct.p50} ms, p95 ${latency.direct.p95} ms`);
        step(`  ${engine} via the API: p50 ${latency.api.p50} ms, p95 ${latency.api.p95} ms`);
        step(
          `  ${engine} engine.search() CPU per call (no cache): q=nurse ${engineCpuMs[engine].nurse} ms, q=refugees ${engineCpuMs[engine].refugees} ms`,
        );

        const cannon = async (requests: CannonRequest[], connections: number, what: string) => {
          const t = await measureThroughput(api.url, api.pid, requests, connections, options.autocannonSeconds);
          step(
            `  ${what}, ${connections} connections: ${t.requestsPerSecond} req/s, p99 ${t.latencyP99} ms, API CPU ${t.serverCpuMsPerRequest} ms/request`,
          );
          return t;
        };
        // The mix measures the steady state: every query of it has been answered once by every worker
        // (each keeps its own result cache), as a directory's common searches have been. The uncached
        // runs of issue 15's table measure the other end.
        step(
          `  warming every worker's caches with the mix (${searchRequests.length} searches, ${matchRequests.length} profiles)`,
        );
        await warmEveryWorker(api.url, api.workers, [...searchRequests, ...matchRequests]);
        const throughput = {
          search: {
            c10: await cannon(searchRequests, 10, '/search'),
            c50: await cannon(searchRequests, 50, '/search'),
          },
          match: { c10: await cannon(matchRequests, 10, '/match'), c50: await cannon(matchRequests, 50, '/match') },
        };

        step(`  issue 15's table (autocannon, 10 and 50 connections, ${options.autocannonSeconds} s each)`);
        issueRows[engine] = await measureIssueTable({
          engine,
          apiUrl: api.url,
          apiPid: api.pid,
          seconds: options.autocannonSeconds,
          seed: options.seed,
          meilisearch:
            engine === 'meilisearch'
              ? { url: meili!.url, apiKey: meili!.apiKey, pid: meili!.pid!, multiSearchBody: multiSearchBody! }
              : undefined,
          log: step,
        });

        step(`  approval to searchable (${options.approvals} approvals)`);
        const approvalRun = await measureApprovals({
          origin: api.url,
          engine,
          accounts,
          count: options.approvals,
          seed: options.seed + (engine === 'sqlite' ? 0 : 1),
          meilisearch: engine === 'meilisearch' ? meiliConnection : undefined,
        });
        const { meilisearchTaskMs, ...approval } = approvalRun;
        if (engine === 'meilisearch') meiliTaskMs.push(...meilisearchTaskMs);
        step(`  approval to searchable: p50 ${approval.p50} ms, slowest ${approval.max} ms`);

        if (engine === 'sqlite') {
          await ensureWebBuild(log);
          step('  web search page: server render and first-load JS');
          const server = await startWebProcess(api.url, profileDir && join(profileDir, 'web'));
          cleanup.add('web app', () => server.stop());
          pids.push(server.pid);
          try {
            web = await measureWeb(server.url, server.pid, engine, mix, options.webRequests);
          } finally {
            await server.stop();
          }
          step(
            `  web render: p50 ${web.render.p50} ms, p95 ${web.render.p95} ms (wall clock); web server CPU ${web.serverCpuMsPerRequest} ms per page`,
          );
        }
        const end = api.memory();
        clearInterval(sampler);
        const workerMemory = end.processes.filter((p) => p.pid !== api.pid);
        perEngine[engine] = {
          latency,
          throughput,
          approval,
          memory: {
            workers: api.workers,
            rssAtStartMb: api.rssAtStartMb,
            rssMb: end.rssMb,
            peakRssMb: round(Math.max(observedPeakMb, end.rssMb), 1),
            sumOfPeaksMb: end.peakRssMb,
            largestProcessRssMb: Math.max(...end.processes.map((p) => p.rssMb)),
            largestProcessPeakMb: Math.max(...end.processes.map((p) => p.peakRssMb)),
            processes: end.processes.map((p) => ({
              role: p.pid === api.pid && workerMemory.length > 0 ? 'primary' : 'worker',
              rssMb: p.rssMb,
              peakRssMb: p.peakRssMb,
            })),
          },
        };
        step(
          `  API RSS at the end: ${end.rssMb} MB in all (${end.processes.map((p) => `${p.rssMb}`).join(' + ')}), largest process peak ${perEngine[engine].memory.largestProcessPeakMb} MB`,
        );
      } finally {
        clearInterval(sampler);
        client.close();
        await api.stop();
      }
    }

    let soak: BenchResult['soak'];
    if (options.soak) {
      const settings = options.soak;
      step(
        `soak: a fresh API on the ${settings.engine} engine, ${settings.durationSeconds} s of mixed load, RSS every ${settings.sampleSeconds} s`,
      );
      const api = await startApiProcess({
        databasePath,
        meilisearch: settings.engine === 'meilisearch' ? meiliConnection : undefined,
        logLevel: options.apiLogLevel,
        workers: options.apiWorkers,
        distDir: serverDir,
      });
      cleanup.add('API (soak)', () => api.stop());
      pids.push(api.pid);
      const client = new SequentialClient(api.url);
      try {
        await client.json('/api/v1/match', { method: 'POST', body: MATCH_REQUESTS[0] });
        soak = await runSoak({
          origin: api.url,
          engine: settings.engine,
          rssMb: () => api.memory().rssMb,
          peakRssMb: () => api.memory().peakRssMb,
          accounts,
          searchPaths: searchRequests.map((r) => r.path),
          matchBodies: MATCH_REQUESTS,
          durationSeconds: settings.durationSeconds,
          sampleSeconds: settings.sampleSeconds,
          warmupSeconds: settings.warmupSeconds,
          cooldownSeconds: settings.cooldownSeconds,
          connections: settings.connections,
          seed: options.seed,
          log,
        });
      } finally {
        client.close();
        await api.stop();
      }
    }

    const meilisearchDocuments = meiliConnection && (await meilisearchDocumentStats(meiliConnection));
    const searchFigures = (e: (typeof ENGINES)[number]) => ({
      direct: perEngine[e].latency.direct,
      api: perEngine[e].latency.api,
      apiOverDirect: {
        p50: ratio(perEngine[e].latency.api.p50, perEngine[e].latency.direct.p50),
        p95: ratio(perEngine[e].latency.api.p95, perEngine[e].latency.direct.p95),
      },
      answeredBy: perEngine[e].latency.answeredBy,
    });
    const sqlite = perEngine.sqlite;
    const meiliRun = withMeili ? perEngine.meilisearch : undefined;
    const engines = {
      sqlite: searchFigures('sqlite'),
      ...(meiliRun && { meilisearch: searchFigures('meilisearch') }),
    } as BenchResult['search']['engines'];
    const figures: Omit<BenchResult, 'targets'> = {
      schema: 'skillway-bench/1',
      startedAt: startedAt.toISOString(),
      durationSeconds: round((performance.now() - started) / 1000, 1),
      size: options.size,
      seed: options.seed,
      settings: {
        queries: options.queries,
        autocannonSeconds: options.autocannonSeconds,
        approvals: options.approvals,
        webRequests: options.webRequests,
        acceptEncoding: ACCEPT_ENCODING,
        apiLogLevel: options.apiLogLevel ?? 'warn',
        apiWorkers: options.apiWorkers ?? defaultApiWorkers(),
        engines: [...engineList],
      },
      machine: { ...machine, loadAverageAtEnd: loadavg().map((l) => round(l)) },
      indexing,
      search: {
        queries: mix.length,
        mix: mixCounts,
        engines,
        ...(engines.meilisearch && {
          embeddedOverMeilisearch: {
            direct: {
              p50: ratio(engines.sqlite.direct.p50, engines.meilisearch.direct.p50),
              p95: ratio(engines.sqlite.direct.p95, engines.meilisearch.direct.p95),
            },
            api: {
              p50: ratio(engines.sqlite.api.p50, engines.meilisearch.api.p50),
              p95: ratio(engines.sqlite.api.p95, engines.meilisearch.api.p95),
            },
          },
        }),
      },
      throughput: {
        engines: { sqlite: sqlite.throughput, ...(meiliRun && { meilisearch: meiliRun.throughput }) },
        ...(meiliRun && {
          embeddedOverMeilisearch: {
            search: ratio(
              sqlite.throughput.search.c50.requestsPerSecond,
              meiliRun.throughput.search.c50.requestsPerSecond,
            ),
            match: ratio(
              sqlite.throughput.match.c50.requestsPerSecond,
              meiliRun.throughput.match.c50.requestsPerSecond,
            ),
          },
        }),
      },
      issue: { engines: issueRows, engineCpuMs, ...(meilisearchDocuments && { meilisearchDocuments }) },
      approval: {
        engines: { sqlite: sqlite.approval, ...(meiliRun && { meilisearch: meiliRun.approval }) },
        ...(meiliRun && {
          embeddedOverMeilisearch: ratio(sqlite.approval.p50, meiliRun.approval.p50),
          meilisearchTaskP50: summarise(meiliTaskMs).p50,
        }),
      },
      memory: { sqlite: sqlite.memory, ...(meiliRun && { meilisearch: meiliRun.memory }) },
      web: web!,
      ...(soak && { soak }),
    };
    const result: BenchResult = { ...figures, targets: evaluateTargets(figures) };
    const out = resolve(options.out ?? defaultOutPath(options.size, startedAt));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    step(`done; figures written to ${out}`);
    return { result, out, workDir, pids };
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: '100000' },
      seed: { type: 'string' },
      queries: { type: 'string' },
      seconds: { type: 'string' },
      approvals: { type: 'string' },
      'web-requests': { type: 'string' },
      out: { type: 'string' },
      'cpu-prof': { type: 'string' },
      'api-log-level': { type: 'string' },
      'api-workers': { type: 'string' },
      engines: { type: 'string' },
      soak: { type: 'boolean' },
      'soak-minutes': { type: 'string' },
      'soak-engine': { type: 'string' },
      'soak-connections': { type: 'string' },
      database: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(
      'Usage: npm run bench -- [--size 100000] [--out scripts/bench/results/<date>-<size>.json] [--seed 1] [--queries 1000]\n' +
        '         [--seconds 5] [--approvals 10] [--web-requests 300] [--cpu-prof <dir>] [--api-log-level warn]\n' +
        '         [--api-workers <cores>] [--engines both|sqlite]\n' +
        '         [--soak [--soak-minutes 10] [--soak-engine sqlite|meilisearch] [--soak-connections 4]]\n' +
        '         [--database postgres]  PostgreSQL + Meilisearch beside SQLite, one and two API instances (postgres.phase.ts)\n' +
        '--size 10000 is the quick mode (shorter load tests, under two minutes).\n' +
        '--soak then runs a fresh API under mixed search/match/approval load (default 10 minutes, at most ' +
        `${SOAK_MAX_MINUTES}),\n` +
        'reads its RSS every 30 s and says whether it came back within 10% of its post-warm-up level.',
    );
    process.exit(0);
  }
  const whole = (name: string, raw: string | undefined, fallback: number, min = 1, max = Infinity) => {
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min || value > max) {
      console.error(
        `--${name}: "${raw}" is not a number ${max === Infinity ? `of at least ${min}` : `from ${min} to ${max}`}`,
      );
      process.exit(2);
    }
    return value;
  };
  function enginesOption(raw: string | undefined): BenchOptions['engines'] {
    if (raw === undefined || raw === 'both') return undefined;
    if (raw === 'sqlite') return ['sqlite'];
    console.error(`--engines: "${raw}" is neither both nor sqlite (the embedded engine is always measured)`);
    process.exit(2);
  }
  const soakAsked = values.soak || values['soak-minutes'] !== undefined;
  const soakEngine = values['soak-engine'] ?? 'sqlite';
  if (soakEngine !== 'sqlite' && soakEngine !== 'meilisearch') {
    console.error(`--soak-engine: "${soakEngine}" is neither sqlite nor meilisearch`);
    process.exit(2);
  }
  const soak = soakAsked
    ? {
        ...defaultSoak(whole('soak-minutes', values['soak-minutes'], 10, 0.05, SOAK_MAX_MINUTES)),
        engine: soakEngine as SoakSettings['engine'],
        connections: whole('soak-connections', values['soak-connections'], 4, 1, 64),
      }
    : undefined;
  const size = whole('size', values.size, 100_000, 10);
  const defaults = defaultOptions(size);
  const options: BenchOptions = {
    size,
    seed: whole('seed', values.seed, defaults.seed, 0),
    queries: whole('queries', values.queries, defaults.queries, 60),
    autocannonSeconds: whole('seconds', values.seconds, defaults.autocannonSeconds),
    approvals: whole('approvals', values.approvals, defaults.approvals),
    webRequests: whole('web-requests', values['web-requests'], defaults.webRequests),
    out: values.out,
    cpuProfileDir: values['cpu-prof'],
    apiLogLevel: values['api-log-level'],
    engines: enginesOption(values.engines),
    apiWorkers: values['api-workers'] === undefined ? undefined : whole('api-workers', values['api-workers'], 1, 1, 64),
    soak,
  };
  if (values.database !== undefined && values.database !== 'postgres' && values.database !== 'sqlite') {
    console.error(`--database: "${values.database}" is neither sqlite nor postgres`);
    process.exit(2);
  }
  if (values.database === 'postgres') {
    // Issue 20's figures: PostgreSQL + Meilisearch beside SQLite, one and two API instances.
    runPostgresBench({ ...options, size, out: values.out })
      .then(({ result }) => console.log(formatPostgresReport(result)))
      .catch((error: unknown) => {
        console.error('The bench failed:', error);
        process.exitCode = 1;
      });
  } else
    runBench(options)
      .then(({ result }) => {
        console.log(formatReport(result));
      })
      .catch((error: unknown) => {
        console.error('The bench failed:', error);
        process.exitCode = 1;
      });
}
