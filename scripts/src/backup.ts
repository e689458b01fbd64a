import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  backupDatabase,
  BackupError,
  databasePathFromEnv,
  type DatabaseSummary,
  restoreDatabase,
} from '@skillway/store';
import { scriptsEnv } from './config';

export const BACKUP_USAGE = `Usage: npm run backup -- [--db <path>] [--out <file>]

Copies the database (--db, else DATABASE_PATH, else var/skillway.db) into a new file, consistently
while the API runs (SQLite VACUUM INTO), checks the copy (PRAGMA integrity_check) and prints what it
holds. The copy is --out, else var/backups/skillway-<UTC time>.db. Exit 0 done, 1 failed, 2 bad usage.`;

export const RESTORE_USAGE = `Usage: npm run restore -- <backup file> [--db <path>] [--force]

Checks the backup, then puts it in place as the database (--db, else DATABASE_PATH, else
var/skillway.db). Stop the API first. An existing database is replaced only with --force, and is kept
beside it as <name>.before-restore-<time>. Exit 0 done, 1 failed, 2 bad usage.`;

export interface Io {
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  now?: () => Date;
}

const describe = (s: DatabaseSummary) =>
  `${s.listings} live listings, ${s.submissions} submissions, ${s.users} accounts, ${(s.bytes / 1048576).toFixed(1)} MB`;

/** With DATABASE_URL the database is PostgreSQL, which this SQLite copy cannot back up (nor the SQLite file matter). */
const ON_POSTGRES =
  'DATABASE_URL is set: the database is PostgreSQL, which pg_dump and pg_restore back up and restore ' +
  '(README, "Deploying on PostgreSQL"). Name a SQLite file with --db to use this command anyway.';

function usageError(io: Io, message: string, usage: string): number {
  io.stderr.write(`${message}\n\n${usage}\n`);
  return 2;
}

export async function backupCli(argv: string[], io: Io): Promise<number> {
  let values: { db?: string; out?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { db: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    return usageError(io, (error as Error).message, BACKUP_USAGE);
  }
  if (values.help) {
    io.stdout.write(`${BACKUP_USAGE}\n`);
    return 0;
  }
  if (!values.db && io.env.DATABASE_URL) return usageError(io, ON_POSTGRES, BACKUP_USAGE);
  const db = values.db ? resolve(values.db) : databasePathFromEnv(io.env);
  const stamp = (io.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
  const out = values.out ? resolve(values.out) : resolve(join('var', 'backups', `skillway-${stamp}.db`));
  try {
    const result = await backupDatabase(db, out);
    io.stdout.write(
      `Backed up ${db}\n      to ${result.path}\n      in ${result.ms} ms: ${describe(result)}; integrity ok\n`,
    );
    return 0;
  } catch (error) {
    io.stderr.write(`${error instanceof BackupError ? error.message : String(error)}\n`);
    return 1;
  }
}

export async function restoreCli(argv: string[], io: Io): Promise<number> {
  let parsed: { values: { db?: string; force?: boolean; help?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { db: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    return usageError(io, (error as Error).message, RESTORE_USAGE);
  }
  if (parsed.values.help) {
    io.stdout.write(`${RESTORE_USAGE}\n`);
    return 0;
  }
  if (parsed.positionals.length !== 1) return usageError(io, 'Name one backup file.', RESTORE_USAGE);
  if (!parsed.values.db && io.env.DATABASE_URL) return usageError(io, ON_POSTGRES, RESTORE_USAGE);
  const db = parsed.values.db ? resolve(parsed.values.db) : databasePathFromEnv(io.env);
  try {
    const result = await restoreDatabase(parsed.positionals[0]!, db, { force: parsed.values.force, now: io.now?.() });
    io.stdout.write(
      `Restored ${resolve(parsed.positionals[0]!)}\n      as ${result.path}\n      in ${result.ms} ms: ${describe(result)}; integrity ok\n` +
        (result.previous ? `The database it replaced is kept as ${result.previous}\n` : '') +
        'With Meilisearch, rebuild its index from the restored database before starting the API.\n',
    );
    return 0;
  } catch (error) {
    io.stderr.write(`${error instanceof BackupError ? error.message : String(error)}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const io = { env: scriptsEnv(), stdout: process.stdout, stderr: process.stderr };
  const [command, ...rest] = process.argv.slice(2);
  process.exitCode = command === 'restore' ? await restoreCli(rest, io) : await backupCli(rest, io);
}
