import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { localizePath } from '$lib/i18n/routing';
import { ApiError, ApiUnavailableError } from '$lib/server/api';
import { verifyEmail } from '$lib/server/account-mail-api';
import { passCookies, safeReturnPath } from '$lib/server/session';

const NEXT_COOKIE = 'skillway_after_verify';

const TOKEN = /^[A-Za-z0-9_-]{16,200}$/;

/**
 * The page a confirmation link opens. Opening it changes nothing (mail scanners open links too): the
 * button posts the token, which creates or confirms the account and signs in.
 */
export const load = (async (event) => {
  // same-origin: the token in this page's address never goes to another site in a Referer (no-referrer
  // would make browsers send `Origin: null` with the form, which SvelteKit's CSRF check refuses).
  event.setHeaders({ 'cache-control': 'private, no-store', 'referrer-policy': 'same-origin' });
  const token = event.url.searchParams.get('token') ?? '';
  return { token: TOKEN.test(token) ? token : '' };
}) satisfies PageServerLoad;

export const actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const token = String(data.get('token') ?? '');
    if (!TOKEN.test(token)) return fail(400, { problem: m.account_link_invalid() });
    try {
      const answer = await verifyEmail(token, { clientAddress: event.getClientAddress() });
      passCookies(event, answer.setCookies);
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) return fail(400, { problem: m.account_link_invalid() });
      if (e instanceof ApiError && e.status === 429) return fail(429, { problem: m.account_too_many() });
      if (e instanceof ApiError || e instanceof ApiUnavailableError)
        return fail(503, { problem: m.error_unavailable() });
      throw e;
    }
    const next = safeReturnPath(event.cookies.get(NEXT_COOKIE) ?? '', '');
    event.cookies.delete(NEXT_COOKIE, { path: '/' });
    redirect(303, next || localizePath('/provider', event.locals.locale));
  },
} satisfies Actions;
