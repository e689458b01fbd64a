import type { Kysely, Selectable } from 'kysely';
import type { ClaimMethod, ClaimStatus, DB, ListingClaimTable } from '../database';

export type ClaimRow = Selectable<ListingClaimTable>;

/** A claim with what a moderator needs to judge it: who asks, and the listing's name and address. */
export interface ClaimWithContext extends ClaimRow {
  user_email: string;
  user_name: string | null;
  listing_name: string | null;
  listing_url: string | null;
}

const withContext = (db: Kysely<DB>) =>
  db
    .selectFrom('listing_claim as c')
    .innerJoin('user_account as u', 'u.id', 'c.user_id')
    .leftJoin('listing as l', 'l.id', 'c.listing_id')
    .selectAll('c')
    .select(['u.email as user_email', 'u.name as user_name', 'l.name as listing_name', 'l.url as listing_url']);

export async function insertClaim(
  db: Kysely<DB>,
  claim: {
    listing_id: string;
    user_id: number;
    status: ClaimStatus;
    method: ClaimMethod;
    evidence: string | null;
    email_domain: string;
    listing_host: string | null;
    decided_at: string | null;
    at: string;
  },
): Promise<ClaimRow> {
  const { at, ...values } = claim;
  return db
    .insertInto('listing_claim')
    .values({ ...values, created_at: at, updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findClaim(db: Kysely<DB>, id: number): Promise<ClaimWithContext | undefined> {
  return withContext(db).where('c.id', '=', id).executeTakeFirst();
}

export function findPendingClaimOf(db: Kysely<DB>, listingId: string, userId: number) {
  return db
    .selectFrom('listing_claim')
    .selectAll()
    .where('listing_id', '=', listingId)
    .where('user_id', '=', userId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

export function listClaimsOf(db: Kysely<DB>, userId: number): Promise<ClaimWithContext[]> {
  return withContext(db)
    .where('c.user_id', '=', userId)
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
}

/** Pending claims, oldest first (fetching limit + 1 tells the caller whether there are more). */
export function listPendingClaims(db: Kysely<DB>, limit: number): Promise<ClaimWithContext[]> {
  return withContext(db)
    .where('c.status', '=', 'pending')
    .orderBy('c.created_at')
    .orderBy('c.id')
    .limit(limit)
    .execute();
}

export async function countPendingClaims(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('listing_claim')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Decides a pending claim; undefined when it was decided meanwhile. */
export function decidePendingClaim(
  db: Kysely<DB>,
  id: number,
  decision: { status: 'approved' | 'rejected'; reason: string | null; by: number; at: string },
) {
  return db
    .updateTable('listing_claim')
    .set({
      status: decision.status,
      reason: decision.reason,
      decided_by: decision.by,
      decided_at: decision.at,
      updated_at: decision.at,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

export async function markClaimsRevoked(
  db: Kysely<DB>,
  listingId: string,
  userId: number,
  decision: { reason: string; by: number; at: string },
): Promise<void> {
  await db
    .updateTable('listing_claim')
    .set({
      status: 'revoked',
      reason: decision.reason,
      decided_by: decision.by,
      decided_at: decision.at,
      updated_at: decision.at,
    })
    .where('listing_id', '=', listingId)
    .where('user_id', '=', userId)
    .where('status', '=', 'approved')
    .execute();
}

export interface OwnerRow {
  listing_id: string;
  listing_name: string;
  user_id: number;
  email: string;
  name: string | null;
  since: string;
}

/** Who manages which listing, by listing name; one listing when `listingId` is given. */
export function listOwners(db: Kysely<DB>, options: { listingId?: string; limit: number }): Promise<OwnerRow[]> {
  return db
    .selectFrom('listing_owner as o')
    .innerJoin('listing as l', 'l.id', 'o.listing_id')
    .innerJoin('user_account as u', 'u.id', 'o.user_id')
    .select(['o.listing_id', 'l.name as listing_name', 'o.user_id', 'u.email', 'u.name', 'o.created_at as since'])
    .$if(options.listingId !== undefined, (q) => q.where('o.listing_id', '=', options.listingId!))
    .orderBy('l.name')
    .orderBy('o.listing_id')
    .orderBy('u.email')
    .limit(options.limit)
    .execute();
}

export async function removeListingOwner(db: Kysely<DB>, listingId: string, userId: number): Promise<boolean> {
  const result = await db
    .deleteFrom('listing_owner')
    .where('listing_id', '=', listingId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The account that manages a listing (a listing has at most one owner), or undefined. */
export async function findOwnerOf(
  db: Kysely<DB>,
  listingId: string,
): Promise<{ user_id: number; email: string } | undefined> {
  return db
    .selectFrom('listing_owner as o')
    .innerJoin('user_account as u', 'u.id', 'o.user_id')
    .select(['o.user_id', 'u.email'])
    .where('o.listing_id', '=', listingId)
    .executeTakeFirst();
}

export function findListingForClaim(db: Kysely<DB>, listingId: string) {
  return db.selectFrom('listing').select(['id', 'name', 'url']).where('id', '=', listingId).executeTakeFirst();
}

/** Every listing's web address with the organisation it belongs to (itself for an organisation). */
export async function listListingHostsAndOwners(db: Kysely<DB>) {
  return db.selectFrom('listing').select(['id', 'kind', 'url', 'organisation_id']).execute();
}
