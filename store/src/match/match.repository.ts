import { sql, type Kysely } from 'kysely';
import type { ListingRecord } from '@skillway/core';
import type { DB, ListingValueField } from '../database';
import { isPostgres } from '../migrations/dialect';

/** What a /match answer says of a listing: its search hit and the facts its reasons are written from. */
export type MatchedRecord = Pick<
  ListingRecord,
  | 'id'
  | 'kind'
  | 'name'
  | 'summary'
  | 'countries'
  | 'city'
  | 'categories'
  | 'audiences'
  | 'occupations'
  | 'skills'
  | 'languages'
  | 'cost'
  | 'delivery'
  | 'active'
  | 'organisation'
  | 'url'
>;

export interface MatchedListing {
  record: MatchedRecord;
  organisationName: string | null;
  /** the listing's occupations as ISCO codes (ESCO URIs resolved, unknown ones dropped) */
  occupationCodes: string[];
}

const FIELD_SEPARATOR = '\u001f';
const VALUE_SEPARATOR = '\u001e';

interface MatchedRow {
  id: string;
  kind: string;
  name: string;
  summary: string;
  city: string | null;
  cost: string;
  url: string;
  active: number | null;
  organisation_id: string | null;
  organisation_name: string | null;
  /** field, position and value of each listing_value row, folded into one string */
  vals: string | null;
}

/**
 * The few listings that made the cut, in the order of `ids`: one query for the columns a hit shows
 * and the listing's values folded into one string (as the listing snapshot reads them). It was three
 * (the whole rows, their values, the occupations' ISCO codes), each compiled and prepared anew per
 * /match; the codes come from the taxonomy already in memory (`occupationIsco`).
 */
export async function loadMatchedListings(
  db: Kysely<DB>,
  ids: readonly string[],
  occupationIsco: (uri: string) => string | undefined,
): Promise<MatchedListing[]> {
  if (ids.length === 0) return [];
  // The same aggregate under each database's name.
  const concat = isPostgres(db) ? sql.raw('string_agg') : sql.raw('group_concat');
  const { rows } = await sql<MatchedRow>`
    select l.id, l.kind, l.name, l.summary, l.city, l.cost, l.url, l.active, l.organisation_id,
      o.name as organisation_name,
      (select ${concat}(v.field || ${FIELD_SEPARATOR} || cast(v.position as text) || ${FIELD_SEPARATOR} || v.value,
          ${VALUE_SEPARATOR})
       from listing_value v where v.listing_id = l.id) as vals
    from listing l left join listing o on o.id = l.organisation_id
    where l.id in (${sql.join([...ids])})
  `.execute(db);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const values = valuesOf(row.vals);
    const record: MatchedRecord = {
      id: row.id,
      kind: row.kind as MatchedRecord['kind'],
      name: row.name,
      summary: row.summary,
      countries: values.countries as MatchedRecord['countries'],
      city: row.city,
      categories: values.categories as MatchedRecord['categories'],
      audiences: values.audiences as MatchedRecord['audiences'],
      occupations: values.occupations,
      skills: values.skills,
      languages: values.languages,
      cost: row.cost as MatchedRecord['cost'],
      delivery: values.delivery as MatchedRecord['delivery'],
      active: row.active === null ? null : Number(row.active) === 1,
      organisation: row.organisation_id,
      url: row.url,
    };
    const occupationCodes = record.occupations.flatMap((ref) =>
      ref.startsWith('http') ? (occupationIsco(ref) ?? []) : [ref],
    );
    return [{ record, organisationName: row.organisation_name, occupationCodes }];
  });
}

/** The folded values, per field in position order (listingRowsToRecords' order). */
function valuesOf(vals: string | null): Record<ListingValueField, string[]> {
  const fields: Record<ListingValueField, { position: number; value: string }[]> = {
    countries: [],
    categories: [],
    audiences: [],
    occupations: [],
    skills: [],
    languages: [],
    delivery: [],
  };
  for (const item of vals ? vals.split(VALUE_SEPARATOR) : []) {
    const first = item.indexOf(FIELD_SEPARATOR);
    const second = item.indexOf(FIELD_SEPARATOR, first + 1);
    const list = fields[item.slice(0, first) as ListingValueField];
    list?.push({ position: Number(item.slice(first + 1, second)), value: item.slice(second + 1) });
  }
  const out = {} as Record<ListingValueField, string[]>;
  for (const [field, list] of Object.entries(fields)) {
    out[field as ListingValueField] = list.sort((a, b) => a.position - b.position).map((v) => v.value);
  }
  return out;
}
