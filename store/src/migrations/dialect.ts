import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';
import { isPostgres } from '../dialect';

export { isPostgres };

/**
 * What differs between SQLite and PostgreSQL in the migrations, in one place. Every migration runs on
 * both; SQLite's schema stays exactly as it was before PostgreSQL came (migrations.test.ts holds it),
 * so each helper returns SQLite's original text unchanged and PostgreSQL's equivalent.
 *
 * Types are kept the same on both where the repositories read them: text timestamps (ISO 8601 UTC,
 * compared as strings), integers for booleans (0/1), JSON as text.
 */

/** The current time as text, the way the repositories write it: 2026-12-06T09:30:00.123Z. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function nowText(db: Kysely<any>) {
  return isPostgres(db)
    ? sql`(to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`
    : sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
}

/**
 * An integer id the database assigns: SQLite's `integer primary key` (the rowid); on PostgreSQL an
 * identity column that still accepts explicit ids (for copying a SQLite database over).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function generatedId(db: Kysely<any>) {
  return (column: ColumnDefinitionBuilder) =>
    isPostgres(db) ? column.primaryKey().generatedByDefaultAsIdentity() : column.primaryKey();
}

/** SQLite's clustered tables; PostgreSQL has no such option (its tables are heaps with a primary key index). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function withoutRowid(db: Kysely<any>) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return <T extends CreateTableBuilder<any, any>>(table: T): T =>
    isPostgres(db) ? table : (table.modifyEnd(sql`without rowid`) as T);
}

/** A 64-bit float: SQLite's `real` is one; PostgreSQL's `real` is 32-bit, too coarse for coordinates. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function floatType(db: Kysely<any>): 'real' | 'double precision' {
  return isPostgres(db) ? 'double precision' : 'real';
}
