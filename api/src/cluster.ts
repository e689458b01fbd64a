/**
 * The API in production: one process per core (Node's cluster; all of them share API_PORT, and the
 * primary hands each new connection to the next worker in turn). API_WORKERS sets how many (default:
 * the cores Node may use; 1 runs the API in this process, exactly as `tsx api/src/server.ts` does).
 *
 * What two processes share and what they do not (README, "Running in production"):
 * - SQLite is the state: sessions, listings, the outbox, the embedded search index. Every process
 *   opens the same file (WAL, busy_timeout), and the search generation in `meta` tells each one's
 *   caches (match data, search results) that a listing changed, whichever process changed it.
 * - The outbox worker runs in every process. An approval kicks the worker of the process that took it;
 *   a worker claims rows with a lease before applying them (store/src/outbox), so two workers never
 *   apply one row at once and a dead worker's rows are taken when its lease ends. Applying stays
 *   idempotent (the listing's current state is read and upserted), so a replay at start is harmless.
 * - The scheduled jobs (freshness reminders, the link check) send mail and fetch the web: only the
 *   first worker runs them; the others get FRESHNESS_REMINDERS_EVERY_HOURS=0 and LINK_CHECK_EVERY_HOURS=0.
 * - Rate limits are counted per process: a client whose connections land on different workers may get
 *   up to API_WORKERS times a limit (a keep-alive connection stays with one worker).
 *
 * Workers start one after the other (the first one runs the migrations alone). A worker that dies
 * after it started is replaced; one that cannot start (a configuration error) stops everything with
 * its exit code. SIGTERM or SIGINT: every worker stops taking connections, finishes what it has in
 * flight (up to 10 s), closes the store; then the primary exits 0.
 */
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';

/** As in server.ts: in-flight requests get this long after a shutdown signal. */
const GRACE_MS = 10_000;
/** More deaths than this within RESTART_WINDOW_MS is a crash loop: stop instead of re-forking. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;
/** Environment of every worker but the first: the jobs that must run once per directory are off. */
const SINGLETON_JOBS_OFF = { FRESHNESS_REMINDERS_EVERY_HOURS: '0', LINK_CHECK_EVERY_HOURS: '0' };

/**
 * API_WORKERS: a whole number from 1 to 64; unset or empty means the number of cores. Null when it is
 * neither (the caller says so and stops).
 */
export function workerCount(env: NodeJS.ProcessEnv = process.env): number | null {
  const raw = env.API_WORKERS?.trim();
  if (raw === undefined || raw === '') return availableParallelism();
  if (!/^\d{1,2}$/.test(raw) || Number(raw) < 1 || Number(raw) > 64) return null;
  return Number(raw);
}

/**
 * API_WORKER_HEAP_MB: the V8 heap of each worker is limited to this (default 192; 0 leaves V8's own
 * limit, about 2-4 GB). The live heap of a worker at 100,000 listings is ~95 MB after a long load, but
 * with gigabytes allowed V8 lets garbage pile up before collecting it. Measured on one process, 800
 * distinct /match then 800 distinct /search over HTTP, runs interleaved (load 1.4-1.6): RSS after the
 * load 383-385 -> 327-328 MB, peak 426-456 -> 328 MB, for ~5% more CPU per uncached /match and ~15%
 * per uncached /search (more collections; noisy: 6.3-8.2 ms either way). Cached answers, most of what
 * is asked, are Buffers outside this heap and bounded by their caches' budgets. Null when invalid.
 */
export function workerHeapMb(env: NodeJS.ProcessEnv = process.env): number | null {
  const raw = env.API_WORKER_HEAP_MB?.trim();
  if (raw === undefined || raw === '') return 192;
  if (!/^\d{1,6}$/.test(raw) || (Number(raw) !== 0 && Number(raw) < 64)) return null;
  return Number(raw);
}

/**
 * The API's code, loaded only where it runs: the primary only hands out connections and restarts
 * workers, so it stays a small process (the bundle puts this import in a chunk of its own).
 */
const loadServer = () => import('./server');

/** One JSON line in the shape of the workers' pino logs, so a log reader sees one stream. */
function log(level: 'info' | 'warn' | 'error', msg: string, fields: Record<string, unknown> = {}): void {
  const levels = { info: 30, warn: 40, error: 50 };
  const line = JSON.stringify({
    level: levels[level],
    time: Date.now(),
    pid: process.pid,
    role: 'primary',
    ...fields,
    msg,
  });
  (level === 'info' ? process.stdout : process.stderr).write(`${line}\n`);
}

