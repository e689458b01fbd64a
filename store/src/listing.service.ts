import type { Kysely } from 'kysely';
import type { ListingDetail } from '@skillway/core';
import type { DB } from './database';
import { getListingDetail } from './listing.repository';
import { notFound } from './accounts/service-errors';

/** Reading one listing for its page. */
export class ListingService {
  constructor(private readonly db: Kysely<DB>) {}

  /** The listing with its organisation, services and related listings; a `not-found` domain error otherwise. */
  async detail(id: string): Promise<ListingDetail> {
    const listing = await getListingDetail(this.db, id);
    if (!listing) throw notFound(`There is no listing with id "${id}".`);
    return listing;
  }
}
