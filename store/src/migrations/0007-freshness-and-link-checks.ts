import { sql, type Kysely } from 'kysely';

/**
 * Freshness: when a listing's provider last confirmed it is right, and which reminders they were sent.
 * Link checks: the last HTTP answer for each listing's url and source_url (status, redirect target or
 * the error), so moderators see the broken ones.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('listing_freshness')
    .addColumn('listing_id', 'text', (c) => c.primaryKey())
    .addColumn('confirmed_at', 'text')
    .addColumn('confirmed_by', 'integer', (c) => c.references('user_account.id').onDelete('set null'))
    .addColumn('reminded_6m_at', 'text')
    .addColumn('reminded_9m_at', 'text')
    .execute();
  await db.schema
    .createTable('link_check')
    .addColumn('listing_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull().check(sql`field in ('url', 'source_url')`))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('status', 'integer')
    .addColumn('location', 'text')
    .addColumn('error', 'text')
    .addColumn('broken', 'integer', (c) => c.notNull())
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('link_check_pk', ['listing_id', 'field'])
    .execute();
  await db.schema.createIndex('link_check_broken_idx').on('link_check').columns(['broken', 'listing_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists link_check`.execute(db);
  await sql`drop table if exists listing_freshness`.execute(db);
}
