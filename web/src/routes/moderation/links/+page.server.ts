import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getAsUser } from '$lib/server/account-mail-api';
import { rethrowApiFailure } from '$lib/server/problem-errors';
import { requireModerator, userContext } from '$lib/server/session';

interface BrokenLink {
  listing_id: string;
  listing_name: string;
  field: string;
  url: string;
  status: number | null;
  error: string | null;
  checked_at: string;
}

/** The links that were broken at the last `npm run check-links`. */
export const load = (async (event) => {
  const session = await requireModerator(event);
  event.setHeaders({ 'cache-control': 'private, no-store' });
  try {
    const { items } = await getAsUser<{ items: BrokenLink[] }>('/moderation/links', userContext(event, session));
    return { user: session.user, items };
  } catch (e) {
    rethrowApiFailure(e, { notFound: m.error_not_found(), unavailable: m.error_unavailable() });
  }
}) satisfies PageServerLoad;
