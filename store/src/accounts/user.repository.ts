import type { Kysely, Selectable } from 'kysely';
import type { UserRole } from '@skillway/core';
import type { DB, UserAccountTable } from '../database';

/** What may leave the store about a user: never the password hash. */
export const USER_COLUMNS = ['id', 'email', 'name', 'role', 'email_verified_at', 'created_at'] as const;
export type UserRow = Pick<Selectable<UserAccountTable>, (typeof USER_COLUMNS)[number]>;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface NewUser {
  email: string;
  name: string | null;
  role: UserRole;
  password_hash: string;
  at: string;
}

export async function insertUser(db: Kysely<DB>, user: NewUser): Promise<UserRow> {
  return db
    .insertInto('user_account')
    .values({
      email: normaliseEmail(user.email),
      name: user.name,
      role: user.role,
      password_hash: user.password_hash,
      password_changed_at: user.at,
      created_at: user.at,
    })
    .returning(USER_COLUMNS)
    .executeTakeFirstOrThrow();
}

export async function findUserById(db: Kysely<DB>, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('user_account').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function findUserByEmail(db: Kysely<DB>, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('user_account')
    .select(USER_COLUMNS)
    .where('email', '=', normaliseEmail(email))
    .executeTakeFirst();
}

/** Only for checking a password; keep the hash inside the account service. */
export async function findCredentialsByEmail(
  db: Kysely<DB>,
  email: string,
): Promise<(UserRow & { password_hash: string }) | undefined> {
  return db
    .selectFrom('user_account')
    .select([...USER_COLUMNS, 'password_hash'])
    .where('email', '=', normaliseEmail(email))
    .executeTakeFirst();
}

export async function findPasswordHash(db: Kysely<DB>, id: number): Promise<string | undefined> {
  const row = await db.selectFrom('user_account').select('password_hash').where('id', '=', id).executeTakeFirst();
  return row?.password_hash;
}

export async function updatePasswordHash(db: Kysely<DB>, id: number, passwordHash: string, at: string): Promise<void> {
  await db
    .updateTable('user_account')
    .set({ password_hash: passwordHash, password_changed_at: at })
    .where('id', '=', id)
    .execute();
}

/** Rehash after sign-in without touching password_changed_at (the password itself did not change). */
export async function replacePasswordHash(db: Kysely<DB>, id: number, passwordHash: string): Promise<void> {
  await db.updateTable('user_account').set({ password_hash: passwordHash }).where('id', '=', id).execute();
}

export async function markEmailVerified(db: Kysely<DB>, id: number, at: string): Promise<void> {
  await db
    .updateTable('user_account')
    .set({ email_verified_at: at })
    .where('id', '=', id)
    .where('email_verified_at', 'is', null)
    .execute();
}
