import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TempStore } from '@skillway/store/testing';
import { createTestStore } from './testing/test-api';

/** `npm run start:api` as a real process: what an operator sees at start-up and at shutdown. */
const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const tsx = join(root, 'node_modules/.bin/tsx');

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function runServer(env: Record<string, string>): Running {
  const child = spawn(tsx, ['api/src/server.ts'], {
    cwd: root,
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
  const deadline = Date.now() + 30_000;
  for (;;) {
    const found = run.output().match(pattern);
    if (found) return found;
    if (run.child.exitCode !== null) throw new Error(`exited ${run.child.exitCode}:\n${run.output()}`);
    if (Date.now() > deadline) throw new Error(`no ${pattern} in:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('start-up configuration', () => {
  it.each([
    [{ API_PORT: 'eighty' }, 'API_PORT: must be integer, not a string "eighty"'],
    [{ API_PORT: '99999' }, 'API_PORT: 99999 must be <= 65535'],
    [{ CORS_ORIGINS: '*' }, 'CORS_ORIGINS: "*" is not well-formed'],
  ])(
    '%j stops the process with exit 1 and says why',
    async (env, message) => {
      const run = runServer(env);
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain('Invalid configuration:');
      expect(run.output()).toContain(message);
    },
    60_000,
  );
});

describe('graceful shutdown', () => {
  let store: TempStore;
  beforeAll(async () => {
    store = await createTestStore();
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it('on SIGTERM, lets a request in flight finish, then exits 0', async () => {
    const run = runServer({ API_PORT: '0', API_HOST: '127.0.0.1', DATABASE_PATH: store.path, LOG_LEVEL: 'info' });
    try {
      const [, port] = await waitForOutput(run, /Server listening at http:\/\/127\.0\.0\.1:(\d+)/);
      const body = JSON.stringify({ text: 'nurse', country: 'IE' });
      // Headers and half the body now; the rest after the signal, so the request is surely in flight.
      const response = new Promise<{ status: number; body: string }>((resolveResponse, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: Number(port),
            path: '/api/v1/match',
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
              'x-request-id': 'in-flight-1',
            },
          },
          (res) => {
            let text = '';
            res.on('data', (d) => (text += d));
            res.on('end', () => resolveResponse({ status: res.statusCode!, body: text }));
          },
        );
        req.on('error', reject);
        req.write(body.slice(0, 10));
        waitForOutput(run, /"reqId":"in-flight-1"[^\n]*"msg":"incoming request"/)
          .then(() => {
            run.child.kill('SIGTERM');
            return waitForOutput(run, /"msg":"shutting down"/);
          })
          .then(() => req.end(body.slice(10)), reject);
      });
      const res = await response;
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body).results.length).toBeGreaterThan(0);
      expect(await run.exited).toBe(0);
      expect(run.output()).toMatch(/"signal":"SIGTERM"[^\n]*"msg":"shutting down"/);
    } finally {
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
    }
  }, 60_000);
});
