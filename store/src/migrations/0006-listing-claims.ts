import { sql, type Kysely } from 'kysely';
import { generatedId } from './dialect';

/**
 * A provider's request to manage a listing that is already in the directory. `method` says how it was
 * decided: `domain` (confirmed at once: the verified address is at the listing's own web domain) or
 * `review` (a moderator decided, with the evidence the provider gave). Ownership itself stays in
 * listing_owner; a revoked claim keeps its row for the record.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('listing_claim')
    .addColumn('id', 'integer', generatedId(db))
    // No foreign key to listing, as for submissions: the record outlives a listing removed later.
    .addColumn('listing_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('user_account.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'approved', 'rejected', 'revoked')`),
    )
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('domain', 'review')`))
    .addColumn('evidence', 'text')
    .addColumn('email_domain', 'text', (c) => c.notNull())
    .addColumn('listing_host', 'text')
    .addColumn('reason', 'text')
    .addColumn('decided_by', 'integer', (c) => c.references('user_account.id'))
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('listing_claim_status_idx')
    .on('listing_claim')
    .columns(['status', 'created_at'])
    .execute();
  await db.schema
    .createIndex('listing_claim_user_idx')
    .on('listing_claim')
    .columns(['user_id', 'listing_id'])
    .execute();
  // One open claim per person and listing.
  await sql`create unique index listing_claim_one_pending on listing_claim (listing_id, user_id) where status = 'pending'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists listing_claim`.execute(db);
}
