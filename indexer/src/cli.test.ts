import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dumpDatabase, fixtureListing, fixtureListings, writeDataDir } from './test-fixtures';

const REPO = resolve(import.meta.dirname, '../..');
const CLI = join(REPO, 'indexer/src/cli.ts');
const RUN_INDEXER = join(REPO, 'indexer/src/run-indexer.ts');
// tsx's loader by absolute URL: the children run in temp folders where `--import tsx` would not resolve.
const TSX = pathToFileURL(join(REPO, 'node_modules/tsx/dist/loader.mjs')).href;

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'skillway-cli-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Runs the real CLI in a child process (stdout and stderr are pipes, so not a TTY). */
function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const { DATABASE_PATH: _db, MEILI_URL: _url, ...clean } = process.env;
  const result = spawnSync(process.execPath, ['--import', TSX, CLI, ...args], {
    cwd: root,
    env: { ...clean, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run index', () => {
  it('indexes the data folder given relative to the working directory, with plain progress lines', () => {
    writeDataDir(fixtureListings(), undefined, join(root, 'data'));
    const run = cli(['--data', 'data', '--db', 'var/test.db']);
    expect(run.stderr).toMatch(/^validate: 4\/4 \(/m);
    expect(run.stderr).toMatch(/^listings: 4\/4 \(/m);
    expect(run.stderr).toMatch(/^search index: 4\/4 \(/m);
    expect(run.stdout).toMatch(/^Indexed 4 listings into var\/test\.db \(\d+\.\d MB\) in \d+\.\d s$/m);
    expect(run.stdout).toContain('  this run    4 inserted, 0 updated, 0 deleted, 0 unchanged');
    expect(run.stdout).toContain('  by kind     organisation 1, service 2, initiative 1');
    expect(run.stdout).toContain('  by country  BE 0, HU 0, IE 2, IT 0, NL 1, SK 0, SI 0, ES 0, GB 0, EU 1');
    expect(run.code).toBe(0);
    expect(existsSync(join(root, 'var/test.db'))).toBe(true);
  });

  it('defaults to ./data and DATABASE_PATH', () => {
    writeDataDir(fixtureListings(), undefined, join(root, 'data'));
    const run = cli([], { DATABASE_PATH: 'elsewhere/skillway.db' });
    expect(run.code).toBe(0);
    expect(existsSync(join(root, 'elsewhere/skillway.db'))).toBe(true);
  });

  it('prints every bad record on its own line, exits 1 and creates no database', () => {
    const records: unknown[] = fixtureListings();
    records[1] = { ...fixtureListings()[1], audiences: ['refugees', 'refugee'] };
    records.push({ ...fixtureListing('be-foo'), countries: ['NL'] });
    writeDataDir(records, undefined, join(root, 'data'));
    const run = cli(['--data', 'data', '--db', 'var/test.db']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      '\ndata/listings.json: record 2 (ie-org-service): audiences[1] "refugee" is not one of refugees, asylum-seekers, employers, service-providers\n' +
        'data/listings.json: record 5 (be-foo): id "be-foo" must start with "nl-" (its first country) or "eu-"\n' +
        '2 problems found; the database was not changed.\n',
    );
    expect(run.stdout).toBe('');
    expect(existsSync(join(root, 'var'))).toBe(false);
  });

  it('points at the line and column of broken JSON', () => {
    writeDataDir('[\n  {"id": "ie-a",\n   "kind" "service"}\n]', undefined, join(root, 'data'));
    const run = cli(['--data', 'data']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `data/listings.json: invalid JSON at line 3, column 11: expected ':' after a property name, found "\\""`,
    );
  });

  it('shows help, and refuses unknown options with exit code 2', () => {
    const help = cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: npm run index -- [--data <dir>] [--db <path>]');
    const bad = cli(['--dta', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Unknown option '--dta'");
  });

  it('leaves the previous database intact when the process is killed half-way through writing', () => {
    const dbPath = join(root, 'crash.db');
    writeDataDir(fixtureListings(), undefined, join(root, 'v1'));
    writeDataDir(
      Array.from({ length: 6_000 }, (_, i) => fixtureListing(`be-generated-${i}`)),
      undefined,
      join(root, 'v2'),
    );
    expect(cli(['--data', 'v1', '--db', dbPath]).code).toBe(0);
    const before = dumpDatabase(dbPath);

    // A real crash: the process kills itself (no handlers, no rollback) after 2,500 of 6,000 listings are written.
    mkdirSync(join(root, 'scripts'));
    const script = join(root, 'scripts', 'crash.mts');
    writeFileSync(
      script,
      `import { runIndexer } from ${JSON.stringify(RUN_INDEXER)};
      await runIndexer({
        dataDir: 'v2',
        dbPath: ${JSON.stringify(dbPath)},
        reporter: {
          stage: (name) => ({
            update(done) { if (name === 'listings' && done >= 2500) process.kill(process.pid, 'SIGKILL'); },
            end() {},
          }),
          close() {},
        },
      });
      console.log('not killed');`,
    );
    const crashed = spawnSync(process.execPath, ['--import', TSX, script], { cwd: root, encoding: 'utf8' });
    expect(crashed.signal).toBe('SIGKILL');
    expect(crashed.stdout).not.toContain('not killed');

    expect(dumpDatabase(dbPath)).toEqual(before);
  });
});
