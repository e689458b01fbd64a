import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { tokenize } from '@skillway/core';
import {
  databasePathFromEnv,
  isPostgresUrl,
  openPostgresStore,
  openStore,
  redactDatabaseUrl,
  type DB,
  type PostgresStore,
  type SqliteStore,
} from '@skillway/store';
import { rebuildPostgresSearchIndex } from '@skillway/store/search';
import { scriptsEnv, type ScriptsEnv } from './config';

export const MIGRATE_USAGE = `Usage: npm run migrate:to-postgres -- --from <sqlite file> --to <postgres://user:pass@host:5432/db>

Copies every table of a Skillway SQLite database (--from, else DATABASE_PATH, else var/skillway.db)
into an empty PostgreSQL database (--to, else DATABASE_URL), in one transaction: the target is migrated
first, then the tables are copied parents before children, identity sequences are moved past the
copied ids, the row count of every table is compared, and PostgreSQL's full-text search index is
built. Nothing is kept unless everything succeeded. A target that holds any row is refused.
The SQLite database is migrated to the latest schema first, as the API does when it starts.
SQLite's embedded search index is not copied (PostgreSQL has its own; Meilisearch's index is rebuilt
from PostgreSQL by \`npm run index\` with DATABASE_URL and MEILI_URL set).
Exit 0 done, 1 failed (nothing written), 2 bad usage.`;

