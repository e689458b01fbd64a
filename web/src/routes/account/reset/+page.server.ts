import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { localizePath } from '$lib/i18n/routing';
import { ApiError, ApiUnavailableError } from '$lib/server/api';
import { requestPasswordReset, resetPassword } from '$lib/server/account-mail-api';
import { emailIssue, issuesOf, newPasswordIssue, type AccountFormFailure } from '../account-checks';

const TOKEN = /^[A-Za-z0-9_-]{16,200}$/;

/**
 * Without a token: asks for the address and sends a link (the same answer for any address). With the
 * token from that link: sets a new password, which ends every session, then goes to sign-in.
 */
export const load = (async (event) => {
  // same-origin: the token in this page's address never goes to another site in a Referer (no-referrer
  // would make browsers send `Origin: null` with the form, which SvelteKit's CSRF check refuses).
  event.setHeaders({ 'cache-control': 'private, no-store', 'referrer-policy': 'same-origin' });
  const token = event.url.searchParams.get('token');
  return { token: token === null ? null : TOKEN.test(token) ? token : '' };
}) satisfies PageServerLoad;

type Failure = AccountFormFailure & { sent?: false };

export const actions = {
  request: async (event) => {
    const data = await event.request.formData();
    const email = String(data.get('email') ?? '')
      .trim()
      .slice(0, 254);
    const values = { email };
    const issues = issuesOf({ email: emailIssue(email) });
    if (Object.keys(issues).length) return fail(400, { values, issues, other: [] } satisfies Failure);
    try {
      await requestPasswordReset(email, { clientAddress: event.getClientAddress() });
    } catch (e) {
      const other = [
        e instanceof ApiError && e.status === 429
          ? m.account_too_many()
          : e instanceof ApiError && e.status === 503
            ? m.account_mail_failed()
            : m.error_unavailable(),
      ];
      if (e instanceof ApiError || e instanceof ApiUnavailableError) {
        return fail(e instanceof ApiError && e.status === 429 ? 429 : 503, {
          values,
          issues: {},
          other,
        } satisfies Failure);
      }
      throw e;
    }
    return { sent: true as const };
  },
  reset: async (event) => {
    const data = await event.request.formData();
    const token = String(data.get('token') ?? '');
    const password = String(data.get('new_password') ?? '').slice(0, 1024);
    const values = { token };
    if (!TOKEN.test(token))
      return fail(400, { values, issues: {}, other: [m.account_link_invalid()] } satisfies Failure);
    const issues = issuesOf({ new_password: newPasswordIssue(password) });
    if (Object.keys(issues).length) return fail(400, { values, issues, other: [] } satisfies Failure);
    try {
      await resetPassword(token, password, { clientAddress: event.getClientAddress() });
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) {
        const tokenProblem = (e.problem?.errors ?? []).some((error) => error.field.includes('token'));
        return fail(400, {
          values,
          issues: tokenProblem ? {} : { new_password: m.form_error_invalid() },
          other: tokenProblem ? [m.account_link_invalid()] : [],
        } satisfies Failure);
      }
      if (e instanceof ApiError && e.status === 429) {
        return fail(429, { values, issues: {}, other: [m.account_too_many()] } satisfies Failure);
      }
      if (e instanceof ApiError || e instanceof ApiUnavailableError) {
        return fail(503, { values, issues: {}, other: [m.error_unavailable()] } satisfies Failure);
      }
      throw e;
    }
    redirect(303, `${localizePath('/account/signin', event.locals.locale)}?password_reset`);
  },
} satisfies Actions;
