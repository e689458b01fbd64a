import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './meilisearch-server';

/**
 * A throwaway PostgreSQL cluster for tests and benches: the Debian/Ubuntu server binaries
 * (`apt-get install postgresql`), a temp data folder, a free loopback port, no password (trust on
 * loopback only), fsync off. One cluster per process (`sharedPostgresServer`), a fresh database per
 * test file (`createDatabase`), so a suite never sees another's rows and no test pays for initdb.
 *
 * initdb runs once per machine and PostgreSQL version into a template folder under the temp dir; each
 * process copies it (0.4 s) instead of running initdb (3 s on a loaded machine). initdb and the server
 * refuse to run as root: as root they run as the `postgres` system user the Debian package creates.
 */
export interface PostgresServer {
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database?: string): string;
  port: number;
  /** a new database, empty or a copy of `template`; returns its URL */
  createDatabase(name?: string, template?: string): Promise<string>;
  dropDatabase(url: string): Promise<void>;
  /** stops the server (immediately: nothing is worth keeping) and deletes its folder */
  stop(): void;
}

export const POSTGRES_INSTALL_HINT =
  'PostgreSQL server binaries (initdb, pg_ctl) not found: install them with `apt-get install -y postgresql` ' +
  '(Debian/Ubuntu), or set POSTGRES_BIN to the folder that holds initdb';

/** The folder with initdb and pg_ctl: POSTGRES_BIN, else the newest /usr/lib/postgresql/<v>/bin, else PATH. */
export function postgresBinDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates: string[] = [];
  if (env.POSTGRES_BIN) candidates.push(env.POSTGRES_BIN);
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(debian, v, 'bin')));
  }
  candidates.push(...(env.PATH ?? '').split(':').filter(Boolean));
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

/**
 * Whether PostgreSQL suites are wanted: SKILLWAY_TEST_DATABASES lists the databases to test (default
 * `sqlite,postgres`); CI's second Node runs `sqlite` only (PostgreSQL is a server and `pg` pure
 * JavaScript: one Node's run of those suites says all they can).
 */
export function postgresWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.SKILLWAY_TEST_DATABASES ?? 'sqlite,postgres')
    .split(',')
    .map((d) => d.trim())
    .includes('postgres');
}

/** Whether the Postgres suites can run here (wanted, and the server binaries are installed). */
export function postgresAvailable(): boolean {
  return postgresWanted() && postgresBinDir() !== undefined;
}

/** Whether to run a PostgreSQL suite: when it can, and under CI=true also when it cannot (it then fails). */
export function runPostgresSuites(): boolean {
  return postgresWanted() && (postgresBinDir() !== undefined || process.env.CI === 'true');
}

/** Who runs initdb and the server: ourselves, or as root the unprivileged `postgres` user. */
function serverUser(): { name: string; uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = (name: string) => {
    const result = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    if (result.status !== 0) return undefined;
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' }).stdout.trim();
    return { name, uid: Number(result.stdout.trim()), gid: Number(gid) };
  };
  const existing = lookup('postgres');
  if (existing) return existing;
  // Without the Debian package's user (binaries from elsewhere): a system user of our own.
  execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'skillway-pg']);
  return lookup('skillway-pg');
}

function run(bin: string, args: string[], user: ReturnType<typeof serverUser>): void {
  const [command, argv] = user ? ['runuser', ['-u', user.name, '--', bin, ...args]] : [bin, args];
  const result = spawnSync(command, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    throw new Error(`${[bin, ...args].join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`);
  }
}

function chownTree(path: string, user: ReturnType<typeof serverUser>): void {
  if (user) execFileSync('chown', ['-R', `${user.uid}:${user.gid}`, path]);
}

