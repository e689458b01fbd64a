import type { Kysely, Selectable } from 'kysely';
import type { DB, LinkCheckTable } from '../database';
import type { LinkResult, LinkToCheck } from './link-checker';

export type LinkCheckRow = Selectable<LinkCheckTable>;

/** Every listing's url and source_url (the ones that are set). */
export async function listLinks(db: Kysely<DB>): Promise<LinkToCheck[]> {
  const rows = await db.selectFrom('listing').select(['id', 'url', 'source_url']).orderBy('id').execute();
  return rows.flatMap((r) => [
    ...(r.url ? [{ listing_id: r.id, field: 'url' as const, url: r.url }] : []),
    ...(r.source_url ? [{ listing_id: r.id, field: 'source_url' as const, url: r.source_url }] : []),
  ]);
}

export async function saveLinkResults(db: Kysely<DB>, results: LinkResult[], at: string): Promise<void> {
  for (const r of results) {
    const values = {
      listing_id: r.listing_id,
      field: r.field,
      url: r.url,
      status: r.status,
      location: r.location,
      error: r.error,
      broken: r.broken ? 1 : 0,
      checked_at: at,
    };
    await db
      .insertInto('link_check')
      .values(values)
      .onConflict((oc) => oc.columns(['listing_id', 'field']).doUpdateSet(values))
      .execute();
  }
}

export interface BrokenLink extends LinkCheckRow {
  listing_name: string;
}

/** Broken links of listings that still exist, and whose url is still the one checked. */
export function listBrokenLinks(db: Kysely<DB>): Promise<BrokenLink[]> {
  return db
    .selectFrom('link_check as c')
    .innerJoin('listing as l', 'l.id', 'c.listing_id')
    .selectAll('c')
    .select('l.name as listing_name')
    .where('c.broken', '=', 1)
    .where((eb) =>
      eb.or([
        eb.and([eb('c.field', '=', 'url'), eb('c.url', '=', eb.ref('l.url'))]),
        eb.and([eb('c.field', '=', 'source_url'), eb('c.url', '=', eb.ref('l.source_url'))]),
      ]),
    )
    .orderBy('l.name')
    .orderBy('c.field')
    .execute();
}
