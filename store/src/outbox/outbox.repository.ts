import type { Kysely, Selectable } from 'kysely';
import type { DB, OutboxTable } from '../database';

export type OutboxRow = Selectable<OutboxTable>;

/**
 * Records that a listing changed and the search engines must follow. Written in the same transaction
 * as the change itself, so a committed change always has its row and a rolled-back one never does.
 */
export async function enqueueListingChanged(db: Kysely<DB>, listingId: string, at: string): Promise<number> {
  const row = await db
    .insertInto('outbox')
    .values({ event: 'listing.changed', listing_id: listingId, next_attempt_at: at, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Pending rows whose retry time has come (all pending rows with `ignoreSchedule`), oldest first. */
export async function listDueOutboxRows(
  db: Kysely<DB>,
  now: string,
  options: { limit: number; ignoreSchedule?: boolean; afterId?: number },
): Promise<OutboxRow[]> {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('status', '=', 'pending')
    .$if(options.afterId !== undefined, (q) => q.where('id', '>', options.afterId!))
    .$if(!options.ignoreSchedule, (q) => q.where('next_attempt_at', '<=', now))
    .orderBy('id')
    .limit(options.limit)
    .execute();
}

export async function nextOutboxAttemptAt(db: Kysely<DB>): Promise<string | undefined> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.min('next_attempt_at').as('at'))
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return (row?.at as string | null | undefined) ?? undefined;
}

export async function markOutboxDone(db: Kysely<DB>, ids: readonly number[], appliedTo: string, at: string) {
  if (ids.length === 0) return;
  await db
    .updateTable('outbox')
    .set({ status: 'done', applied_to: appliedTo, done_at: at, last_error: null })
    .where('id', 'in', ids)
    .execute();
}

export async function markOutboxFailed(
  db: Kysely<DB>,
  id: number,
  failure: { attempts: number; applied_to: string; next_attempt_at: string; error: string },
) {
  await db
    .updateTable('outbox')
    .set({
      attempts: failure.attempts,
      applied_to: failure.applied_to,
      next_attempt_at: failure.next_attempt_at,
      last_error: failure.error.slice(0, 1000),
    })
    .where('id', '=', id)
    .execute();
}

export async function countPendingOutboxRows(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findOutboxRow(db: Kysely<DB>, id: number): Promise<OutboxRow | undefined> {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Housekeeping: applied rows older than `before` tell nothing the listing table does not. */
export async function deleteDoneOutboxRows(db: Kysely<DB>, before: string): Promise<number> {
  const result = await db
    .deleteFrom('outbox')
    .where('status', '=', 'done')
    .where('done_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
