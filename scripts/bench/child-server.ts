import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@skillway/store/testing';

export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** A server the bench runs as its own process, so its memory and CPU are its own. */
export interface ChildServer {
  url: string;
  pid: number;
  /** resident memory now and at its peak, in MB, from /proc/<pid>/status */
  memory(): { rssMb: number; peakRssMb: number };
  /** resident memory when it first answered the ready check, in MB */
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
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${options.name} exited with ${child.exitCode} during start-up:\n${log}`);
    try {
      const res = await fetch(url + options.readyPath);
      await res.arrayBuffer();
      if (res.ok) break;
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
  const mb = (field: string) => Math.round(procStatusKb(pid, field) / 102.4) / 10;
  return {
    url,
    pid,
    memory: () => ({ rssMb: mb('VmRSS'), peakRssMb: mb('VmHWM') }),
    rssAtStartMb: mb('VmRSS'),
    stop,
    logs: () => log,
  };
}

export interface ApiProcessOptions {
  databasePath: string;
  meilisearch?: { url: string; apiKey: string };
  /** write a V8 CPU profile (node --cpu-prof) of the API into this folder when it stops */
  cpuProfileDir?: string;
  logLevel?: string;
}

/**
 * The API as `tsx api/src/server.ts` runs it, but as `node --import tsx` so that the process whose
 * memory is read is the API itself (the tsx command is a wrapper that starts node as a child).
 */
export async function startApiProcess(options: ApiProcessOptions): Promise<ChildServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    API_HOST: '127.0.0.1',
    API_PORT: String(port),
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
  return startChildServer({
    name: 'the API',
    args: [...profile, '--import', 'tsx', 'api/src/server.ts'],
    env,
    readyPath: '/api/v1/ready',
    port,
  });
}

/** The built web app (adapter-node) against an API. */
export async function startWebProcess(apiUrl: string): Promise<ChildServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  return startChildServer({
    name: 'the web app',
    args: ['web/build/index.js'],
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
