import { sql, type Kysely } from 'kysely';

/**
 * Several API instances on one database (issue 20):
 * - outbox rows are claimed before they are applied: `claimed_by` says which worker holds a row and
 *   `lease_until` until when; a row whose lease has passed (its worker crashed) is claimable again.
 * - the index generation (meta `search_generation`, which every instance's caches compare) becomes a
 *   number that each listing change increments in its own transaction, instead of a random UUID: a
 *   counter can be incremented in SQL on both databases and says which of two generations is newer.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('claimed_by', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('lease_until', 'text').execute();
  // Whatever the generation was (a UUID), it becomes 1: a new value, so every cache reloads once.
  await sql`update meta set value = '1' where key = 'search_generation'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('lease_until').execute();
  await db.schema.alterTable('outbox').dropColumn('claimed_by').execute();
}
