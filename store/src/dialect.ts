import { PostgresAdapter, sql, type Expression, type Kysely, type RawBuilder } from 'kysely';

/**
 * The few SQL spellings that differ between SQLite and PostgreSQL, for the repositories (the
 * migrations have theirs in migrations/dialect.ts). Everything else is written once, with Kysely's
 * builders, and runs on both.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any database schema
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** The largest of several values: SQLite's many-argument max(), PostgreSQL's greatest(). None may be null. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function greatest<T>(db: Kysely<any>, values: readonly Expression<unknown>[]): RawBuilder<T> {
  return isPostgres(db) ? sql<T>`greatest(${sql.join(values)})` : sql<T>`max(${sql.join(values)})`;
}

/**
 * Bound-parameter markers for hand-built SQL text: `?` on SQLite, `$1, $2, …` on PostgreSQL (numbered
 * from `first`).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function parameterMarker(db: Kysely<any>): (index: number) => string {
  return isPostgres(db) ? (index) => `$${index + 1}` : () => '?';
}
