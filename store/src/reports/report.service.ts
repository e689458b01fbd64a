import type { Kysely } from 'kysely';
import type { DB } from '../database';
import type { Mailer } from '../accounts/mailer';
import { conflict, forbidden, invalid, notFound } from '../accounts/service-errors';
import type { Actor } from '../submissions/submission.service';
import {
  countReports,
  decideOpenReport,
  findListingAndOwner,
  findReport,
  insertReport,
  listReports,
  markOwnerNotified,
  type ReportWithListing,
} from './report.repository';
import { REPORT_PROBLEMS, type ReportProblem, type ReportStatus } from './report.table';
import { ownerReportMail } from './report-mail';

export const REPORT_DETAILS_MAX_LENGTH = 2000;
export const REPORT_NOTE_MAX_LENGTH = 2000;
export const REPORT_EMAIL_MAX_LENGTH = 254;
/** A plain check (one @, a dot in the domain, no spaces): the address is only for a person to reply to. */
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

export interface ReportInput {
  problem: ReportProblem;
  details?: string | null;
  email?: string | null;
  /** the UI language the report was written in */
  lang?: string;
}

/** What the reporter gets back: no address, nothing about the owner. */
export interface ReportReceipt {
  id: number;
  listing_id: string;
  problem: ReportProblem;
  status: ReportStatus;
  created_at: string;
}

/** A report as moderators see it. */
export interface ReportForReview extends ReportReceipt {
  listing_name: string | null;
  listing_url: string | null;
  details: string | null;
  reply_email: string | null;
  lang: string;
  note: string | null;
  owner_notified: boolean;
  decided_at: string | null;
}

function toReview(row: ReportWithListing): ReportForReview {
  return {
    id: row.id,
    listing_id: row.listing_id,
    listing_name: row.listing_name,
    listing_url: row.listing_url,
    problem: row.problem,
    details: row.details,
    reply_email: row.reply_email,
    lang: row.lang,
    status: row.status,
    note: row.note,
    owner_notified: row.owner_notified_at !== null,
    created_at: row.created_at,
    decided_at: row.decided_at,
  };
}

export interface ReportServiceOptions {
  now?: () => Date;
  /** tells the listing's owner; without it nobody is told but the moderators' queue */
  mailer?: Mailer;
  /** the web app's address, for the link in that mail */
  webUrl?: string;
}

/**
 * "Report a problem" on a listing: anyone may report (no account), moderators see the open reports
 * beside submissions and claims and mark them fixed or dismissed, and the listing's owner, if it has
 * one, is told by e-mail what was reported (never who reported it).
 */
export class ReportService {
  private readonly now: () => Date;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly options: ReportServiceOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async report(listingId: string, input: ReportInput): Promise<ReportReceipt> {
    const details = input.details?.trim() || null;
    const email = input.email?.trim().toLowerCase() || null;
    const errors = [];
    if (!(REPORT_PROBLEMS as readonly string[]).includes(input.problem)) {
      errors.push({ field: 'problem', reason: `must be one of ${REPORT_PROBLEMS.join(', ')}` });
    }
    if (details && [...details].length > REPORT_DETAILS_MAX_LENGTH) {
      errors.push({ field: 'details', reason: `must be at most ${REPORT_DETAILS_MAX_LENGTH} characters long` });
    }
    if (input.problem === 'other' && !details) {
      errors.push({ field: 'details', reason: 'must say what is wrong when the problem is "other"' });
    }
    if (email && (email.length > REPORT_EMAIL_MAX_LENGTH || !EMAIL.test(email))) {
      errors.push({ field: 'email', reason: 'must be an e-mail address' });
    }
    if (errors.length) throw invalid('The report is not valid.', errors);

    const listing = await findListingAndOwner(this.db, listingId);
    if (!listing) throw notFound(`There is no listing "${listingId}".`);
    const at = this.now().toISOString();
    const row = await insertReport(this.db, {
      listing_id: listingId,
      problem: input.problem,
      details,
      reply_email: email,
      lang: input.lang ?? 'en',
      created_at: at,
    });
    if (listing.owner_email && this.options.mailer) {
      // The report is stored first: a mail that fails loses nothing, the moderators still see it.
      const mail = ownerReportMail({
        listingName: listing.name,
        listingId,
        problem: input.problem,
        details,
        webUrl: this.options.webUrl ?? '',
      });
      const sent = await this.options.mailer
        .send({ to: listing.owner_email, kind: 'listing-report', ...mail })
        .then(() => true)
        .catch(() => false);
      if (sent) await markOwnerNotified(this.db, row.id, at);
    }
    return {
      id: row.id,
      listing_id: row.listing_id,
      problem: row.problem,
      status: row.status,
      created_at: row.created_at,
    };
  }

  private assertModerator(actor: Actor): void {
    if (actor.role !== 'moderator') throw forbidden('Only moderators can see and decide reports.');
  }

  async queue(
    actor: Actor,
    options: { status?: ReportStatus; limit?: number } = {},
  ): Promise<{ open: number; items: ReportForReview[] }> {
    this.assertModerator(actor);
    const rows = await listReports(this.db, options.status ?? 'open', options.limit ?? 100);
    return { open: await countReports(this.db, 'open'), items: rows.map(toReview) };
  }

  async decide(
    actor: Actor,
    id: number,
    decision: { status: 'fixed' | 'dismissed'; note?: string | null },
  ): Promise<ReportForReview> {
    this.assertModerator(actor);
    const note = decision.note?.trim() || null;
    if (note && [...note].length > REPORT_NOTE_MAX_LENGTH) {
      throw invalid('The decision is not valid.', [
        { field: 'note', reason: `must be at most ${REPORT_NOTE_MAX_LENGTH} characters long` },
      ]);
    }
    const existing = await findReport(this.db, id);
    if (!existing) throw notFound(`There is no report ${id}.`);
    const row = await decideOpenReport(this.db, id, {
      status: decision.status,
      note,
      by: actor.id,
      at: this.now().toISOString(),
    });
    if (!row) throw conflict(`Report ${id} was ${existing.status} already.`);
    return toReview((await findReport(this.db, id))!);
  }
}
