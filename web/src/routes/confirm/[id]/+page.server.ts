import { error, fail } from '@sveltejs/kit';
import { LISTING_ID_PATTERN } from '@skillway/core';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { ApiError, ApiUnavailableError, getListing } from '$lib/server/api';
import { getAsUser, postAsUser } from '$lib/server/account-mail-api';
import { requireSession, userContext } from '$lib/server/session';

const LISTING_ID = new RegExp(LISTING_ID_PATTERN);

interface Freshness {
  confirmed_at: string | null;
  checked_at: string | null;
  may_be_out_of_date: boolean;
}

/** Where a reminder e-mail leads: the owner confirms the listing in one click, or goes to edit it. */
export const load = (async (event) => {
  const session = await requireSession(event);
  event.setHeaders({ 'cache-control': 'private, no-store' });
  const id = event.params.id;
  if (!LISTING_ID.test(id)) error(404, { message: m.error_not_found() });
  const ctx = userContext(event, session);
  try {
    const [listing, freshness] = await Promise.all([
      getListing(id, ctx),
      getAsUser<Freshness>(`/listings/${encodeURIComponent(id)}/freshness`, ctx),
    ]);
    const date = new Intl.DateTimeFormat(event.locals.locale, { dateStyle: 'long', timeZone: 'UTC' });
    const show = (d: string | null) => (d ? date.format(new Date(d)) : null);
    return {
      listing: { id: listing.id, name: listing.name },
      confirmedOn: show(freshness.confirmed_at),
      checkedOn: show(freshness.checked_at),
      stale: freshness.may_be_out_of_date,
    };
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) error(404, { message: m.error_not_found() });
    error(503, { message: m.error_unavailable() });
  }
}) satisfies PageServerLoad;

export const actions = {
  default: async (event) => {
    const session = await requireSession(event);
    try {
      await postAsUser(`/listings/${encodeURIComponent(event.params.id)}/confirm`, userContext(event, session));
    } catch (e) {
      if (e instanceof ApiError && e.status === 403) return fail(403, { problem: m.confirm_not_owner() });
      if (e instanceof ApiError && e.status === 429) return fail(429, { problem: m.account_too_many() });
      if (e instanceof ApiError || e instanceof ApiUnavailableError)
        return fail(503, { problem: m.error_unavailable() });
      throw e;
    }
    return { confirmed: true };
  },
} satisfies Actions;
