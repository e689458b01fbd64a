import type { Kysely } from 'kysely';
import type { DB } from '../database';
import { USER_COLUMNS, type UserRow } from './user.repository';

export interface NewSession {
  user_id: number;
  token_hash: string;
  created_at: string;
  expires_at: string;
}

export async function insertSession(db: Kysely<DB>, session: NewSession): Promise<number> {
  const row = await db.insertInto('user_session').values(session).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export interface ActiveSession {
  session_id: number;
  expires_at: string;
  user: UserRow;
}

/** The live session with this token hash: not revoked, not expired. */
export async function findActiveSession(
  db: Kysely<DB>,
  tokenHash: string,
  now: string,
): Promise<ActiveSession | undefined> {
  const row = await db
    .selectFrom('user_session as s')
    .innerJoin('user_account as u', 'u.id', 's.user_id')
    .select(['s.id as session_id', 's.expires_at'])
    .select(USER_COLUMNS.map((c) => `u.${c}` as const))
    .where('s.token_hash', '=', tokenHash)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return undefined;
  const { session_id, expires_at, ...user } = row;
  return { session_id, expires_at, user };
}

export async function revokeSessionByHash(db: Kysely<DB>, tokenHash: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('user_session')
    .set({ revoked_at: at })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Revokes every live session of a user except `keepSessionId` (null: all of them). */
export async function revokeSessionsOfUser(
  db: Kysely<DB>,
  userId: number,
  keepSessionId: number | null,
  at: string,
): Promise<number> {
  const result = await db
    .updateTable('user_session')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .$if(keepSessionId !== null, (q) => q.where('id', '!=', keepSessionId!))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Housekeeping: sessions that ended long enough ago to be of no use, even for an investigation. */
export async function deleteSessionsEndedBefore(db: Kysely<DB>, before: string): Promise<number> {
  const result = await db
    .deleteFrom('user_session')
    .where((eb) => eb.or([eb('expires_at', '<', before), eb('revoked_at', '<', before)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
