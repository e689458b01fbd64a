import type { Kysely } from 'kysely';
import {
  compileValidator,
  ListingInputSchema,
  listingRuleProblems,
  type FieldError,
  type ListingInput,
  type ListingRef,
  type Submission,
  type UserRole,
} from '@skillway/core';
import type { DB } from '../database';
import { withoutStaleTranslations } from '../listing-texts';
import { appendAudit } from '../accounts/audit-log.repository';
import { conflict, forbidden, invalid, notFound } from '../accounts/service-errors';
import { diffListing } from './listing-diff';
import { isListingOwnedBy, listListingsOwnedBy } from './listing-owner.repository';
import {
  findListingHash,
  findListingKind,
  findPendingEditOf,
  findSubmissionOf,
  insertSubmission,
  listSubmissionsOf,
  updatePendingSubmissionOf,
  type SubmissionRow,
} from './submission.repository';

/** Who is acting; the routes pass the signed-in user. */
export interface Actor {
  id: number;
  role: UserRole;
}

const validateListingInput = compileValidator(ListingInputSchema);

export function toSubmission(row: SubmissionRow): Submission {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    listing_id: row.listing_id,
    content: JSON.parse(row.content) as ListingInput,
    reason: row.reason,
    created_at: row.created_at,
    updated_at: row.updated_at,
    reviewed_at: row.reviewed_at,
  };
}

/**
 * The same schema and messages as the data files (the API checks bodies before this; the service checks
 * again so no other caller can store a malformed listing), then the rules a schema cannot express.
 */
export async function checkListingInput(db: Kysely<DB>, input: unknown): Promise<ListingInput> {
  const errors = validateListingInput.errors(input);
  if (errors.length > 0) throw invalid('The listing has fields that are not valid.', errors);
  const listing = input as ListingInput;
  // hours that close after they open, texts per language honest about their source (as the indexer checks)
  const problems: FieldError[] = [...listingRuleProblems(listing)];
  if (listing.kind === 'organisation' && listing.organisation !== null) {
    problems.push({ field: 'organisation', reason: 'must be null on an organisation' });
  } else if (listing.organisation !== null) {
    const kind = await findListingKind(db, listing.organisation);
    if (kind === undefined)
      problems.push({ field: 'organisation', reason: `"${listing.organisation}" is not a listing` });
    else if (kind !== 'organisation')
      problems.push({ field: 'organisation', reason: `"${listing.organisation}" is a ${kind}, not an organisation` });
  }
  if (problems.length > 0) throw invalid('The listing has fields that are not valid.', problems);
  // An edit keeps the listing's translations; those made from texts it changes are outdated now.
  return withoutStaleTranslations(listing).listing;
}

/** What a provider does with their own submissions and listings. Every query is scoped to the actor. */
export class SubmissionService {
  private readonly now: () => Date;

  constructor(
    private readonly db: Kysely<DB>,
    options: { now?: () => Date } = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async submitNew(actor: Actor, input: unknown): Promise<Submission> {
    const listing = await checkListingInput(this.db, input);
    const at = this.now().toISOString();
    const row = await this.db.transaction().execute(async (trx) => {
      const row = await insertSubmission(trx, {
        type: 'new',
        listing_id: null,
        submitted_by: actor.id,
        content: JSON.stringify(listing),
        base_hash: null,
        at,
      });
      await appendAudit(trx, {
        at,
        actor_id: actor.id,
        action: 'submission.create',
        subject_type: 'submission',
        subject_id: row.id,
        changes: diffListing(null, listing),
      });
      return row;
    });
    return toSubmission(row);
  }

  /** An edit of a live listing: only its owner may propose one, and one at a time (update it instead). */
  async proposeEdit(actor: Actor, listingId: string, input: unknown): Promise<Submission> {
    const baseHash = await findListingHash(this.db, listingId);
    if (baseHash === undefined) throw notFound(`There is no listing "${listingId}".`);
    if (!(await isListingOwnedBy(this.db, listingId, actor.id))) {
      throw forbidden(`You can propose edits only to listings you own; "${listingId}" is not yours.`);
    }
    const listing = await checkListingInput(this.db, input);
    const kind = await findListingKind(this.db, listingId);
    if (listing.kind !== kind) {
      throw invalid('The listing has fields that are not valid.', [
        {
          field: 'kind',
          reason: `cannot change from ${kind} to ${listing.kind} in an edit; submit a new listing instead`,
        },
      ]);
    }
    if (listing.organisation === listingId) {
      throw invalid('The listing has fields that are not valid.', [
        { field: 'organisation', reason: 'cannot be the listing itself' },
      ]);
    }
    const at = this.now().toISOString();
    const row = await this.db.transaction().execute(async (trx) => {
      const pending = await findPendingEditOf(trx, listingId, actor.id);
      if (pending) {
        throw conflict(
          `An edit of "${listingId}" is already waiting for review (submission ${pending.id}); change that one instead.`,
        );
      }
      const row = await insertSubmission(trx, {
        type: 'edit',
        listing_id: listingId,
        submitted_by: actor.id,
        content: JSON.stringify(listing),
        base_hash: baseHash,
        at,
      });
      await appendAudit(trx, {
        at,
        actor_id: actor.id,
        action: 'submission.create',
        subject_type: 'submission',
        subject_id: row.id,
        changes: [{ field: 'listing_id', after: listingId }, ...diffListing(null, listing)],
      });
      return row;
    });
    return toSubmission(row);
  }

  /** Replaces a pending submission's content. Someone else's submission is "not found", never "forbidden". */
  async update(actor: Actor, id: number, input: unknown): Promise<Submission> {
    const existing = await findSubmissionOf(this.db, id, actor.id);
    if (!existing) throw notFound(`There is no submission ${id} of yours.`);
    if (existing.status !== 'pending') {
      throw conflict(`Submission ${id} was ${existing.status} already and cannot be changed; submit again instead.`);
    }
    const listing = await checkListingInput(this.db, input);
    if (existing.type === 'edit') {
      const kind = await findListingKind(this.db, existing.listing_id!);
      if (kind !== undefined && listing.kind !== kind) {
        throw invalid('The listing has fields that are not valid.', [
          {
            field: 'kind',
            reason: `cannot change from ${kind} to ${listing.kind} in an edit; submit a new listing instead`,
          },
        ]);
      }
    }
    const at = this.now().toISOString();
    const row = await this.db.transaction().execute(async (trx) => {
      const row = await updatePendingSubmissionOf(trx, id, actor.id, JSON.stringify(listing), at);
      if (!row) throw conflict(`Submission ${id} was reviewed meanwhile and cannot be changed.`);
      await appendAudit(trx, {
        at,
        actor_id: actor.id,
        action: 'submission.update',
        subject_type: 'submission',
        subject_id: id,
        changes: diffListing(JSON.parse(existing.content) as ListingInput, listing),
      });
      return row;
    });
    return toSubmission(row);
  }

  async listMine(actor: Actor): Promise<Submission[]> {
    return (await listSubmissionsOf(this.db, actor.id)).map(toSubmission);
  }

  async getMine(actor: Actor, id: number): Promise<Submission> {
    const row = await findSubmissionOf(this.db, id, actor.id);
    if (!row) throw notFound(`There is no submission ${id} of yours.`);
    return toSubmission(row);
  }

  listMyListings(actor: Actor): Promise<ListingRef[]> {
    return listListingsOwnedBy(this.db, actor.id);
  }
}
