import { sql, type Kysely } from 'kysely';
import { generatedId } from './dialect';

/**
 * Problems people report on a listing (a wrong phone, a service that closed), with no account. They wait
 * in the moderation queue until a moderator marks them fixed or dismisses them. The reporter's address is
 * optional and only moderators see it (for a reply); the listing's owner is told what is wrong, not who said so.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('listing_report')
    .addColumn('id', 'integer', generatedId(db))
    // No foreign key to listing, as for claims: the record outlives a listing removed later.
    .addColumn('listing_id', 'text', (c) => c.notNull())
    .addColumn('problem', 'text', (c) =>
      c.notNull().check(sql`problem in ('contact', 'address', 'closed', 'details', 'link', 'other')`),
    )
    .addColumn('details', 'text')
    .addColumn('reply_email', 'text')
    // the language the reporter read the site in (the language of `details`, most likely)
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'fixed', 'dismissed')`),
    )
    .addColumn('note', 'text')
    .addColumn('owner_notified_at', 'text')
    .addColumn('decided_by', 'integer', (c) => c.references('user_account.id'))
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('listing_report_status_idx')
    .on('listing_report')
    .columns(['status', 'created_at'])
    .execute();
  await db.schema.createIndex('listing_report_listing_idx').on('listing_report').column('listing_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists listing_report`.execute(db);
}
