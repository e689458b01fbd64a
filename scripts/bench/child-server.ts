import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@skillway/store/testing';
import { ensureServerBuild, programPath } from '../src/build-server';

export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** Memory of one process of a server, in MB (/proc/<pid>/status VmRSS and VmHWM). */
export interface ProcessMemory {
  pid: number;
  rssMb: number;
  peakRssMb: number;
}

/** A server the bench runs as its own process (tree), so its memory and CPU are its own. */
export interface ChildServer {
  url: string;
  /** the process the bench started: for the API, the cluster's primary */
  pid: number;
  /**
   * Resident memory of the whole process tree (the API's primary and its workers) now, and the sum
   * of each process's own peak (an upper bound of the tree's peak); and each process on its own.
   */
  memory(): { rssMb: number; peakRssMb: number; processes: ProcessMemory[] };
  /** resident memory of the tree when it first answered the ready check, in MB */
  rssAtStartMb: number;
  /** SIGTERM (a graceful close, which also writes a --cpu-prof profile), SIGKILL after `graceMs` */
  stop(graceMs?: number): Promise<void>;
  logs(): string;
}

export interface StartChildOptions {
  name: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** path answered with 200 once the server is ready, e.g. /api/v1/ready */
  readyPath: string;
  /** the port it was told to listen on (in env) */
  port: number;
  /** also wait for this in its output (the cluster's "API running in N processes") */
  readyOutput?: RegExp;
  timeoutMs?: number;
}

const children = new Set<ChildProcess>();
let exitHook = false;

/** Status lines of /proc/<pid>/status in kB, e.g. VmRSS. */
function procStatusKb(pid: number, field: string): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]);
}

/**
 * CPU time (user + system) a process has used so far, in seconds, from /proc/<pid>/stat. On a machine
 * shared with other work, CPU time says what a step cost where wall time also counts the neighbours.
 */
export function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at state; utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}
/** USER_HZ, 100 on every Linux this runs on */
const CLOCK_TICKS = 100;

/** `pid` and every process below it (the cluster's workers), from the parent field of /proc/<n>/stat. */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // it exited meanwhile
    }
  }
  const out: number[] = [];
  const visit = (p: number) => {
    out.push(p);
    for (const c of children.get(p) ?? []) visit(c);
  };
  visit(pid);
  return out;
}

/**
 * CPU seconds of a process and everything below it: what the clustered API costs. A worker that
 * exited in between takes its time with it (the bench watches for none exiting).
 */
export function treeCpuSeconds(pid: number): number {
  let total = 0;
  for (const p of processTree(pid)) {
    try {
      total += processCpuSeconds(p);
    } catch {
      // it exited meanwhile
    }
  }
  return total;
}

