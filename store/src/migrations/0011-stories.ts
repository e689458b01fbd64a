import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect';

/**
 * Success stories (issue 19): seeded from data/stories.json (`origin` data) or submitted by signed-in
 * providers and employers (`origin` submission, `pending` until a moderator publishes or rejects them).
 * Texts per language and the listings a story went through live in their own tables; `story_fts` is the
 * stories' own full-text index (published stories only), kept apart from the listing engines.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('story')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('teller', 'text', (c) => c.notNull().check(sql`teller in ('refugee', 'employer', 'provider-on-behalf')`))
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('occupation', 'text')
    .addColumn('took_months', 'integer')
    .addColumn('text_lang', 'text', (c) => c.notNull())
    .addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0))
    // a published page (url, date or 'not-shown', publisher, lang) or "told to" with the consent date
    .addColumn('source_url', 'text')
    .addColumn('source_date', 'text')
    .addColumn('source_publisher', 'text')
    .addColumn('source_lang', 'text')
    .addColumn('told_to', 'text')
    .addColumn('consent_date', 'text')
    .addColumn('origin', 'text', (c) => c.notNull().check(sql`origin in ('data', 'submission')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'published', 'rejected')`))
    .addColumn('submitted_by', 'integer', (c) => c.references('user_account.id'))
    .addColumn('reject_reason', 'text')
    .addColumn('decided_by', 'integer', (c) => c.references('user_account.id'))
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'story_source',
      sql`source_url is not null or (told_to is not null and consent_date is not null)`,
    )
    .execute();
  await db.schema.createIndex('story_status_idx').on('story').columns(['status', 'country']).execute();
  await db.schema
    .createTable('story_text')
    .addColumn('story_id', 'text', (c) => c.notNull().references('story.id').onDelete('cascade'))
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('helped', 'text')
    .addColumn('hindered', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('original', 'reviewed', 'machine')`))
    .addColumn('from_lang', 'text')
    .addPrimaryKeyConstraint('story_text_pk', ['story_id', 'lang'])
    .execute();
  await db.schema
    .createTable('story_listing')
    .addColumn('story_id', 'text', (c) => c.notNull().references('story.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    // no foreign key to listing: a story outlives a listing removed later (it then shows without a link)
    .addColumn('listing_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('story_listing_pk', ['story_id', 'position'])
    .execute();
  await db.schema.createIndex('story_listing_listing_idx').on('story_listing').column('listing_id').execute();
  // FTS5 is SQLite's: on PostgreSQL, story search reads story_text itself (stories/story.repository.ts).
  if (isPostgres(db)) return;
  await sql`create virtual table story_fts using fts5(
    story_id unindexed, body, tokenize = "unicode61 remove_diacritics 2", prefix = '2 3'
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists story_fts`.execute(db);
  await sql`drop table if exists story_listing`.execute(db);
  await sql`drop table if exists story_text`.execute(db);
  await sql`drop table if exists story`.execute(db);
}
