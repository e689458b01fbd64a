import type { Kysely } from 'kysely';
import type { ListingRecord } from '@skillway/core';
import type { DB } from '../database';
import { listingRowsToRecords } from '../listing.repository';

export interface MatchedListing {
  record: ListingRecord;
  organisationName: string | null;
  /** the listing's occupations as ISCO codes (ESCO URIs resolved, unknown ones dropped) */
  occupationCodes: string[];
}

/** The few listings that made the cut, whole, in the order of `ids`. */
export async function loadMatchedListings(db: Kysely<DB>, ids: readonly string[]): Promise<MatchedListing[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('listing as l')
    .leftJoin('listing as o', 'o.id', 'l.organisation_id')
    .selectAll('l')
    .select('o.name as organisation_name')
    .where('l.id', 'in', [...ids])
    .execute();
  const values = await db
    .selectFrom('listing_value')
    .select(['listing_id', 'field', 'value', 'position'])
    .where('listing_id', 'in', [...ids])
    .execute();
  const uris = [
    ...new Set(values.filter((v) => v.field === 'occupations' && v.value.startsWith('http')).map((v) => v.value)),
  ];
  const uriCodes = new Map<string, string>();
  if (uris.length > 0) {
    for (const row of await db
      .selectFrom('occupation')
      .select(['uri', 'isco_code'])
      .where('uri', 'in', uris)
      .execute()) {
      uriCodes.set(row.uri, row.isco_code);
    }
  }
  const organisationNames = new Map(rows.map((r) => [r.id, r.organisation_name]));
  const records = new Map(listingRowsToRecords(rows, values).map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const record = records.get(id);
    if (!record) return [];
    const occupationCodes = record.occupations.flatMap((ref) =>
      ref.startsWith('http') ? (uriCodes.get(ref) ?? []) : [ref],
    );
    return [{ record, organisationName: organisationNames.get(id) ?? null, occupationCodes }];
  });
}
