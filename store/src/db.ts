import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  Migrator,
  sql,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type MigrationResultSet,
  type SqliteDialectConfig,
} from 'kysely';
import type { DB } from './database';
import { migrationProvider } from './migrations';

export const DEFAULT_DATABASE_PATH = 'var/skillway.db';

export interface Store {
  db: Kysely<DB>;
  /** The raw connection, for pragmas, backups and the few statements Kysely cannot express (FTS5). */
  sqlite: SQLite.Database;
  path: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  readonly?: boolean;
  /** Run pending migrations on open (default true; a read-only open never migrates). */
  migrate?: boolean;
}

/** Resolves DATABASE_PATH (default var/skillway.db) against the working directory. */
export function databasePathFromEnv(env: { DATABASE_PATH?: string }): string {
  return resolve(env.DATABASE_PATH || DEFAULT_DATABASE_PATH);
}

/**
 * Transactions take the write lock when they begin (BEGIN IMMEDIATE), not at their first write.
 * Several API processes share one database file (one per core, api/src/cluster.ts): a deferred
 * transaction that read first and then writes cannot wait for another process's write lock, so SQLite
 * answers SQLITE_BUSY at once, busy_timeout or not (the soak saw approvals fail with 500 that way).
 * Beginning immediately makes the second writer wait up to busy_timeout instead.
 */
class ImmediateTransactionDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateTransactionDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateTransactionDriver(this.#config);
  }
}

export async function openStore(path: string, options: OpenOptions = {}): Promise<Store> {
  if (path !== ':memory:' && !options.readonly) mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  if (!options.readonly) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // A read-only connection cannot take the write lock, and has no writes to order.
  const dialect = options.readonly
    ? new SqliteDialect({ database: sqlite })
    : new ImmediateTransactionDialect({ database: sqlite });
  const db = new Kysely<DB>({ dialect });
  if (!options.readonly && options.migrate !== false) await migrateToLatest(db);
  return {
    db,
    sqlite,
    path,
    close: async () => {
      await db.destroy(); // closes the better-sqlite3 connection too
    },
  };
}

export async function migrateToLatest(db: Kysely<DB>): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${String(result.error)}`, { cause: result.error });
  }
  return result;
}

/** Whether the database answers a query at all (for /ready); never throws. */
export function databaseAnswers(db: Kysely<DB>): Promise<boolean> {
  return sql`select 1 as one`
    .execute(db)
    .then(() => true)
    .catch(() => false);
}
