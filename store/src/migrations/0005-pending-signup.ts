import { sql, type Kysely } from 'kysely';
import { generatedId } from './dialect';

/**
 * A sign-up waits here until its address is confirmed: the account is created only when the link in
 * the e-mail is followed, so sign-up answers the same whether or not the address has an account
 * (issue 16: no account enumeration) and nobody can hold an address they do not receive mail at.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('pending_signup')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('pending_signup_email_idx').on('pending_signup').column('email').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists pending_signup`.execute(db);
}
