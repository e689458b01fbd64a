import type { Kysely } from 'kysely';
import type { DB } from '../database';
import { appendAudit } from '../accounts/audit-log.repository';
import type { Mailer } from '../accounts/mailer';
import { conflict, forbidden, invalid, notFound } from '../accounts/service-errors';
import { findUserById } from '../accounts/user.repository';
import { addListingOwner } from '../submissions/listing-owner.repository';
import type { Actor } from '../submissions/submission.service';
import {
  countPendingClaims,
  decidePendingClaim,
  findClaim,
  findListingForClaim,
  findOwnerOf,
  listListingHostsAndOwners,
  findPendingClaimOf,
  insertClaim,
  listClaimsOf,
  listOwners,
  listPendingClaims,
  markClaimsRevoked,
  removeListingOwner,
  type ClaimRow,
  type ClaimWithContext,
  type OwnerRow,
} from './claim.repository';

export const EVIDENCE_MAX_LENGTH = 2000;
export const REASON_MAX_LENGTH = 2000;

/** A claim as the API answers it. */
export interface Claim {
  id: number;
  listing_id: string;
  listing_name: string | null;
  status: ClaimRow['status'];
  method: ClaimRow['method'];
  evidence: string | null;
  reason: string | null;
  created_at: string;
  decided_at: string | null;
}

/** A pending claim as a moderator sees it: who asks, with which address, for which listing. */
export interface ClaimForReview extends Claim {
  user: { id: number; email: string; name: string | null };
  email_domain: string;
  listing_host: string | null;
  listing_url: string | null;
  /** who manages the listing now (a listing has one owner): a claim cannot be confirmed while someone does */
  current_owner: string | null;
}

/** The host of a listing's web address without `www.`, lower-cased; null when the address has none. */
export function webDomainOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const host = new URL(url).hostname.toLowerCase().replace(/\.$/, '');
    return host.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

/** The domain of an e-mail address, lower-cased, without `www.` (nobody's mail is at www., but say so). */
export function emailDomainOf(email: string): string {
  return (email.split('@').pop() ?? '').toLowerCase().replace(/^www\./, '');
}

function toClaim(row: ClaimRow & { listing_name?: string | null }): Claim {
  return {
    id: row.id,
    listing_id: row.listing_id,
    listing_name: row.listing_name ?? null,
    status: row.status,
    method: row.method,
    evidence: row.evidence,
    reason: row.reason,
    created_at: row.created_at,
    decided_at: row.decided_at,
  };
}

function toReview(row: ClaimWithContext, currentOwner: string | null): ClaimForReview {
  return {
    ...toClaim(row),
    current_owner: currentOwner,
    user: { id: row.user_id, email: row.user_email, name: row.user_name },
    email_domain: row.email_domain,
    listing_host: row.listing_host,
    listing_url: row.listing_url,
  };
}

export interface ClaimServiceOptions {
  now?: () => Date;
  /** tells a provider how a reviewed claim was decided; optional */
  mailer?: Mailer;
  /** the web app's address, for links in those mails */
  webUrl?: string;
}

/**
 * Providers claiming listings that are already in the directory, and moderators deciding and revoking.
 * A claim is confirmed at once when the provider's verified address is at the listing's own web domain
 * (the host of its url, ignoring `www.`); otherwise it waits for a moderator with the evidence given.
 * An owner edits a listing through the normal submission flow (SubmissionService.proposeEdit).
 */
export class ClaimService {
  private readonly now: () => Date;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly options: ClaimServiceOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  private assertModerator(actor: Actor): void {
    if (actor.role !== 'moderator') throw forbidden('Only moderators can decide claims and owners.');
  }

  async request(actor: Actor, listingId: string, input: { evidence?: string | null } = {}): Promise<Claim> {
    const user = await findUserById(this.db, actor.id);
    if (!user) throw notFound('There is no such account.');
    if (actor.role !== 'provider') throw forbidden('Only provider accounts can claim listings.');
    if (!user.email_verified_at) {
      throw forbidden('Confirm your e-mail address first: the claim is judged by it.');
    }
    const evidence = input.evidence?.trim() || null;
    if (evidence && [...evidence].length > EVIDENCE_MAX_LENGTH) {
      throw invalid('The claim is not valid.', [
        { field: 'evidence', reason: `must be at most ${EVIDENCE_MAX_LENGTH} characters long` },
      ]);
    }
    const listing = await findListingForClaim(this.db, listingId);
    if (!listing) throw notFound(`There is no listing "${listingId}".`);
    const at = this.now().toISOString();
    const emailDomain = emailDomainOf(user.email);
    const listingHost = webDomainOf(listing.url);
    const row = await this.db.transaction().execute(async (trx) => {
      const owner = await findOwnerOf(trx, listingId);
      if (owner?.user_id === actor.id) throw conflict(`You manage "${listing.name}" already.`);
      // A listing has one owner: while someone manages it, a moderator decides even a matching domain.
      // A host several organisations' listings share (gov.si, europa.eu) proves nothing about which.
      const byDomain =
        listingHost !== null && emailDomain === listingHost && !owner && !(await this.sharedHost(trx, listingHost));
      const pending = await findPendingClaimOf(trx, listingId, actor.id);
      if (pending)
        throw conflict(`Your claim of "${listing.name}" is waiting for a moderator already (claim ${pending.id}).`);
      const row = await insertClaim(trx, {
        listing_id: listingId,
        user_id: actor.id,
        status: byDomain ? 'approved' : 'pending',
        method: byDomain ? 'domain' : 'review',
        evidence,
        email_domain: emailDomain,
        listing_host: listingHost,
        decided_at: byDomain ? at : null,
        at,
      });
      if (byDomain) await addListingOwner(trx, listingId, actor.id, at);
      await appendAudit(trx, {
        at,
        actor_id: actor.id,
        action: byDomain ? 'claim.confirm-by-domain' : 'claim.create',
        subject_type: 'listing',
        subject_id: listingId,
        changes: [
          { field: 'claim_id', after: row.id },
          { field: 'email_domain', after: emailDomain },
          { field: 'listing_host', after: listingHost },
        ],
      });
      return row;
    });
    return toClaim({ ...row, listing_name: listing.name });
  }

