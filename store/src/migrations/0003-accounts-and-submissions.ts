import { sql, type Kysely } from 'kysely';
import { generatedId, isPostgres, nowText } from './dialect';

/**
 * Provider and moderator accounts, their sessions and single-use tokens, submissions with their
 * review, listing ownership, the search outbox and the audit log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const now = nowText(db);
  await db.schema
    .createTable('user_account')
    .addColumn('id', 'integer', generatedId(db))
    // Stored lower-cased by the repository; nocase guards the unique index against a forgotten caller
    // (on PostgreSQL, which has no nocase collation, a check that it is lower-cased does).
    .addColumn('email', 'text', (c) =>
      isPostgres(db)
        ? c
            .notNull()
            .unique()
            .check(sql`email = lower(email)`)
        : c
            .notNull()
            .unique()
            .modifyEnd(sql`collate nocase`),
    )
    .addColumn('name', 'text')
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('provider', 'moderator')`))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('email_verified_at', 'text')
    .addColumn('password_changed_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('user_session')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('user_account.id').onDelete('cascade'))
    // SHA-256 of the cookie's token: a leaked database does not hand out live sessions.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('user_session_user_idx').on('user_session').columns(['user_id', 'revoked_at']).execute();

  await db.schema
    .createTable('user_token')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('user_account.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('verify-email', 'reset-password')`))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('user_token_user_idx').on('user_token').columns(['user_id', 'purpose']).execute();

  await db.schema
    .createTable('submission')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('new', 'edit')`))
    // For an edit: the live listing it changes. For a new listing: null until approval assigns the id.
    // No foreign key: a rejected or old submission must outlive a listing that is later removed.
    .addColumn('listing_id', 'text')
    .addColumn('submitted_by', 'integer', (c) => c.notNull().references('user_account.id'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'approved', 'rejected')`),
    )
    /** The proposed listing (ListingInput) as JSON. */
    .addColumn('content', 'text', (c) => c.notNull())
    /** content_hash of the live listing when an edit was proposed, to tell a moderator it changed since. */
    .addColumn('base_hash', 'text')
    .addColumn('reason', 'text')
    .addColumn('reviewed_by', 'integer', (c) => c.references('user_account.id'))
    .addColumn('reviewed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('submission_submitter_idx').on('submission').columns(['submitted_by', 'id']).execute();
  await db.schema.createIndex('submission_status_idx').on('submission').columns(['status', 'id']).execute();
  await db.schema.createIndex('submission_listing_idx').on('submission').columns(['listing_id', 'status']).execute();

  await db.schema
    .createTable('listing_owner')
    .addColumn('listing_id', 'text', (c) => c.primaryKey().references('listing.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('user_account.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('listing_owner_user_idx').on('listing_owner').columns(['user_id']).execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('event', 'text', (c) => c.notNull().check(sql`event in ('listing.changed')`))
    .addColumn('listing_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'done')`),
    )
    /** Engines that have already applied the row, comma-separated, so a retry skips them. */
    .addColumn('applied_to', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .execute();
  await db.schema.createIndex('outbox_pending_idx').on('outbox').columns(['status', 'next_attempt_at', 'id']).execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('at', 'text', (c) => c.notNull())
    // Null for actions of the system itself (the CLI creating the first moderator).
    .addColumn('actor_id', 'integer', (c) => c.references('user_account.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    /** JSON: [{field, before, after}] for content changes, or a small object of facts. */
    .addColumn('changes', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema
    .createIndex('audit_log_subject_idx')
    .on('audit_log')
    .columns(['subject_type', 'subject_id', 'id'])
    .execute();
  await db.schema.createIndex('audit_log_actor_idx').on('audit_log').columns(['actor_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'audit_log',
    'outbox',
    'listing_owner',
    'submission',
    'user_token',
    'user_session',
    'user_account',
  ]) {
    await sql`drop table if exists ${sql.id(table)}`.execute(db);
  }
}
