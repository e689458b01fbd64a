import { PostgresAdapter, type Kysely } from 'kysely';

/**
 * Whether a Kysely handle (or transaction) talks to PostgreSQL: the few statements that differ
 * (`FOR UPDATE SKIP LOCKED`, LISTEN/NOTIFY) ask this instead of carrying a flag around.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any database's handle
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
