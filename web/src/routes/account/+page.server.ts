import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { ApiError, ApiUnavailableError } from '$lib/server/api';
import { requestVerification } from '$lib/server/account-mail-api';
import { requireSession, userContext } from '$lib/server/session';

export const load = (async (event) => {
  const session = await requireSession(event);
  event.setHeaders({ 'cache-control': 'private, no-store' });
  return {
    user: session.user,
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
