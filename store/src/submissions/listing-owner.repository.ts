import type { Kysely } from 'kysely';
import type { ListingRef, Kind } from '@skillway/core';
import type { DB } from '../database';

export async function addListingOwner(db: Kysely<DB>, listingId: string, userId: number, at: string): Promise<void> {
  await db.insertInto('listing_owner').values({ listing_id: listingId, user_id: userId, created_at: at }).execute();
}

export async function isListingOwnedBy(db: Kysely<DB>, listingId: string, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('listing_owner')
    .select('listing_id')
    .where('listing_id', '=', listingId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The live listings a user owns, by name. */
export async function listListingsOwnedBy(db: Kysely<DB>, userId: number): Promise<ListingRef[]> {
  const rows = await db
    .selectFrom('listing_owner as o')
    .innerJoin('listing as l', 'l.id', 'o.listing_id')
    .select(['l.id', 'l.kind', 'l.name'])
    .where('o.user_id', '=', userId)
    .orderBy('l.name')
    .orderBy('l.id')
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind as Kind, name: r.name }));
}
