/**
 * `npm start`: the whole directory on one machine. Compiles the API and the indexer into dist/ when a
 * source changed (about a second), indexes the bundled data when the database is missing, builds the
 * web app the first time, then runs the API (compiled, one process per core: api/src/cluster.ts) and
 * the web server side by side and stops both when either stops or on Ctrl-C / SIGTERM.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { ensureServerBuild, programPath } from './src/build-server';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env };
env.API_PORT ??= '8080';
env.PORT ??= '3000';
env.API_URL ??= `http://127.0.0.1:${env.API_PORT}`;
env.DATABASE_PATH ??= 'var/skillway.db';
// The web app and the API run on this machine: the API believes the web server's X-Forwarded-For, so
// each visitor keeps their own rate-limit bucket (see README, Trusted proxies).
env.TRUST_PROXY ??= 'loopback';

console.log(`\n> ${await ensureServerBuild()}`);

function runOnce(label: string, command: string, args: string[]): void {
  console.log(`\n> ${label}`);
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n${label} failed (exit ${result.status ?? result.signal}). Nothing was started.`);
    process.exit(result.status ?? 1);
  }
}

if (!existsSync(join(root, env.DATABASE_PATH))) {
  runOnce(`No database at ${env.DATABASE_PATH}: indexing the bundled data`, process.execPath, [programPath('indexer')]);
}
if (!existsSync(join(root, 'web', 'build', 'index.js'))) {
  runOnce('Building the web app (first start only)', 'npm', ['run', 'build', '-w', 'web']);
}

const children: ChildProcess[] = [];
let stopping = false;

function stopAll(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 5000).unref();
  Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null))).then(() =>
    process.exit(code),
  );
}

function launch(name: string, command: string, args: string[]): void {
  const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
  children.push(child);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`\n${name} stopped (${signal ?? `exit ${code}`}); stopping the rest.`);
      stopAll(code || 1);
    }
  });
}

launch('API', process.execPath, [programPath('api')]);
launch('web', process.execPath, ['web/build/index.js']);

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

async function waitFor(url: string, timeoutMs = 60_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

const [apiUp, webUp] = await Promise.all([
  waitFor(`${env.API_URL}/api/v1/health`),
  waitFor(`http://127.0.0.1:${env.PORT}/`),
]);
if (apiUp && webUp) {
  console.log(`\nSkillway is running:
  directory      http://localhost:${env.PORT}
  API            http://localhost:${env.API_PORT}/api/v1   (docs: /api/v1/docs; ${env.API_WORKERS || availableParallelism()} processes, API_WORKERS)
  search engine  ${env.MEILI_URL ? `Meilisearch at ${env.MEILI_URL}` : 'embedded (SQLite FTS5)'}
Press Ctrl-C to stop.`);
}
