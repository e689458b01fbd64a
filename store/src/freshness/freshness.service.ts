import { sql, type Kysely } from 'kysely';
import type { Freshness } from '@skillway/core';
import type { DB } from '../database';
import { greatest } from '../dialect';
import { appendAudit } from '../accounts/audit-log.repository';
import type { Mailer } from '../accounts/mailer';
import { forbidden, notFound } from '../accounts/service-errors';
import { isListingOwnedBy } from '../submissions/listing-owner.repository';
import type { Actor } from '../submissions/submission.service';
import { bumpSearchGeneration } from '../search/sqlite-index.writer';
import { isStale, STALE_AFTER_MONTHS } from './fresh-since';

const MONTH_MS = 30.44 * 24 * 60 * 60 * 1000;
export const FIRST_REMINDER_MONTHS = 6;
export const SECOND_REMINDER_MONTHS = 9;
export { STALE_AFTER_MONTHS };

/** What GET /listings/:id/freshness answers: core's schema. */
export type { Freshness };

/** A provider's change that a moderator approved counts as a confirmation too. */
const lastApprovedChange = sql<
  string | null
>`(select max(s.reviewed_at) from submission s where s.listing_id = l.id and s.status = 'approved')`.as('changed_at');

const monthsBefore = (now: Date, months: number) => new Date(now.getTime() - months * MONTH_MS).toISOString();

/**
 * How fresh listings are: providers confirm theirs, reminders go out after 6 and 9 months without a
 * confirmation, and a listing neither confirmed nor checked for 12 months may be out of date.
 */
export class FreshnessService {
  private readonly now: () => Date;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly options: { now?: () => Date; mailer?: Mailer; webUrl?: string } = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async get(listingId: string): Promise<Freshness> {
    const row = await this.db
      .selectFrom('listing as l')
      .leftJoin('listing_freshness as f', 'f.listing_id', 'l.id')
      .select(['l.id', 'l.checked_at', 'f.confirmed_at', lastApprovedChange])
      .where('l.id', '=', listingId)
      .executeTakeFirst();
    if (!row) throw notFound(`There is no listing "${listingId}".`);
    const latest = (...dates: (string | null | undefined)[]) =>
      dates
        .filter((d): d is string => !!d)
        .sort()
        .at(-1) ?? null;
    const confirmed = latest(row.confirmed_at, row.changed_at);
    const newest = latest(confirmed, row.checked_at);
    return {
      listing_id: row.id,
      confirmed_at: confirmed,
      checked_at: row.checked_at,
      may_be_out_of_date: isStale(newest, this.now()),
    };
  }

  /** The owner says the listing is right as it is; reminders start over. */
  async confirm(actor: Actor, listingId: string): Promise<Freshness> {
    if (!(await isListingOwnedBy(this.db, listingId, actor.id))) {
      const exists = await this.db.selectFrom('listing').select('id').where('id', '=', listingId).executeTakeFirst();
      if (!exists) throw notFound(`There is no listing "${listingId}".`);
      throw forbidden(`Only the listing's owner can confirm it; "${listingId}" is not yours.`);
    }
    const at = this.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const values = { confirmed_at: at, confirmed_by: actor.id, reminded_6m_at: null, reminded_9m_at: null };
      await trx
        .insertInto('listing_freshness')
        .values({ listing_id: listingId, ...values })
        .onConflict((oc) => oc.column('listing_id').doUpdateSet(values))
        .execute();
      await appendAudit(trx, {
        at,
        actor_id: actor.id,
        action: 'listing.confirm',
        subject_type: 'listing',
        subject_id: listingId,
        changes: [{ field: 'confirmed_at', after: at }],
      });
      // A stale listing sinks in search: its confirmation changes the ranking, and cached answers go.
      await bumpSearchGeneration(trx);
    });
    return this.get(listingId);
  }

  /**
   * Sends the reminders that are due: the first when an owned listing has gone 6 months without its
   * owner confirming it (counted from the confirmation, else from when they became its owner), the
   * second at 9. Each is sent once per confirmation. Answers how many of each went out.
   */
  async sendReminders(): Promise<{ first: number; second: number }> {
    const now = this.now();
    const rows = await this.db
      .selectFrom('listing_owner as o')
      .innerJoin('listing as l', 'l.id', 'o.listing_id')
      .innerJoin('user_account as u', 'u.id', 'o.user_id')
      .leftJoin('listing_freshness as f', 'f.listing_id', 'o.listing_id')
      .select([
        'o.listing_id',
        'l.name',
        'u.email',
        // The newest of: the owner's confirmation, an approved change, the day they became the owner.
        greatest<string>(this.db, [
          sql`coalesce(f.confirmed_at, '')`,
          sql`coalesce((select max(s.reviewed_at) from submission s where s.listing_id = o.listing_id and s.status = 'approved'), '')`,
          sql`o.created_at`,
        ]).as('since'),
        'f.reminded_6m_at',
        'f.reminded_9m_at',
      ])
      .execute();
    const sixMonths = monthsBefore(now, FIRST_REMINDER_MONTHS);
    const nineMonths = monthsBefore(now, SECOND_REMINDER_MONTHS);
    const sent = { first: 0, second: 0 };
    for (const row of rows) {
      // A reminder counts only for the current period: one sent before the latest confirmation does not.
      const remindedAt6 = row.reminded_6m_at && row.reminded_6m_at >= row.since;
      const remindedAt9 = row.reminded_9m_at && row.reminded_9m_at >= row.since;
      const which =
        row.since < nineMonths && !remindedAt9 ? 'second' : row.since < sixMonths && !remindedAt6 ? 'first' : null;
      if (!which) continue;
      const link = `${this.options.webUrl ?? ''}/confirm/${encodeURIComponent(row.listing_id)}`;
      await this.options.mailer?.send({
        to: row.email,
        kind: `freshness-reminder-${which}`,
        subject: `Is "${row.name}" still right? Please check your Skillway listing`,
        text: [
          `Refugees rely on "${row.name}" being right. It has not been confirmed for ${which === 'first' ? 6 : 9} months.`,
          '',
          `If it is still right, confirm it in one click; if not, propose the changes: ${link}`,
          '',
          `After ${STALE_AFTER_MONTHS} months without a confirmation, readers see that it may be out of date.`,
        ].join('\n'),
      });
      const at = now.toISOString();
      const stamp =
        which === 'first' ? { reminded_6m_at: at } : { reminded_6m_at: row.reminded_6m_at ?? at, reminded_9m_at: at };
      await this.db
        .insertInto('listing_freshness')
        .values({ listing_id: row.listing_id, confirmed_at: null, confirmed_by: null, ...stamp })
        .onConflict((oc) => oc.column('listing_id').doUpdateSet(stamp))
        .execute();
      sent[which] += 1;
    }
    return sent;
  }
}