/** initdb once into <tmp>/skillway-pg-template-<version>, by whichever process gets there first. */
function templateCluster(bin: string, user: ReturnType<typeof serverUser>): string {
  const version = execFileSync(join(bin, 'initdb'), ['--version'], { encoding: 'utf8' }).match(/\d+(\.\d+)?/)?.[0];
  const template = join(tmpdir(), `skillway-pg-template-${version ?? 'x'}-${user?.name ?? userInfo().username}`);
  if (existsSync(join(template, 'PG_VERSION'))) return template;
  const building = mkdtempSync(join(tmpdir(), 'skillway-pg-initdb-'));
  try {
    chownTree(building, user);
    const data = join(building, 'data');
    run(
      join(bin, 'initdb'),
      [
        '-D',
        data,
        '-U',
        'postgres',
        '--auth=trust',
        '-E',
        'UTF8',
        '--locale=C.UTF-8',
        '--no-sync',
        '--no-instructions',
      ],
      user,
    );
    try {
      renameSync(data, template); // atomic: another process either sees the whole template or none
    } catch (error) {
      if (!existsSync(join(template, 'PG_VERSION'))) throw error; // else another process won the race
    }
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  return template;
}

const SERVER_SETTINGS = [
  // Test data is thrown away: never wait for the disk.
  'fsync=off',
  'synchronous_commit=off',
  'full_page_writes=off',
  'shared_buffers=32MB',
  'max_connections=60',
  'listen_addresses=127.0.0.1',
  // No socket in /var/run/postgresql (not writable, and another cluster may be there).
  'unix_socket_directories=',
];

/** Starts a new cluster (initdb'd from the template) on a free loopback port. */
export async function startPostgresServer(): Promise<PostgresServer> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(POSTGRES_INSTALL_HINT);
  const user = serverUser();
  const template = templateCluster(bin, user);
  const dir = mkdtempSync(join(tmpdir(), 'skillway-pg-'));
  const data = join(dir, 'data');
  cpSync(template, data, { recursive: true });
  mkdirSync(join(data, 'pg_log'), { recursive: true });
  chownTree(dir, user);
  let port = 0;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    const options = [`-p ${port}`, ...SERVER_SETTINGS.map((s) => `-c ${s}`)].join(' ');
    try {
      run(
        join(bin, 'pg_ctl'),
        ['-D', data, '-l', join(data, 'pg_log', 'server.log'), '-w', '-o', options, 'start'],
        user,
      );
      break;
    } catch (error) {
      // Another process took the port between freePort() and the server's bind.
      if (attempt >= 3) {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
  watchOver(process.pid, data, dir);
  const majorVersion = Number(readFileSync(join(data, 'PG_VERSION'), 'utf8').trim());
  let stopped = false;
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url() });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const server: PostgresServer = {
    port,
    url,
    createDatabase: async (name = `test_${randomBytes(6).toString('hex')}`, template) => {
      for (const n of [name, template ?? 'x'])
        if (!/^[a-z_][a-z0-9_]*$/.test(n)) throw new Error(`not a plain database name: ${n}`);
      // FILE_COPY (PostgreSQL 15+) copies a template's files at once: half the time of the default
      // WAL_LOG for the 90 MB seeded template (0.3 s against 0.6 s), and fsync is off anyway.
      const copy = template ? ` template ${template}${majorVersion >= 15 ? ' strategy file_copy' : ''}` : '';
      await admin((c) => c.query(`create database ${name}${copy}`));
      return url(name);
    },
    dropDatabase: async (databaseUrl) => {
      const name = new URL(databaseUrl).pathname.slice(1);
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      await admin((c) => c.query(`drop database if exists ${name} with (force)`));
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], user);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  return server;
}

/**
 * A test worker may end without running its exit handlers (its pool kills it): a small detached shell
 * waits for `pid` to end, then stops the server (SIGQUIT: immediate shutdown) and deletes its folder,
 * so no cluster outlives the process that started it.
 */
function watchOver(pid: number, data: string, dir: string): void {
  const postmaster = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const script =
    `while kill -0 ${pid} 2>/dev/null; do sleep 1; done; ` +
    `kill -QUIT ${postmaster} 2>/dev/null; sleep 1; rm -rf '${dir}'`;
  spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' }).unref();
}

const SHARED = Symbol.for('skillway.postgres-server');
type Shared = { [SHARED]?: Promise<PostgresServer> };

/**
 * The process's one cluster, started on first use and stopped when the process exits (synchronously:
 * pg_ctl stop -m immediate, then the folder is removed), so a test worker's files share it.
 */
export function sharedPostgresServer(): Promise<PostgresServer> {
  const shared = globalThis as Shared;
  if (!shared[SHARED]) {
    shared[SHARED] = startPostgresServer();
    shared[SHARED].then(
      (server) => process.once('exit', () => server.stop()),
      () => {},
    );
  }
  return shared[SHARED];
}
