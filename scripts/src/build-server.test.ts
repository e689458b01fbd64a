import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededStore, type TempStore } from '@skillway/store/testing';
import { buildServer, programPath, REPO_ROOT, staleReason } from './build-server';

/**
 * The compiled API as production runs it (`npm run start:api`, `npm start`): `node dist/api/main.js`,
 * one process per core. Built into a folder of this test's own, then run as a real process tree.
 */
const distDir = join(REPO_ROOT, 'dist', `.test-${process.pid}`);
let store: TempStore;

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function runApi(env: Record<string, string>): Running {
  const child = spawn(process.execPath, [programPath('api', distDir)], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, output: () => output, exited };
}

async function waitForOutput(run: Running, pattern: RegExp): Promise<RegExpMatchArray> {
  // Two workers start one after the other, each building its lexicons: minutes on a busy machine.
  const deadline = Date.now() + 240_000;
  for (;;) {
    const found = run.output().match(pattern);
    if (found) return found;
    if (run.child.exitCode !== null) throw new Error(`exited ${run.child.exitCode}:\n${run.output()}`);
    if (Date.now() > deadline) throw new Error(`no ${pattern} in:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The processes whose parent is `pid`, from /proc. */
function childPids(pid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    // agent: false, a new connection each time (the primary hands out connections, not requests).
    request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    })
      .on('error', reject)
      .end();
  });
}

beforeAll(async () => {
  await buildServer(distDir);
  store = await createSeededStore();
}, 120_000);

afterAll(async () => {
  await store?.dispose();
  rmSync(distDir, { recursive: true, force: true });
});

describe('the build', () => {
  it('writes the API and the indexer as JavaScript and knows when a source is newer', () => {
    const api = readFileSync(programPath('api', distDir), 'utf8');
    expect(api).toContain('// api/src/cluster.ts');
    expect(api).not.toMatch(/from ["']fastify["']/); // the primary does not load the API's code
    expect(readFileSync(programPath('indexer', distDir), 'utf8')).toContain('// indexer/src/cli.ts');
    expect(staleReason(distDir)).toBeNull();
    expect(staleReason(join(distDir, 'nothing-here'))).toBe('no build yet');
  });
});

describe('the compiled API, two processes', () => {
  it('serves from two workers on one port, runs the scheduled jobs once, and on SIGTERM finishes in-flight requests and exits 0', async () => {
    const run = runApi({
      API_PORT: '0',
      API_HOST: '127.0.0.1',
      API_WORKERS: '2',
      DATABASE_PATH: store.path,
      LOG_LEVEL: 'info',
      LINK_CHECK_EVERY_HOURS: '24',
    });
    try {
      const [, port] = await waitForOutput(run, /"port":(\d+),"workers":2,"msg":"API running in 2 processes"/);
      const workers = childPids(run.child.pid!);
      expect(workers).toHaveLength(2);
      // Each worker's V8 heap is limited (API_WORKER_HEAP_MB, default 192), so garbage does not pile up.
      for (const pid of workers)
        expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')).toContain('--max-old-space-size=192');
      expect(run.output().match(/"msg":"Server listening at/g)).toHaveLength(2);
      // Only the first worker runs the jobs that must run once per directory.
      expect(run.output().match(/"job":"link check"[^\n]*"msg":"scheduled job on"/g)).toHaveLength(1);

      // New connections go to the workers in turn: both answer.
      const answeredBy = new Set<number>();
      for (const q of ['nurse', 'doctor', 'language', 'diploma', 'job', 'engineer']) {
        const res = await get(Number(port), `/api/v1/search?q=${q}`);
        expect(res.status).toBe(200);
        expect(Array.isArray(JSON.parse(res.body).hits)).toBe(true);
      }
      for (const line of run.output().split('\n')) {
        const match = /"pid":(\d+)[^\n]*"url":"\/api\/v1\/search\?q=/.exec(line);
        if (match) answeredBy.add(Number(match[1]));
      }
      expect([...answeredBy].sort()).toEqual([...workers].sort());

      // A request in flight when the primary gets SIGTERM is answered before the workers exit.
      const body = JSON.stringify({ text: 'nurse', country: 'IE' });
      const response = new Promise<{ status: number; body: string }>((resolveResponse, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: Number(port),
            path: '/api/v1/match',
            method: 'POST',
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          },
          (res) => {
            let text = '';
            res.on('data', (d) => (text += d));
            res.on('end', () => resolveResponse({ status: res.statusCode!, body: text }));
          },
        );
        req.on('error', reject);
        req.write(body.slice(0, 10));
        waitForOutput(run, /"url":"\/api\/v1\/match"[^\n]*"msg":"incoming request"/)
          .then(() => {
            run.child.kill('SIGTERM');
            return waitForOutput(run, /"msg":"shutting down"/);
          })
          .then(() => req.end(body.slice(10)), reject);
      });
      const res = await response;
      expect(res.status).toBe(200);
      expect(await run.exited).toBe(0);
      expect(run.output().match(/"signal":"SIGTERM"[^\n]*"msg":"shutting down"/g)).toHaveLength(2);
      for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
    } finally {
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
    }
  }, 480_000);

  it('replaces a worker that dies', async () => {
    const run = runApi({ API_PORT: '0', API_HOST: '127.0.0.1', API_WORKERS: '2', DATABASE_PATH: store.path });
    try {
      await waitForOutput(run, /"msg":"API running in 2 processes"/);
      const [first] = childPids(run.child.pid!);
      process.kill(first!, 'SIGKILL');
      await waitForOutput(run, /"msg":"an API worker stopped; starting another"/);
      await waitForOutput(run, /(?:"msg":"Server listening at[^\n]*\n[^]*){3}/);
      const now = childPids(run.child.pid!);
      expect(now).toHaveLength(2);
      expect(now).not.toContain(first);
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
    } finally {
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
    }
  }, 480_000);

  it.each([
    [{ API_WORKERS: 'many' }, 'API_WORKERS: "many" is not a whole number from 1 to 64'],
    [{ API_WORKERS: '2', API_PORT: 'eighty' }, 'API_PORT: must be integer, not a string "eighty"'],
    [
      { API_WORKERS: '2', API_WORKER_HEAP_MB: '32' },
      'API_WORKER_HEAP_MB: "32" is not 0 or a whole number of MB from 64',
    ],
    [
      { API_WORKERS: '1', API_WORKER_HEAP_MB: 'lots' },
      'API_WORKER_HEAP_MB: "lots" is not 0 or a whole number of MB from 64',
    ],
  ])(
    '%j stops every process with exit 1 and says why, once',
    async (env, message) => {
      const run = runApi({ DATABASE_PATH: store.path, ...env });
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain('Invalid configuration:');
      expect(run.output().split(message)).toHaveLength(2);
    },
    60_000,
  );
});
