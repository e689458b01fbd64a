import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../database';
import './report.table';
import type { ListingReportTable, ReportProblem, ReportStatus } from './report.table';

export type ReportRow = Selectable<ListingReportTable>;
/** A report with the listing's name and web address, for the moderator who checks it. */
export interface ReportWithListing extends ReportRow {
  listing_name: string | null;
  listing_url: string | null;
}

const withListing = (db: Kysely<DB>) =>
  db
    .selectFrom('listing_report as r')
    .leftJoin('listing as l', 'l.id', 'r.listing_id')
    .selectAll('r')
    .select(['l.name as listing_name', 'l.url as listing_url']);

export function insertReport(
  db: Kysely<DB>,
  report: {
    listing_id: string;
    problem: ReportProblem;
    details: string | null;
    reply_email: string | null;
    lang: string;
    created_at: string;
  },
): Promise<ReportRow> {
  return db.insertInto('listing_report').values(report).returningAll().executeTakeFirstOrThrow();
}

export function findReport(db: Kysely<DB>, id: number): Promise<ReportWithListing | undefined> {
  return withListing(db).where('r.id', '=', id).executeTakeFirst();
}

/** Reports of one status, oldest first, at most `limit`. */
export function listReports(db: Kysely<DB>, status: ReportStatus, limit: number): Promise<ReportWithListing[]> {
  return withListing(db)
    .where('r.status', '=', status)
    .orderBy('r.created_at', status === 'open' ? 'asc' : 'desc')
    .orderBy('r.id')
    .limit(limit)
    .execute();
}

export async function countReports(db: Kysely<DB>, status: ReportStatus): Promise<number> {
  const row = await db
    .selectFrom('listing_report')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', status)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Decides an open report; undefined when it was decided meanwhile (or does not exist). */
export function decideOpenReport(
  db: Kysely<DB>,
  id: number,
  decision: { status: 'fixed' | 'dismissed'; note: string | null; by: number; at: string },
): Promise<ReportRow | undefined> {
  return db
    .updateTable('listing_report')
    .set({ status: decision.status, note: decision.note, decided_by: decision.by, decided_at: decision.at })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .returningAll()
    .executeTakeFirst();
}

export async function markOwnerNotified(db: Kysely<DB>, id: number, at: string): Promise<void> {
  await db.updateTable('listing_report').set({ owner_notified_at: at }).where('id', '=', id).execute();
}

/** The listing's name and who manages it (a listing has at most one owner), if the listing exists. */
export async function findListingAndOwner(
  db: Kysely<DB>,
  listingId: string,
): Promise<{ id: string; name: string; owner_email: string | null } | undefined> {
  const row = await db
    .selectFrom('listing as l')
    .leftJoin('listing_owner as o', 'o.listing_id', 'l.id')
    .leftJoin('user_account as u', 'u.id', 'o.user_id')
    .select(['l.id', 'l.name', 'u.email as owner_email'])
    .where('l.id', '=', listingId)
    .executeTakeFirst();
  return row ? { id: row.id, name: row.name, owner_email: row.owner_email ?? null } : undefined;
}