export async function startChildServer(options: StartChildOptions): Promise<ChildServer> {
  const child = spawn(process.execPath, options.args, {
    cwd: REPO_ROOT,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  if (!exitHook) {
    exitHook = true;
    // Last resort when the bench itself dies without running its cleanup.
    process.once('exit', () => {
      for (const c of children) c.kill('SIGKILL');
    });
  }
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-16_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((done) =>
    child.once('exit', () => {
      children.delete(child);
      done();
    }),
  );

  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  const stop = async (graceMs = 15_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  let fullLog = '';
  if (options.readyOutput) {
    const collect = (chunk: Buffer) => {
      if (fullLog.length < 1_000_000) fullLog += chunk.toString();
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
  }
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${options.name} exited with ${child.exitCode} during start-up:\n${log}`);
    try {
      if (!options.readyOutput || options.readyOutput.test(fullLog)) {
        const res = await fetch(url + options.readyPath);
        await res.arrayBuffer();
        if (res.ok) break;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop(0);
      throw new Error(`${options.name} did not answer ${options.readyPath} in time:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const pid = child.pid!;
  const mb = (kb: number) => Math.round(kb / 102.4) / 10;
  const memory = () => {
    const processes: ProcessMemory[] = [];
    for (const p of processTree(pid)) {
      try {
        processes.push({ pid: p, rssMb: mb(procStatusKb(p, 'VmRSS')), peakRssMb: mb(procStatusKb(p, 'VmHWM')) });
      } catch {
        // it exited meanwhile
      }
    }
    const sum = (f: (m: ProcessMemory) => number) => Math.round(processes.reduce((t, m) => t + f(m), 0) * 10) / 10;
    return { rssMb: sum((m) => m.rssMb), peakRssMb: sum((m) => m.peakRssMb), processes };
  };
  return {
    url,
    pid,
    memory,
    rssAtStartMb: memory().rssMb,
    stop,
    logs: () => log,
  };
}

export interface ApiProcessOptions {
  databasePath: string;
  meilisearch?: { url: string; apiKey: string };
  /** write V8 CPU profiles (node --cpu-prof) of the API's processes into this folder when they stop */
  cpuProfileDir?: string;
  logLevel?: string;
  /** API_WORKERS: processes serving requests (default: the cores, as in production) */
  workers?: number;
  /**
   * A build of the run's own (see buildServer), so that every API of one run runs the same code even
   * while others change sources in the checkout; default: dist/, rebuilt when a source is newer.
   */
  distDir?: string;
}

/** How many API workers a run uses when not told: what `npm start` runs. */
export const defaultApiWorkers = (): number => availableParallelism();

/**
 * The API as production runs it: the compiled program (`node dist/api/main.js`, built first when a
 * source changed), one process per core unless `workers` says otherwise. Ready once every worker
 * listens and /ready answers; then each worker is sent one /match on a connection of its own (the
 * primary hands connections out in turn), so none meets its first request cold.
 */
export async function startApiProcess(options: ApiProcessOptions, warmPath?: { path: string; body: string }) {
  if (!options.distDir) await ensureServerBuild();
  const port = await freePort();
  const workers = options.workers ?? defaultApiWorkers();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    API_HOST: '127.0.0.1',
    API_PORT: String(port),
    API_WORKERS: String(workers),
    DATABASE_PATH: options.databasePath,
    MEILI_URL: options.meilisearch?.url ?? '',
    MEILI_MASTER_KEY: options.meilisearch?.apiKey ?? '',
    MEILI_INDEX_PREFIX: '',
    LOG_LEVEL: options.logLevel ?? 'warn',
    // One client sends every request of the bench: per-client limits would measure 429s.
    RATE_LIMIT_PER_MINUTE: '0',
    NODE_ENV: 'production',
  };
  const profile = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const server = await startChildServer({
    name: 'the API',
    args: [...profile, programPath('api', options.distDir)],
    env,
    readyPath: '/api/v1/ready',
    readyOutput: workers > 1 ? /"msg":"API running in \d+ processes"/ : undefined,
    port,
    // Workers start one after the other, each building its lexicons: minutes on a starved machine.
    timeoutMs: 600_000,
  });
  if (warmPath) {
    await Promise.all(
      Array.from({ length: workers * 2 }, () => sendOnNewConnection(server.url, warmPath.path, warmPath.body)),
    );
  }
  return { ...server, workers };
}

/** One request on a connection of its own (so it may land on any worker); resolves with the status. */
export function sendOnNewConnection(origin: string, path: string, body?: string): Promise<number> {
  const url = new URL(origin);
  return new Promise((resolveStatus, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: Number(url.port),
        path,
        method: body === undefined ? 'GET' : 'POST',
        agent: false,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolveStatus(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The built web app (adapter-node) against an API; with `cpuProfileDir`, it writes a V8 CPU profile there when it stops. */
export async function startWebProcess(apiUrl: string, cpuProfileDir?: string): Promise<ChildServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const profile = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
  return startChildServer({
    name: 'the web app',
    args: [...profile, 'web/build/index.js'],
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      ORIGIN: url,
      API_URL: apiUrl,
      NODE_ENV: 'production',
    },
    readyPath: '/',
    port,
  });
}
