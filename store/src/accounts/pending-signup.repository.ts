import type { Kysely, Selectable } from 'kysely';
import type { DB, PendingSignupTable } from '../database';

export type PendingSignupRow = Selectable<PendingSignupTable>;

export interface NewPendingSignup {
  email: string;
  name: string | null;
  password_hash: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
}

/** A new sign-up for an address replaces older unconfirmed ones: only the newest link works. */
export async function replacePendingSignup(db: Kysely<DB>, signup: NewPendingSignup): Promise<void> {
  await db
    .updateTable('pending_signup')
    .set({ used_at: signup.created_at })
    .where('email', '=', signup.email)
    .where('used_at', 'is', null)
    .execute();
  await db.insertInto('pending_signup').values(signup).execute();
}

/** Marks the sign-up used and returns it, in one statement; undefined when unknown, used or expired. */
export async function consumePendingSignup(
  db: Kysely<DB>,
  tokenHash: string,
  now: string,
): Promise<PendingSignupRow | undefined> {
  return db
    .updateTable('pending_signup')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returningAll()
    .executeTakeFirst();
}

/** Housekeeping: forgets sign-ups that ended (used or expired) before `before`. */
export async function deletePendingSignupsEndedBefore(db: Kysely<DB>, before: string): Promise<number> {
  const result = await db
    .deleteFrom('pending_signup')
    .where((eb) => eb.or([eb('expires_at', '<', before), eb('used_at', '<', before)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
