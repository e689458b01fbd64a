import type { Kysely } from 'kysely';
import type { FieldChange, ListingInput, ModerationQueue, ModerationSubmission, Submission } from '@skillway/core';
import type { DB } from '../database';
import { appendAudit } from '../accounts/audit-log.repository';
import { conflict, forbidden, invalid, notFound } from '../accounts/service-errors';
import { getListingRecord, upsertListing } from '../listing.repository';
import { enqueueListingChanged } from '../outbox/outbox.repository';
import { diffListing } from './listing-diff';
import { addListingOwner } from './listing-owner.repository';
import { listingSlug, uniqueListingId } from './listing-slug';
import { checkListingInput, toSubmission, type Actor } from './submission.service';
import {
  countPendingSubmissions,
  findListingHash,
  findSubmissionForReview,
  listPendingSubmissions,
  markSubmissionReviewed,
  type SubmissionWithSubmitter,
} from './submission.repository';

export interface ModerationServiceOptions {
  now?: () => Date;
  /** Called after an approval commits: the outbox worker is kicked so search follows within moments. */
  onListingChanged?: (listingId: string) => void;
}

function submitter(row: SubmissionWithSubmitter) {
  return { id: row.submitted_by, email: row.submitter_email, name: row.submitter_name };
}

/**
 * Reviewing submissions. Approval writes the listing, its ownership, the decision, the audit entry and
 * the outbox row in one transaction: either all of it happened or none of it did.
 */
export class ModerationService {
  private readonly now: () => Date;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly options: ModerationServiceOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  private assertModerator(actor: Actor): void {
    if (actor.role !== 'moderator') throw forbidden('Only moderators can review submissions.');
  }

  async queue(actor: Actor, options: { limit?: number } = {}): Promise<ModerationQueue> {
    this.assertModerator(actor);
    const rows = await listPendingSubmissions(this.db, options);
    return {
      pending: await countPendingSubmissions(this.db),
      items: rows.map((row) => ({
        id: row.id,
        type: row.type,
        listing_id: row.listing_id,
        name: (JSON.parse(row.content) as ListingInput).name,
        submitted_by: submitter(row),
        created_at: row.created_at,
        updated_at: row.updated_at,
      })),
    };
  }

  async get(actor: Actor, id: number): Promise<ModerationSubmission> {
    this.assertModerator(actor);
    const row = await findSubmissionForReview(this.db, id);
    if (!row) throw notFound(`There is no submission ${id}.`);
    const submission = toSubmission(row);
    const liveRecord =
      row.type === 'edit' && row.listing_id ? await getListingRecord(this.db, row.listing_id) : undefined;
    const live = liveRecord ?? null;
    const liveHash = live ? await findListingHash(this.db, live.id) : undefined;
    let before: Partial<ListingInput> | null = null;
    if (live) {
      const { id: _id, ...content } = live;
      before = content;
    }
    return {
      ...submission,
      submitted_by: submitter(row),
      live,
      changes: diffListing(before, submission.content),
      live_changed_since_submitted: row.type === 'edit' && row.status === 'pending' && liveHash !== row.base_hash,
    };
  }

  async approve(actor: Actor, id: number): Promise<Submission> {
    this.assertModerator(actor);
    const at = this.now().toISOString();
    const { submission, listingId } = await this.db.transaction().execute(async (trx) => {
      const row = await this.pendingForReview(trx, actor, id);
      // References may have changed since submission (an organisation removed): check again.
      const content = await checkListingInput(trx, JSON.parse(row.content)).catch((error: unknown) => {
        throw conflict(
          'The submission no longer fits the directory; reject it with a reason, or ask the provider to update it.',
          (error as { errors?: { field: string; reason: string }[] }).errors,
        );
      });
      let listingId: string;
      let before: Partial<ListingInput> | null = null;
      if (row.type === 'new') {
        listingId = await uniqueListingId(trx, listingSlug(content));
      } else {
        listingId = row.listing_id!;
        const live = await getListingRecord(trx, listingId);
        if (!live) throw conflict(`The listing "${listingId}" this edit changes does not exist any more.`);
        const { id: _id, ...liveContent } = live;
        before = liveContent;
      }
      await upsertListing(trx, { id: listingId, ...content }, 'provider', at);
      if (row.type === 'new') await addListingOwner(trx, listingId, row.submitted_by, at);
      const decided = await markSubmissionReviewed(trx, id, {
        status: 'approved',
        reason: null,
        reviewed_by: actor.id,
        listing_id: listingId,
        at,
      });
      if (!decided) throw conflict(`Submission ${id} was reviewed meanwhile.`);
      await enqueueListingChanged(trx, listingId, at);
      const changes: FieldChange[] = [
        { field: 'status', before: 'pending', after: 'approved' },
        { field: 'listing_id', ...(before && { before: listingId }), after: listingId },
        ...diffListing(before, content).map((c) => ({ ...c, field: `listing.${c.field}` })),
      ];
      await appendAudit(trx, {
        at,
        actor_id: actor.id,
        action: 'submission.approve',
        subject_type: 'submission',
        subject_id: id,
        changes,
      });
      return { submission: toSubmission(decided), listingId };
    });
    this.options.onListingChanged?.(listingId);
    return submission;
  }

  async reject(actor: Actor, id: number, reason: string): Promise<Submission> {
    this.assertModerator(actor);
    const trimmed = reason.trim();
    if (trimmed.length < 3) {
      throw invalid('A rejection needs a reason the provider can act on.', [
        { field: 'reason', reason: 'must be at least 3 characters long' },
      ]);
    }
    const at = this.now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const row = await this.pendingForReview(trx, actor, id);
      const decided = await markSubmissionReviewed(trx, id, {
        status: 'rejected',
        reason: trimmed,
        reviewed_by: actor.id,
        listing_id: row.listing_id,
        at,
      });
      if (!decided) throw conflict(`Submission ${id} was reviewed meanwhile.`);
      await appendAudit(trx, {
        at,
        actor_id: actor.id,
        action: 'submission.reject',
        subject_type: 'submission',
        subject_id: id,
        changes: [
          { field: 'status', before: 'pending', after: 'rejected' },
          { field: 'reason', after: trimmed },
        ],
      });
      return toSubmission(decided);
    });
  }

  /** A moderator may not review their own submission: nothing goes live without a second person. */
  private async pendingForReview(db: Kysely<DB>, actor: Actor, id: number): Promise<SubmissionWithSubmitter> {
    const row = await findSubmissionForReview(db, id);
    if (!row) throw notFound(`There is no submission ${id}.`);
    if (row.status !== 'pending') throw conflict(`Submission ${id} was ${row.status} already.`);
    if (row.submitted_by === actor.id) throw forbidden('You cannot review your own submission.');
    return row;
  }
}
