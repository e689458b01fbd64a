import { sql, type Kysely } from 'kysely';
import type { DB } from '../database';
import { isPostgres } from '../migrations/dialect';

/**
 * The index generation: one number in the database (meta `search_generation`) that every change of
 * what search and match answer from increments, in the transaction that makes the change (the outbox
 * applying an approval, the indexer, a removal, a provider's confirmation). Every API instance's caches
 * (search answers, the match snapshot, the embedded engine's per-generation data) compare it, so a
 * change made through one instance is seen by all, whatever database they share.
 */
export const INDEX_GENERATION_KEY = 'search_generation';

/** The PostgreSQL channel a bump notifies (per database), so readers drop their cached generation. */
export const INDEX_GENERATION_CHANNEL = 'skillway_index_generation';

/**
 * Increments the generation (creating it at 1). One statement, so concurrent writers on Postgres queue
 * on the row lock and on SQLite on the write lock: no increment is lost. On PostgreSQL it also
 * notifies INDEX_GENERATION_CHANNEL, which the server delivers when the transaction commits (never for
 * one rolled back), so every instance's IndexGenerationReader reads the new value at its next request.
 */
export async function bumpIndexGeneration(db: Kysely<DB>): Promise<void> {
  if (isPostgres(db)) await sql`select pg_notify(${INDEX_GENERATION_CHANNEL}, '')`.execute(db);
  await db
    .insertInto('meta')
    .values({ key: INDEX_GENERATION_KEY, value: '1' })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ value: sql<string>`cast(cast(meta.value as bigint) + 1 as text)` }),
    )
    .execute();
}

/** The generation now, 0 when nothing has been indexed yet. One primary-key read. */
export async function readIndexGeneration(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', INDEX_GENERATION_KEY).executeTakeFirst();
  return row ? Number(row.value) : 0;
}
