import type { Kysely } from 'kysely';
import type { DB, UserTokenPurpose } from '../database';

export interface NewUserToken {
  user_id: number;
  purpose: UserTokenPurpose;
  token_hash: string;
  created_at: string;
  expires_at: string;
}

export async function insertUserToken(db: Kysely<DB>, token: NewUserToken): Promise<void> {
  await db.insertInto('user_token').values(token).execute();
}

/**
 * Marks the token used and returns its user, in one statement, so two requests racing with the same
 * link cannot both succeed. Undefined when unknown, used, expired or meant for another purpose.
 */
export async function consumeUserToken(
  db: Kysely<DB>,
  purpose: UserTokenPurpose,
  tokenHash: string,
  now: string,
): Promise<number | undefined> {
  const row = await db
    .updateTable('user_token')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id;
}

/** A new link replaces older ones: only the newest unused token of a purpose stays valid. */
export async function retireUserTokens(
  db: Kysely<DB>,
  userId: number,
  purpose: UserTokenPurpose,
  now: string,
): Promise<void> {
  await db
    .updateTable('user_token')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
}
