import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { ApiError, ApiUnavailableError } from '$lib/server/api';
import { getAsUser, requestVerification } from '$lib/server/account-mail-api';
import { requireSession, userContext } from '$lib/server/session';

export const load = (async (event) => {
  const session = await requireSession(event);
  event.setHeaders({ 'cache-control': 'private, no-store' });
  type Claim = { id: number; listing_id: string; listing_name: string | null; status: string; reason: string | null };
  // The account page works even when the claims cannot be listed.
  const claims = await getAsUser<{ items: Claim[] }>('/claims', userContext(event, session))
    .then((r) => r.items)
    .catch(() => [] as Claim[]);
  return {
    user: session.user,
    claims,
    passwordChanged: event.url.searchParams.has('password_changed'),
  };
}) satisfies PageServerLoad;

export const actions = {
  /** A new confirmation link, for an account whose address is not confirmed yet. */
  verify: async (event) => {
    const session = await requireSession(event);
    try {
      await requestVerification(userContext(event, session));
    } catch (e) {
      if (e instanceof ApiError && e.status === 429) return fail(429, { problem: m.account_too_many() });
      if (e instanceof ApiError && e.status === 503) return fail(503, { problem: m.account_mail_failed() });
      if (e instanceof ApiError || e instanceof ApiUnavailableError)
        return fail(503, { problem: m.error_unavailable() });
      throw e;
    }
    return { verificationSent: true };
  },
} satisfies Actions;
