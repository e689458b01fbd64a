import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  CompiledQuery,
  Kysely,
  Migrator,
  PostgresDialect,
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
import { CachingSqliteDatabase } from './sqlite-statement-cache';

export const DEFAULT_DATABASE_PATH = 'var/skillway.db';

export type StoreDialect = 'sqlite' | 'postgres';

interface StoreCommon {
  db: Kysely<DB>;
  dialect: StoreDialect;
  /** SQLite: the database file. PostgreSQL: the DATABASE_URL without its password (for logs). */
  path: string;
  close(): Promise<void>;
}
/** The default: one SQLite file, the embedded FTS5 search engine inside it. */
export interface SqliteStore extends StoreCommon {
  dialect: 'sqlite';
  /** The raw connection, for pragmas, backups and the few statements Kysely cannot express (FTS5). */
  sqlite: SQLite.Database;
}
/**
 * PostgreSQL (DATABASE_URL=postgres://…), for several API instances on one database. It has no raw
 * SQLite handle, so no embedded FTS5 engine, pragmas or VACUUM INTO: search goes to Meilisearch (with
 * a Postgres full-text fallback), backups to pg_dump.
 */
export interface PostgresStore extends StoreCommon {
  dialect: 'postgres';
  sqlite?: undefined;
}
/** Either database; narrow with `store.dialect` (or `store.sqlite`) before using SQLite-only parts. */
export type Store = SqliteStore | PostgresStore;

/** Where the database is: a PostgreSQL URL or a SQLite file. */
export type DatabaseLocation = { dialect: 'postgres'; url: string } | { dialect: 'sqlite'; path: string };

export interface OpenOptions {
  readonly?: boolean;
  /** Run pending migrations on open (default true; a read-only open never migrates). */
  migrate?: boolean;
}

/** Resolves DATABASE_PATH (default var/skillway.db) against the working directory. */
export function databasePathFromEnv(env: { DATABASE_PATH?: string }): string {
  return resolve(env.DATABASE_PATH || DEFAULT_DATABASE_PATH);
}

export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value);
}

/**
 * DATABASE_URL=postgres://… selects PostgreSQL; otherwise SQLite at DATABASE_PATH (the default). A
 * DATABASE_URL of any other kind is refused rather than silently ignored.
 */
export function databaseLocationFromEnv(env: { DATABASE_URL?: string; DATABASE_PATH?: string }): DatabaseLocation {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!isPostgresUrl(url)) throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
    return { dialect: 'postgres', url };
  }
  return { dialect: 'sqlite', path: databasePathFromEnv(env) };
}

/** The URL without its password, for logs and messages. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
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

/** Opens the database the environment names (see databaseLocationFromEnv). */
export function openStoreFromEnv(
  env: { DATABASE_URL?: string; DATABASE_PATH?: string },
  options: OpenOptions = {},
): Promise<Store> {
  return openStoreAt(databaseLocationFromEnv(env), options);
}

/** Opens a PostgreSQL URL or a SQLite file. */
export function openStoreAt(location: DatabaseLocation | string, options: OpenOptions = {}): Promise<Store> {
  const where =
    typeof location === 'string'
      ? isPostgresUrl(location)
        ? ({ dialect: 'postgres', url: location } as const)
        : ({ dialect: 'sqlite', path: location } as const)
      : location;
  return where.dialect === 'postgres' ? openPostgresStore(where.url, options) : openStore(where.path, options);
}

/** Opens (and by default migrates) the SQLite database at `path`. */
export async function openStore(path: string, options: OpenOptions = {}): Promise<SqliteStore> {
  if (path !== ':memory:' && !options.readonly) mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  if (!options.readonly) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // Kysely prepares every query anew; the connection it sees keeps the statements it prepared.
  const database = new CachingSqliteDatabase(sqlite);
  // A read-only connection cannot take the write lock, and has no writes to order.
  const dialect = options.readonly
    ? new SqliteDialect({ database })
    : new ImmediateTransactionDialect({ database });
  const db = new Kysely<DB>({ dialect });
  if (!options.readonly && options.migrate !== false) await migrateToLatest(db);
  return {
    db,
    dialect: 'sqlite',
    sqlite,
    path,
    close: async () => {
      await db.destroy(); // closes the better-sqlite3 connection too
    },
  };
}

export interface PostgresOptions extends OpenOptions {
  /** connections in the pool (default 10) */
  maxConnections?: number;
}

/**
 * pg returns 64-bit integers (count(*), sum() of integers) and numerics as strings, since they may not
 * fit a JavaScript number. Every such value here is a count or a small sum, and the repositories expect
 * numbers as better-sqlite3 gives them, so they are parsed as numbers.
 */
const PG_INT8 = 20;
const PG_NUMERIC = 1700;
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === PG_INT8 || oid === PG_NUMERIC
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** Opens (and by default migrates) the PostgreSQL database at `url` through a connection pool. */
export async function openPostgresStore(url: string, options: PostgresOptions = {}): Promise<PostgresStore> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    types: pgTypes,
    application_name: 'skillway',
    // Read-only for every connection of the pool, not only the first.
    ...(options.readonly ? { options: '-c default_transaction_read_only=on' } : {}),
  });
  // An idle connection that the server drops (restart, failover) must not crash the process.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (!options.readonly && options.migrate !== false) await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return {
    db,
    dialect: 'postgres',
    path: redactDatabaseUrl(url),
    close: async () => {
      await db.destroy(); // ends the pool
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