/** As server.ts says it: a ConfigError's message names every bad variable; anything else is a surprise. */
function reportStartError(error: unknown): void {
  if (error instanceof Error && error.name === 'ConfigError') console.error(error.message);
  else console.error('The API could not start:', error);
}

/** A worker: the API with signal handling that tolerates the terminal and the primary both asking. */
async function runWorker(): Promise<void> {
  let api: Awaited<ReturnType<Awaited<ReturnType<typeof loadServer>>['startApi']>>;
  try {
    api = await (await loadServer()).startApi({ handleSignals: false });
  } catch (error) {
    reportStartError(error);
    process.exit(1);
  }
  let stopping = false;
  const stop = (signal: string) => {
    // Ctrl-C reaches every process of the terminal's group and the primary passes SIGTERM on as well:
    // the second request to stop is the same request.
    if (stopping) return;
    stopping = true;
    api.server.log.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(1), GRACE_MS).unref();
    api.close().then(
      () => process.exit(0),
      (err: unknown) => {
        api.server.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

async function runPrimary(count: number, heapMb: number): Promise<void> {
  if (heapMb > 0) cluster.setupPrimary({ execArgv: [...process.execArgv, `--max-old-space-size=${heapMb}`] });
  let stopping = false;
  let exitCode = 0;
  const deaths: number[] = [];
  const listening = new Set<Worker>();

  const fork = (index: number): Promise<Worker> => {
    const worker = cluster.fork(index > 0 ? SINGLETON_JOBS_OFF : {});
    worker.once('listening', (address) => {
      listening.add(worker);
      if (listening.size === count && index === count - 1) {
        log('info', `API running in ${count} processes`, { port: address.port, workers: count });
      }
    });
    worker.once('exit', (code, signal) => {
      const wasUp = listening.delete(worker);
      if (stopping) {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
        return;
      }
      if (!wasUp) {
        // It never listened: bad configuration or a database it cannot open. Another try would fail too.
        log('error', 'an API worker could not start; stopping', { code, signal });
        shutdown(code || 1);
        return;
      }
      const now = Date.now();
      deaths.push(now);
      while (deaths.length > 0 && deaths[0]! < now - RESTART_WINDOW_MS) deaths.shift();
      if (deaths.length > MAX_RESTARTS) {
        log('error', `${deaths.length} API workers died within a minute; stopping`, { code, signal });
        shutdown(1);
        return;
      }
      log('warn', 'an API worker stopped; starting another', { code, signal, worker: index });
      fork(index);
    });
    return new Promise((resolveUp, rejectUp) => {
      worker.once('listening', () => resolveUp(worker));
      worker.once('exit', () => rejectUp(new Error('the worker exited before it listened')));
    });
  };

  const shutdown = (code: number) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    if (workers.length === 0) process.exit(code);
    for (const worker of workers) worker.process.kill('SIGTERM');
    // A worker exits itself GRACE_MS after its signal at the latest; this is for one that hangs harder.
    setTimeout(() => {
      for (const worker of workers) worker.process.kill('SIGKILL');
      process.exit(code || 1);
    }, GRACE_MS + 5_000).unref();
  };
  process.on('SIGTERM', () => shutdown(0));
  process.on('SIGINT', () => shutdown(0));

  for (let index = 0; index < count && !stopping; index++) {
    try {
      await fork(index);
    } catch {
      return; // its exit handler has already begun the shutdown
    }
  }
}

/** The compiled API's entry (dist/api/main.js, see scripts/src/build-server.ts). */
export async function main(): Promise<void> {
  const count = cluster.isPrimary ? workerCount() : 1;
  if (count === null) {
    console.error(
      `Invalid configuration:\n  API_WORKERS: "${process.env.API_WORKERS}" is not a whole number from 1 to 64`,
    );
    process.exit(1);
  }
  const heapMb = workerHeapMb();
  if (heapMb === null) {
    console.error(
      `Invalid configuration:\n  API_WORKER_HEAP_MB: "${process.env.API_WORKER_HEAP_MB}" is not 0 or a whole number of MB from 64`,
    );
    process.exit(1);
  }
  if (cluster.isPrimary && count === 1) {
    // One process: the API itself, with server.ts's own signal handling (the heap limit is for workers;
    // NODE_OPTIONS sets this process's own).
    const { startApi } = await loadServer();
    await startApi().catch((error: unknown) => {
      reportStartError(error);
      process.exit(1);
    });
    return;
  }
  if (cluster.isPrimary) await runPrimary(count, heapMb);
  else await runWorker();
}
