import { LISTING_ID_PATTERN } from '@skillway/core';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getModerationQueue } from '$lib/server/api';
import { getAsUser } from '$lib/server/account-mail-api';
import { rethrowApiFailure } from '$lib/server/problem-errors';
import { requireModerator, userContext } from '$lib/server/session';

const LISTING_ID = new RegExp(LISTING_ID_PATTERN);

/** The moderation queue: pending submissions, oldest first. */
export const load = (async (event) => {
  const session = await requireModerator(event);
  event.setHeaders({ 'cache-control': 'private, no-store' });
  const locale = event.locals.locale;
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  const approved = event.url.searchParams.get('approved');
  try {
    const ctx = userContext(event, session);
    const [queue, reports] = await Promise.all([
      getModerationQueue(ctx),
      // How many reported problems wait (the count beside their link); the queue shows without it.
      getAsUser<{ open: number }>('/moderation/reports?limit=1', ctx).catch(() => null),
    ]);
    return {
      user: session.user,
      pending: queue.pending,
      items: queue.items.map((item) => ({
        id: item.id,
        type: item.type,
        name: item.name,
        listingId: item.listing_id,
        by: item.submitted_by.name ? `${item.submitted_by.name} <${item.submitted_by.email}>` : item.submitted_by.email,
        sentOn: `${date.format(new Date(item.created_at))} UTC`,
      })),
      approved: approved && LISTING_ID.test(approved) ? approved : null,
      rejected: event.url.searchParams.has('rejected'),
      openReports: reports?.open ?? 0,
    };
  } catch (e) {
    rethrowApiFailure(e, { notFound: m.error_not_found(), unavailable: m.error_unavailable() });
  }
}) satisfies PageServerLoad;
