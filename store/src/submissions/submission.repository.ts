import type { Kysely, Selectable } from 'kysely';
import type { SubmissionStatus, SubmissionType } from '@skillway/core';
import type { DB, SubmissionTable } from '../database';

/**
 * Queries on submissions. Provider-facing functions take the user's id and filter on it inside the
 * query, so no caller can read or change another provider's submission by forgetting a check.
 */
export const SUBMISSION_COLUMNS = [
  'id',
  'type',
  'status',
  'listing_id',
  'content',
  'base_hash',
  'reason',
  'submitted_by',
  'reviewed_by',
  'reviewed_at',
  'created_at',
  'updated_at',
] as const;
export type SubmissionRow = Pick<Selectable<SubmissionTable>, (typeof SUBMISSION_COLUMNS)[number]>;

export interface NewSubmission {
  type: SubmissionType;
  listing_id: string | null;
  submitted_by: number;
  /** ListingInput as JSON */
  content: string;
  base_hash: string | null;
  at: string;
}

export async function insertSubmission(db: Kysely<DB>, submission: NewSubmission): Promise<SubmissionRow> {
  return db
    .insertInto('submission')
    .values({
      type: submission.type,
      listing_id: submission.listing_id,
      submitted_by: submission.submitted_by,
      content: submission.content,
      base_hash: submission.base_hash,
      created_at: submission.at,
      updated_at: submission.at,
    })
    .returning(SUBMISSION_COLUMNS)
    .executeTakeFirstOrThrow();
}

export async function listSubmissionsOf(
  db: Kysely<DB>,
  userId: number,
  options: { status?: SubmissionStatus; limit?: number } = {},
): Promise<SubmissionRow[]> {
  return db
    .selectFrom('submission')
    .select(SUBMISSION_COLUMNS)
    .where('submitted_by', '=', userId)
    .$if(options.status !== undefined, (q) => q.where('status', '=', options.status!))
    .orderBy('id', 'desc')
    .limit(options.limit ?? 200)
    .execute();
}

export async function findSubmissionOf(db: Kysely<DB>, id: number, userId: number): Promise<SubmissionRow | undefined> {
  return db
    .selectFrom('submission')
    .select(SUBMISSION_COLUMNS)
    .where('id', '=', id)
    .where('submitted_by', '=', userId)
    .executeTakeFirst();
}

/** Replaces the content of the user's own submission while it is pending; undefined otherwise. */
export async function updatePendingSubmissionOf(
  db: Kysely<DB>,
  id: number,
  userId: number,
  content: string,
  at: string,
): Promise<SubmissionRow | undefined> {
  return db
    .updateTable('submission')
    .set({ content, updated_at: at })
    .where('id', '=', id)
    .where('submitted_by', '=', userId)
    .where('status', '=', 'pending')
    .returning(SUBMISSION_COLUMNS)
    .executeTakeFirst();
}

export async function findPendingEditOf(
  db: Kysely<DB>,
  listingId: string,
  userId: number,
): Promise<SubmissionRow | undefined> {
  return db
    .selectFrom('submission')
    .select(SUBMISSION_COLUMNS)
    .where('listing_id', '=', listingId)
    .where('type', '=', 'edit')
    .where('status', '=', 'pending')
    .where('submitted_by', '=', userId)
    .executeTakeFirst();
}

// --- For moderators only: the moderation service checks the role before calling these. ---

export interface SubmissionWithSubmitter extends SubmissionRow {
  submitter_email: string;
  submitter_name: string | null;
}

function withSubmitter(db: Kysely<DB>) {
  return db
    .selectFrom('submission as s')
    .innerJoin('user_account as u', 'u.id', 's.submitted_by')
    .select(SUBMISSION_COLUMNS.map((c) => `s.${c}` as const))
    .select(['u.email as submitter_email', 'u.name as submitter_name']);
}

/** Oldest first: the queue is worked through in the order it arrived. */
export async function listPendingSubmissions(
  db: Kysely<DB>,
  options: { limit?: number } = {},
): Promise<SubmissionWithSubmitter[]> {
  return withSubmitter(db)
    .where('s.status', '=', 'pending')
    .orderBy('s.id', 'asc')
    .limit(options.limit ?? 100)
    .execute();
}

export async function countPendingSubmissions(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('submission')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findSubmissionForReview(
  db: Kysely<DB>,
  id: number,
): Promise<SubmissionWithSubmitter | undefined> {
  return withSubmitter(db).where('s.id', '=', id).executeTakeFirst();
}

/** Records the decision only if the submission is still pending (two moderators cannot both decide). */
export async function markSubmissionReviewed(
  db: Kysely<DB>,
  id: number,
  decision: {
    status: 'approved' | 'rejected';
    reason: string | null;
    reviewed_by: number;
    listing_id: string | null;
    at: string;
  },
): Promise<SubmissionRow | undefined> {
  return db
    .updateTable('submission')
    .set({
      status: decision.status,
      reason: decision.reason,
      reviewed_by: decision.reviewed_by,
      reviewed_at: decision.at,
      listing_id: decision.listing_id,
      updated_at: decision.at,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returning(SUBMISSION_COLUMNS)
    .executeTakeFirst();
}

/** content_hash of a live listing, to notice that it changed after an edit was proposed. */
export async function findListingHash(db: Kysely<DB>, listingId: string): Promise<string | undefined> {
  const row = await db.selectFrom('listing').select('content_hash').where('id', '=', listingId).executeTakeFirst();
  return row?.content_hash;
}

/** Kind of a live listing, to check a submission's `organisation` reference. */
export async function findListingKind(db: Kysely<DB>, listingId: string): Promise<string | undefined> {
  const row = await db.selectFrom('listing').select('kind').where('id', '=', listingId).executeTakeFirst();
  return row?.kind;
}
