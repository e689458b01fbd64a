import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { listMyListings, listMySubmissions } from '$lib/server/api';
import { rethrowApiFailure } from '$lib/server/problem-errors';
import { requireSession, userContext } from '$lib/server/session';

function formatDate(value: string | null, locale: string): string | null {
  if (!value) return null;
  // Formatted here, not in the component, so server and browser never disagree (ICU versions differ).
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(value));
}

const noticeId = (value: string | null) => (value && /^[1-9][0-9]{0,15}$/.test(value) ? Number(value) : null);

/** My listings: what I sent (with its review) and the live listings I look after. */
export const load = (async (event) => {
  const session = await requireSession(event);
  event.setHeaders({ 'cache-control': 'private, no-store' });
  const ctx = userContext(event, session);
  const locale = event.locals.locale;
  try {
    const [submissions, listings] = await Promise.all([listMySubmissions(ctx), listMyListings(ctx)]);
    return {
      user: session.user,
      submissions: submissions.map((s) => ({
        id: s.id,
        type: s.type,
        status: s.status,
        name: s.content.name,
        listingId: s.listing_id,
        reason: s.reason,
        sentOn: formatDate(s.created_at, locale),
        reviewedOn: formatDate(s.reviewed_at, locale),
      })),
      listings,
      submitted: noticeId(event.url.searchParams.get('submitted')),
      updated: noticeId(event.url.searchParams.get('updated')),
    };
  } catch (e) {
    rethrowApiFailure(e, { notFound: m.error_not_found(), unavailable: m.error_unavailable() });
  }
}) satisfies PageServerLoad;