export interface Io {
  env: Pick<ScriptsEnv, 'DATABASE_PATH' | 'DATABASE_URL'>;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export class MigrateError extends Error {}

export interface TableCopy {
  table: string;
  rows: number;
}

export interface CopyReport {
  /** in the order copied (parents first) */
  tables: TableCopy[];
  /** SQLite tables PostgreSQL does not have: the embedded search index (FTS5 and its bitmaps) */
  skipped: string[];
  /** identity columns whose sequence was set past the copied ids, as table.column */
  sequences: string[];
  searchDocuments: number;
  ms: number;
}

export type Progress = (event: { table: string; done: number; total: number }) => void;

/** Kysely's own bookkeeping: the target's migrations ran already and are recorded there. */
const NOT_COPIED = new Set(['kysely_migration', 'kysely_migration_lock']);
/**
 * Tables PostgreSQL has and SQLite does not, built here from the copied tables: the full-text engine's
 * index, and the words of occupation labels (PostgreSQL's stand-in for SQLite's FTS5 label index, which
 * replaceTaxonomy fills the same way: core's tokenize per label).
 */
const BUILT_HERE = new Set(['pg_search_doc', 'occupation_label_word']);
/** PostgreSQL's limit is 65,535 parameters per statement. */
const MAX_PARAMETERS = 30_000;

interface ForeignKey {
  child: string;
  parent: string;
  childColumn: string;
  parentColumn: string;
  deferrable: boolean;
}

/**
 * Copies `source` into `target` (already migrated, and empty) in one PostgreSQL transaction. Reads the
 * SQLite database inside one read transaction, so a running API's writes meanwhile are either all in
 * the copy or none.
 */
export async function copySqliteToPostgres(
  source: SqliteStore,
  target: PostgresStore,
  onProgress?: Progress,
): Promise<CopyReport> {
  const started = performance.now();
  const sqliteTables = (
    source.sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").all() as {
      name: string;
    }[]
  ).map((r) => r.name);
  const pgTables = (
    await sql<{ name: string }>`select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(target.db)
  ).rows.map((r) => r.name);
  const copied = sqliteTables.filter((t) => pgTables.includes(t) && !NOT_COPIED.has(t));
  const skipped = sqliteTables.filter((t) => !pgTables.includes(t) && !NOT_COPIED.has(t)).sort();
  const missing = pgTables.filter((t) => !sqliteTables.includes(t) && !NOT_COPIED.has(t) && !BUILT_HERE.has(t));
  if (missing.length > 0)
    throw new MigrateError(
      `the SQLite database has no table ${missing.join(', ')}: it is from another version of Skillway than the target`,
    );

  const nonEmpty: string[] = [];
  for (const table of [...copied, ...BUILT_HERE])
    if (
      (await sql<{ found: boolean }>`select exists (select 1 from ${sql.table(table)}) as found`.execute(target.db))
        .rows[0]!.found
    )
      nonEmpty.push(table);
  if (nonEmpty.length > 0)
    throw new MigrateError(
      `the target database is not empty (rows in ${nonEmpty.join(', ')}): copy into a new, empty database`,
    );

  const keys = await foreignKeys(target.db);
  const order = parentsFirst(copied, keys);
  const columns = new Map<string, string[]>();
  for (const table of order) columns.set(table, await copyableColumns(source, target.db, table));

  const tables: TableCopy[] = [];
  let sequences: string[] = [];
  let searchDocuments = 0;
  source.sqlite.exec('begin');
  try {
    await target.db.transaction().execute(async (trx) => {
      for (const table of order) {
        const cols = columns.get(table)!;
        const total = countSqlite(source, table);
        const selfKey = keys.find((k) => k.child === table && k.parent === table && !k.deferrable);
        let done = 0;
        onProgress?.({ table, done, total });
        for (const batch of readBatches(source, table, cols, selfKey)) {
          await insertBatch(trx, table, cols, batch);
          done += batch.length;
          onProgress?.({ table, done, total });
        }
        tables.push({ table, rows: total });
      }
      sequences = await resetIdentitySequences(trx, order);
      // Every table as many rows as in SQLite, before anything is committed.
      for (const { table, rows } of tables) {
        const copiedRows = Number(
          (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(trx)).rows[0]!.n,
        );
        if (copiedRows !== rows)
          throw new MigrateError(`${table}: ${copiedRows} rows in PostgreSQL, ${rows} in SQLite; nothing was kept`);
      }
      await buildOccupationLabelWords(trx);
      await rebuildPostgresSearchIndex(trx, (n) => (searchDocuments = n));
    });
  } finally {
    source.sqlite.exec('commit');
  }
  return { tables, skipped, sequences, searchDocuments, ms: Math.round(performance.now() - started) };
}

async function buildOccupationLabelWords(db: Kysely<DB>): Promise<void> {
  const labels = await db.selectFrom('occupation_label').select(['id', 'label']).orderBy('id').execute();
  const words = labels.flatMap(({ id, label }) =>
    tokenize(label).map((word, position) => [id, position, word] as unknown[]),
  );
  for (let i = 0; i < words.length; i += 10_000)
    await insertBatch(db, 'occupation_label_word', ['label_id', 'position', 'word'], words.slice(i, i + 10_000));
}

function countSqlite(source: SqliteStore, table: string): number {
  return (source.sqlite.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
}

/** The target's columns that SQLite has too; a SQLite column PostgreSQL lacks is a schema mismatch. */
async function copyableColumns(source: SqliteStore, db: Kysely<DB>, table: string): Promise<string[]> {
  const sqliteColumns = (
    source.sqlite.prepare(`select name from pragma_table_info(?)`).all(table) as { name: string }[]
  ).map((r) => r.name);
  const pgColumns = (
    await sql<{ name: string }>`select column_name as name from information_schema.columns
      where table_schema = current_schema() and table_name = ${table} and is_generated = 'NEVER'`.execute(db)
  ).rows.map((r) => r.name);
  const unknown = sqliteColumns.filter((c) => !pgColumns.includes(c));
  if (unknown.length > 0)
    throw new MigrateError(`${table}: PostgreSQL has no column ${unknown.join(', ')} (another version of Skillway?)`);
  return sqliteColumns;
}

async function foreignKeys(db: Kysely<DB>): Promise<ForeignKey[]> {
  return (
    await sql<ForeignKey>`select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent,
        a.attname as "childColumn", p.attname as "parentColumn", c.condeferrable as deferrable
      from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      join pg_attribute p on p.attrelid = c.confrelid and p.attnum = c.confkey[1]
      where c.contype = 'f' and c.connamespace = current_schema()::regnamespace`.execute(db)
  ).rows;
}

/** Tables in foreign-key order (a table after every table it references), ties by name. */
export function parentsFirst(
  tables: readonly string[],
  keys: readonly Pick<ForeignKey, 'child' | 'parent'>[],
): string[] {
  const pending = new Set(tables);
  const order: string[] = [];
  while (pending.size > 0) {
    const ready = [...pending]
      .filter((t) => !keys.some((k) => k.child === t && k.parent !== t && pending.has(k.parent)))
      .sort();
    if (ready.length === 0) throw new MigrateError(`foreign keys form a cycle among ${[...pending].join(', ')}`);
    for (const t of ready) {
      order.push(t);
      pending.delete(t);
    }
  }
  return order;
}

/**
 * The table's rows in batches. A table that references itself through a constraint checked at once
 * (isco_group.parent_code) is read whole and ordered parents first; a deferrable one (listing's
 * organisation) is checked at commit, so any order does.
 */
function* readBatches(
  source: SqliteStore,
  table: string,
  columns: readonly string[],
  selfKey: ForeignKey | undefined,
): Generator<unknown[][]> {
  const size = Math.max(1, Math.min(1_000, Math.floor(MAX_PARAMETERS / columns.length)));
  const statement = source.sqlite
    .prepare(`select ${columns.map((c) => `"${c}"`).join(', ')} from "${table}"`)
    .raw(true);
  if (selfKey) {
    const rows = statement.all() as unknown[][];
    const ordered = selfReferenceOrder(
      rows,
      columns.indexOf(selfKey.childColumn),
      columns.indexOf(selfKey.parentColumn),
      table,
    );
    for (let i = 0; i < ordered.length; i += size) yield ordered.slice(i, i + size);
    return;
  }
  let batch: unknown[][] = [];
  for (const row of statement.iterate() as Iterable<unknown[]>) {
    batch.push(row);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** Rows ordered so that each row's parent (another row of the table) comes before it. */
export function selfReferenceOrder(rows: unknown[][], child: number, parent: number, table = 'table'): unknown[][] {
  const placed = new Set<unknown>();
  const keys = new Set(rows.map((r) => r[parent]));
  let pending = rows;
  const out: unknown[][] = [];
  while (pending.length > 0) {
    const next: unknown[][] = [];
    for (const row of pending) {
      const ref = row[child];
      if (ref === null || ref === undefined || placed.has(ref) || !keys.has(ref)) {
        out.push(row);
        placed.add(row[parent]);
      } else next.push(row);
    }
    if (next.length === pending.length) throw new MigrateError(`${table}: rows reference each other in a cycle`);
    pending = next;
  }
  return out;
}

async function insertBatch(
  db: Kysely<DB>,
  table: string,
  columns: readonly string[],
  rows: unknown[][],
): Promise<void> {
  await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.id(c)))})
    values ${sql.join(rows.map((row) => sql`(${sql.join(row)})`))}`.execute(db);
}

/** Identity columns continue after the largest copied id (a new account gets max(id) + 1). */
async function resetIdentitySequences(db: Kysely<DB>, tables: readonly string[]): Promise<string[]> {
  const identities = (
    await sql<{ table: string; column: string }>`select c.relname as table, a.attname as column
      from pg_attribute a join pg_class c on c.oid = a.attrelid
      where a.attidentity in ('a', 'd') and c.relnamespace = current_schema()::regnamespace`.execute(db)
  ).rows.filter((r) => tables.includes(r.table));
  for (const { table, column } of identities) {
    await sql`select setval(pg_get_serial_sequence(${table}, ${column}),
      coalesce((select max(${sql.id(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(db);
  }
  return identities.map((i) => `${i.table}.${i.column}`).sort();
}

function usageError(io: Io, message: string): number {
  io.stderr.write(`${message}\n\n${MIGRATE_USAGE}\n`);
  return 2;
}

export async function migrateCli(argv: string[], io: Io): Promise<number> {
  let values: { from?: string; to?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { from: { type: 'string' }, to: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    return usageError(io, (error as Error).message);
  }
  if (values.help) {
    io.stdout.write(`${MIGRATE_USAGE}\n`);
    return 0;
  }
  const from = values.from ? resolve(values.from) : databasePathFromEnv(io.env);
  const to = values.to ?? io.env.DATABASE_URL;
  if (!to) return usageError(io, '--to is required (or DATABASE_URL): the PostgreSQL database to copy into');
  if (!isPostgresUrl(to)) return usageError(io, `--to must be a postgres:// URL, not ${JSON.stringify(to)}`);
  if (isPostgresUrl(from)) return usageError(io, '--from is the SQLite file to copy from');

  let source: SqliteStore | undefined;
  let target: PostgresStore | undefined;
  try {
    source = await openStore(from);
    target = await openPostgresStore(to, { maxConnections: 2 });
    io.stderr.write(`Copying ${from}\n   into ${redactDatabaseUrl(to)}\n`);
    let last = '';
    const report = await copySqliteToPostgres(source, target, ({ table, done, total }) => {
      // One line per table, and one per 10,000 rows of the big ones.
      const line =
        done === total
          ? `  ${table}: ${total} rows\n`
          : done > 0 && done % 10_000 < 1_000
            ? `  ${table}: ${done}/${total}\n`
            : '';
      if (line && line !== last) io.stderr.write((last = line));
    });
    const rows = report.tables.reduce((n, t) => n + t.rows, 0);
    io.stdout.write(
      `Copied ${report.tables.length} tables, ${rows} rows, in ${(report.ms / 1000).toFixed(1)} s; row counts match.\n` +
        `PostgreSQL full-text index: ${report.searchDocuments} listings. Sequences set: ${report.sequences.length}.\n` +
        `Not copied (SQLite's embedded search index; PostgreSQL has its own): ${report.skipped.length} tables.\n` +
        `Next: set DATABASE_URL, then rebuild Meilisearch's index from PostgreSQL (npm run index with MEILI_URL set).\n`,
    );
    return 0;
  } catch (error) {
    io.stderr.write(`migrate:to-postgres failed, nothing was written: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await source?.close();
    await target?.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await migrateCli(process.argv.slice(2), {
    env: scriptsEnv(),
    stdout: process.stdout,
    stderr: process.stderr,
  });
}