  private async review(row: ClaimWithContext): Promise<ClaimForReview> {
    return toReview(row, (await findOwnerOf(this.db, row.listing_id))?.email ?? null);
  }

  /** Whether listings of more than one organisation live on this web host. */
  private async sharedHost(db: Kysely<DB>, host: string): Promise<boolean> {
    const organisations = new Set<string>();
    for (const l of await listListingHostsAndOwners(db)) {
      if (webDomainOf(l.url) !== host) continue;
      organisations.add(l.kind === 'organisation' ? l.id : (l.organisation_id ?? l.id));
      if (organisations.size > 1) return true;
    }
    return false;
  }

  async listMine(actor: Actor): Promise<Claim[]> {
    return (await listClaimsOf(this.db, actor.id)).map(toClaim);
  }

  async queue(actor: Actor, limit = 100): Promise<{ pending: number; items: ClaimForReview[] }> {
    this.assertModerator(actor);
    const rows = await listPendingClaims(this.db, limit);
    const items = await Promise.all(rows.map((row) => this.review(row)));
    return { pending: await countPendingClaims(this.db), items };
  }

  async get(actor: Actor, id: number): Promise<ClaimForReview> {
    this.assertModerator(actor);
    const row = await findClaim(this.db, id);
    if (!row) throw notFound(`There is no claim ${id}.`);
    return this.review(row);
  }

  async approve(actor: Actor, id: number): Promise<ClaimForReview> {
    return this.decide(actor, id, 'approved', null);
  }

  async reject(actor: Actor, id: number, reason: string): Promise<ClaimForReview> {
    const text = reason.trim();
    if (!text) throw invalid('Say why the claim is rejected.', [{ field: 'reason', reason: 'must not be empty' }]);
    return this.decide(actor, id, 'rejected', text);
  }

  private async decide(
    actor: Actor,
    id: number,
    status: 'approved' | 'rejected',
    reason: string | null,
  ): Promise<ClaimForReview> {
    this.assertModerator(actor);
    const at = this.now().toISOString();
    const existing = await findClaim(this.db, id);
    if (!existing) throw notFound(`There is no claim ${id}.`);
    await this.db.transaction().execute(async (trx) => {
      const row = await decidePendingClaim(trx, id, { status, reason, by: actor.id, at });
      if (!row) throw conflict(`Claim ${id} was ${existing.status} already.`);
      if (status === 'approved') {
        const owner = await findOwnerOf(trx, row.listing_id);
        if (owner && owner.user_id !== row.user_id) {
          throw conflict(
            `"${row.listing_id}" is managed by ${owner.email}; end that ownership before confirming another.`,
          );
        }
        if (!owner) await addListingOwner(trx, row.listing_id, row.user_id, at);
      }
      await appendAudit(trx, {
        at,
        actor_id: actor.id,
        action: status === 'approved' ? 'claim.approve' : 'claim.reject',
        subject_type: 'listing',
        subject_id: row.listing_id,
        changes: [
          { field: 'claim_id', after: id },
          { field: 'user_id', after: row.user_id },
          ...(reason ? [{ field: 'reason', after: reason }] : []),
        ],
      });
    });
    const decided = (await findClaim(this.db, id))!;
    await this.tell(decided);
    return this.review(decided);
  }

  /** Tells the provider how a reviewed claim was decided. A mail that fails does not undo the decision. */
  private async tell(claim: ClaimWithContext): Promise<void> {
    if (!this.options.mailer) return;
    const name = claim.listing_name ?? claim.listing_id;
    const approved = claim.status === 'approved';
    await this.options.mailer
      .send({
        to: claim.user_email,
        kind: `claim-${claim.status}`,
        subject: approved ? `You now manage "${name}" on Skillway` : `Your claim of "${name}" on Skillway`,
        text: approved
          ? `A moderator confirmed that you manage "${name}". You can now keep it up to date: ${this.options.webUrl ?? ''}/provider`
          : `A moderator did not confirm your claim of "${name}".\n\nThe reason: ${claim.reason ?? ''}`,
      })
      .catch(() => undefined);
  }

  async owners(actor: Actor, options: { listingId?: string; limit?: number } = {}): Promise<OwnerRow[]> {
    this.assertModerator(actor);
    return listOwners(this.db, { listingId: options.listingId, limit: options.limit ?? 500 });
  }

  /** Ends someone's ownership of a listing (their approved claim is marked revoked), with a reason. */
  async revoke(actor: Actor, listingId: string, userId: number, reason: string): Promise<void> {
    this.assertModerator(actor);
    const text = reason.trim();
    if (!text) throw invalid('Say why the ownership ends.', [{ field: 'reason', reason: 'must not be empty' }]);
    const at = this.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      if (!(await removeListingOwner(trx, listingId, userId))) {
        throw notFound(`Account ${userId} does not manage "${listingId}".`);
      }
      await markClaimsRevoked(trx, listingId, userId, { reason: text, by: actor.id, at });
      await appendAudit(trx, {
        at,
        actor_id: actor.id,
        action: 'owner.revoke',
        subject_type: 'listing',
        subject_id: listingId,
        changes: [
          { field: 'user_id', before: userId },
          { field: 'reason', after: text },
        ],
      });
    });
  }
}
