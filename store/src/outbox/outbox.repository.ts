import type { Kysely, Selectable } from 'kysely';
import type { DB, OutboxTable } from '../database';
import { isPostgres } from '../migrations/dialect';

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

/**
 * Claims up to `limit` pending rows for one worker: rows whose retry time has come (every pending row
 * with `ignoreSchedule`) and that no other worker holds (no lease, or one that has passed: its worker
 * died). Each claimed row gets `claimed_by` and `lease_until`; oldest first.
 *
 * One UPDATE … WHERE id IN (SELECT …) RETURNING, in a transaction. On PostgreSQL the SELECT locks what
 * it picks with FOR UPDATE SKIP LOCKED, so concurrent claims take disjoint rows without waiting for each
 * other. On SQLite the store's transactions begin IMMEDIATE: a claim holds the one write lock from its
 * first read, so a second process's claim waits (busy_timeout) and then sees the lease.
 */
export async function claimDueOutboxRows(
  db: Kysely<DB>,
  claim: { worker: string; now: string; leaseUntil: string },
  options: { limit: number; ignoreSchedule?: boolean; afterId?: number },
): Promise<OutboxRow[]> {
  const postgres = isPostgres(db);
  const rows = await db.transaction().execute((trx) =>
    trx
      .updateTable('outbox')
      .set({ claimed_by: claim.worker, lease_until: claim.leaseUntil })
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('outbox')
          .select('id')
          .where('status', '=', 'pending')
          .where((w) => w.or([w('lease_until', 'is', null), w('lease_until', '<=', claim.now)]))
          .$if(options.afterId !== undefined, (q) => q.where('id', '>', options.afterId!))
          .$if(!options.ignoreSchedule, (q) => q.where('next_attempt_at', '<=', claim.now))
          .orderBy('id')
          .limit(options.limit)
          .$if(postgres, (q) => q.forUpdate().skipLocked()),
      )
      .returningAll()
      .execute(),
  );
  return rows.sort((a, b) => a.id - b.id);
}

/** Extends a worker's lease on rows it still holds (not ones another worker has taken since). */
export async function renewOutboxLease(
  db: Kysely<DB>,
  worker: string,
  ids: readonly number[],
  leaseUntil: string,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('outbox')
    .set({ lease_until: leaseUntil })
    .where('id', 'in', ids)
    .where('claimed_by', '=', worker)
    .where('status', '=', 'pending')
    .execute();
}

/**
 * When the worker should look again: the earliest retry time of a pending row, or, for a row another
 * worker holds, the end of its lease if that is later (its worker may die; otherwise it will be done).
 */
export async function nextOutboxAttemptAt(db: Kysely<DB>, now: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) =>
      eb.fn
        .min(
          eb
            .case()
            .when(eb.and([eb('lease_until', '>', now), eb('lease_until', '>', eb.ref('next_attempt_at'))]))
            .then(eb.ref('lease_until'))
            .else(eb.ref('next_attempt_at'))
            .end(),
        )
        .as('at'),
    )
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return (row?.at as string | null | undefined) ?? undefined;
}

export async function markOutboxDone(db: Kysely<DB>, ids: readonly number[], appliedTo: string, at: string) {
  if (ids.length === 0) return;
  await db
    .updateTable('outbox')
    .set({ status: 'done', applied_to: appliedTo, done_at: at, last_error: null, lease_until: null })
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
      // Free for any worker once its retry time comes.
      lease_until: null,
    })
    .where('id', '=', id)
    // A worker whose lease ran out may report after another one has applied the row.
    .where('status', '=', 'pending')
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
