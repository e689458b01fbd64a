import type { ColumnType, Generated } from 'kysely';

/** What can be wrong with a listing, as the report form offers it. */
export const REPORT_PROBLEMS = ['contact', 'address', 'closed', 'details', 'link', 'other'] as const;
export type ReportProblem = (typeof REPORT_PROBLEMS)[number];
/** `open` waits in the moderation queue; a moderator marks it `fixed` or `dismissed`. */
export const REPORT_STATUSES = ['open', 'fixed', 'dismissed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** A problem someone reported on a listing (migration 0009). */
export interface ListingReportTable {
  id: Generated<number>;
  listing_id: string;
  problem: ReportProblem;
  details: string | null;
  /** the reporter's address for a reply; only moderators see it */
  reply_email: string | null;
  /** the UI language the report was written in */
  lang: string;
  status: ColumnType<ReportStatus, ReportStatus | undefined, ReportStatus>;
  /** the moderator's note when deciding */
  note: string | null;
  owner_notified_at: string | null;
  decided_by: number | null;
  decided_at: string | null;
  created_at: string;
}

// Declaration merging adds the table to the store's DB type from here, beside the code that uses it.
declare module '../database' {
  interface DB {
    listing_report: ListingReportTable;
  }
}
