import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';

/**
 * Backups of the SQLite database (the source of truth) while the API runs, and restores from them.
 *
 * A backup is `VACUUM INTO`: one read transaction, so the copy is the database as of one instant even
 * while the API keeps writing (WAL readers never block writers, and writers never block it), and it is
 * compact, with the WAL folded in. It is written under a temporary name, checked with
 * `PRAGMA integrity_check`, and only then renamed into place, so a file with the backup's name is
 * always a whole, checked database.
 */

export interface DatabaseSummary {
  /** listings that are live (approved or loaded from data/) */
  listings: number;
  submissions: number;
  users: number;
  bytes: number;
}

export interface BackupResult extends DatabaseSummary {
  path: string;
  ms: number;
}

export class BackupError extends Error {
  override name = 'BackupError';
}

function tableCount(db: SQLite.Database, table: string): number {
  const exists = db.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(table);
  return exists ? (db.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n : 0;
}

/** Opens a database file read-only and checks it: integrity, then what it holds. Throws BackupError. */
export function checkDatabaseFile(path: string): DatabaseSummary {
  if (!existsSync(path)) throw new BackupError(`${path} does not exist`);
  let db: SQLite.Database;
  try {
    db = new SQLite(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${path} cannot be opened as a SQLite database: ${(error as Error).message}`);
  }
  try {
    let lines: string[];
    try {
      lines = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    } catch (error) {
      throw new BackupError(`${path} is not a usable SQLite database: ${(error as Error).message}`);
    }
    if (lines.length !== 1 || lines[0] !== 'ok') {
      throw new BackupError(`${path} fails the integrity check: ${lines.slice(0, 5).join('; ')}`);
    }
    if (!tableCount(db, 'kysely_migration') && !tableCount(db, 'listing')) {
      throw new BackupError(`${path} is not a Skillway database (no listing table)`);
    }
    return {
      listings: tableCount(db, 'listing'),
      submissions: tableCount(db, 'submission'),
      users: tableCount(db, 'user'),
      bytes: statSync(path).size,
    };
  } finally {
    db.close();
  }
}

/**
 * Copies the live database at `sourcePath` into `targetPath` (which must not exist), consistently,
 * while other connections keep reading and writing it.
 */
export async function backupDatabase(sourcePath: string, targetPath: string): Promise<BackupResult> {
  const started = performance.now();
  const source = resolve(sourcePath);
  const target = resolve(targetPath);
  if (!existsSync(source)) throw new BackupError(`no database at ${source}`);
  if (existsSync(target)) throw new BackupError(`${target} exists already: choose a new name for the backup`);
  await mkdir(dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  const db = new SQLite(source, { fileMustExist: true });
  try {
    // The API may hold the write lock for a moment; a read transaction only needs it not to be mid-checkpoint.
    db.pragma('busy_timeout = 10000');
    db.prepare('VACUUM INTO ?').run(partial);
  } catch (error) {
    rmSync(partial, { force: true });
    throw new BackupError(`the backup of ${source} failed: ${(error as Error).message}`);
  } finally {
    db.close();
  }
  let summary: DatabaseSummary;
  try {
    summary = checkDatabaseFile(partial);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  renameSync(partial, target);
  return { ...summary, path: target, ms: Math.round(performance.now() - started) };
}

export interface RestoreResult extends DatabaseSummary {
  path: string;
  ms: number;
  /** where the database that was replaced went, if there was one */
  previous: string | null;
}

/**
 * Puts a backup in place as the database at `targetPath`. The backup is checked first; an existing
 * database is kept beside it as `<name>.before-restore-<time>` (never deleted), and only with `force`.
 * Stop the API first: a running API keeps its open file and would not see the restored one.
 */
export async function restoreDatabase(
  backupPath: string,
  targetPath: string,
  options: { force?: boolean; now?: Date } = {},
): Promise<RestoreResult> {
  const started = performance.now();
  const backup = resolve(backupPath);
  const target = resolve(targetPath);
  checkDatabaseFile(backup);
  const hadTarget = existsSync(target);
  if (hadTarget && !options.force) {
    throw new BackupError(`${target} exists: stop the API, then run again with --force to replace it`);
  }
  await mkdir(dirname(target), { recursive: true });
  const partial = `${target}.restoring`;
  rmSync(partial, { force: true });
  await copyFile(backup, partial);
  const summary = checkDatabaseFile(partial);
  let previous: string | null = null;
  if (hadTarget) {
    // Fold the old WAL into the old file so the kept copy is whole, then move it aside.
    const old = new SQLite(target, { fileMustExist: true });
    try {
      old.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      old.close();
    }
    previous = `${target}.before-restore-${(options.now ?? new Date()).toISOString().replace(/[:.]/g, '-')}`;
    renameSync(target, previous);
  }
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${target}${suffix}`, { force: true });
  renameSync(partial, target);
  return { ...summary, path: target, previous, ms: Math.round(performance.now() - started) };
}
