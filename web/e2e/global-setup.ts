import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { RunningApi } from '../../api/src/server';

/**
 * The end-to-end stack, started once for the whole web project: the seed data indexed into a
 * temporary SQLite file, the real API on a free loopback port, and the built web app (node
 * build/index.js) on another, as in production. Only the web app's build is reused between runs,
 * and only while no source is newer than it.
 */

const WEB = resolve(import.meta.dirname, '..');
const ROOT = resolve(WEB, '..');
const BIN = (name: string) => join(ROOT, 'node_modules', '.bin', name);

declare module 'vitest' {
  export interface ProvidedContext {
    webUrl: string;
    apiUrl: string;
    /** a moderator account in the test database (providers sign up through the pages themselves) */
    moderator: { email: string; password: string };
    /** where the test SMTP server writes each delivered message as `<n>.json` (see mailbox.ts) */
    mailDir: string;
  }
}

const MODERATOR = { email: 'moderator@e2e.skillway.test', password: 'e2e moderator password' };

/** Moderators are never created through the site: the store's account service makes one, as the CLI does. */
async function createModerator(databasePath: string): Promise<void> {
  const { openStore } = await import('../../store/src/db');
  const { AccountService } = await import('../../store/src/accounts/account.service');
  const store = await openStore(databasePath);
  try {
    const accounts = new AccountService(store.db, { mailer: { send: async () => {} } });
    await accounts.createUser(
      { ...MODERATOR, role: 'moderator', name: 'E2E moderator' },
      {
        action: 'user.create',
        actorId: null,
      },
    );
  } finally {
    await store.close();
  }
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'paraglide') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function buildIsStale(): boolean {
  const built = join(WEB, 'build', 'index.js');
  if (!existsSync(built)) return true;
  const sources = [
    'src',
    'messages',
    'static',
    'project.inlang/settings.json',
    'svelte.config.js',
    'vite.config.ts',
    'paraglide.options.ts',
    'package.json',
    'client-messages.plugin.ts',
  ].map((p) => join(WEB, p));
  sources.push(join(ROOT, 'core', 'src'));
  return Math.max(...sources.map(newestMtime)) > statSync(built).mtimeMs;
}

function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0
        ? done()
        : fail(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output.slice(-4000)}`)),
    );
  });
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`web server exited with ${child.exitCode}:\n${log()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`web server did not answer ${url} within a minute:\n${log()}`);
}

/** Whether this run includes any e2e file (vitest's CLI filters are substrings of the file paths). */
function e2eSelected(project: TestProject): boolean {
  // filenamePattern is internal to vitest; when it is not there, assume e2e tests run.
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
  if (!filters?.length) return true;
  const files = readdirSync(import.meta.dirname)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => join(import.meta.dirname, f));
  return files.some((file) => filters.some((p) => file.includes(p) || file.includes(resolve(p))));
}

export default async function setup(project: TestProject) {
  if (!e2eSelected(project)) {
    project.provide('webUrl', '');
    project.provide('apiUrl', '');
    project.provide('moderator', MODERATOR);
    project.provide('mailDir', '');
    return;
  }

  // Vitest sets NODE_ENV=test, which would make Vite bundle Svelte's development runtime (about 10 KB
  // more JavaScript): the app is built as in production.
  if (buildIsStale()) await run(BIN('vite'), ['build'], { cwd: WEB, env: { ...process.env, NODE_ENV: 'production' } });

  const dir = mkdtempSync(join(tmpdir(), 'skillway-web-e2e-'));
  const databasePath = join(dir, 'skillway.db');
  await run(BIN('tsx'), ['indexer/src/cli.ts', '--db', databasePath], {
    cwd: ROOT,
    env: { ...process.env, MEILI_URL: '', CI: 'true' },
  });

  await createModerator(databasePath);

  let api: RunningApi | undefined;
  let web: ChildProcess | undefined;
  // A real SMTP server: sign-up and password reset mail arrive here, and the tests follow their links.
  const { startTestSmtpServer } = await import('../../store/src/mail/test-smtp-server');
  const mailDir = join(dir, 'mail');
  const smtp = await startTestSmtpServer({ dir: mailDir });
  try {
    const port = await freePort();
    const webUrl = `http://127.0.0.1:${port}`;
    // Imported here so unit-test-only runs do not load the API and its database driver.
    const { startApi } = await import('../../api/src/server');
    api = await startApi({
      handleSignals: false,
      env: {
        ...process.env,
        API_HOST: '127.0.0.1',
        API_PORT: '0',
        DATABASE_PATH: databasePath,
        MEILI_URL: '',
        LOG_LEVEL: 'warn',
        // Every page the browser opens costs the API a few calls from one address: no per-client limits here.
        RATE_LIMIT_PER_MINUTE: '0',
        SEARCH_RATE_LIMIT_PER_MINUTE: '0',
        WRITE_RATE_LIMIT_PER_MINUTE: '0',
        SMTP_URL: smtp.url,
        PUBLIC_WEB_URL: webUrl,
      },
    });

    let log = '';
    web = spawn(process.execPath, [join(WEB, 'build', 'index.js')], {
      cwd: ROOT,
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ORIGIN: webUrl, API_URL: api.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    web.stdout?.on('data', (d) => (log += d));
    web.stderr?.on('data', (d) => (log += d));
    await waitForHttp(webUrl, web, () => log);

    project.provide('webUrl', webUrl);
    project.provide('apiUrl', api.url);
    project.provide('moderator', MODERATOR);
    project.provide('mailDir', mailDir);
  } catch (error) {
    web?.kill();
    await api?.close();
    await smtp.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  return async () => {
    if (web && web.exitCode === null) {
      const exited = new Promise((r) => web!.once('exit', r));
      web.kill('SIGTERM');
      await exited;
    }
    await api?.close();
    await smtp.close();
    rmSync(dir, { recursive: true, force: true });
  };
}
