import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { localizePath } from '$lib/i18n/routing';
import { ApiError, ApiUnavailableError } from '$lib/server/api';
import { startSignUp } from '$lib/server/account-mail-api';
import { currentSession, safeReturnPath } from '$lib/server/session';
import { apiField, emailIssue, issuesOf, newPasswordIssue, type AccountFormFailure } from '../account-checks';

const NAME_MAX = 200;
const NEXT_COOKIE = 'skillway_after_verify';

export const load = (async (event) => {
  const session = await currentSession(event).catch(() => null);
  const next = event.url.searchParams.get('next') ?? '';
  if (session) redirect(303, safeReturnPath(next, localizePath('/provider', event.locals.locale)));
  return { next };
}) satisfies PageServerLoad;

export const actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const email = String(data.get('email') ?? '')
      .trim()
      .slice(0, 254);
    const password = String(data.get('password') ?? '').slice(0, 1024);
    const name = String(data.get('name') ?? '').trim();
    const next = String(data.get('next') ?? '');
    const values = { email, name, next };
    const issues = issuesOf({
      email: emailIssue(email),
      password: newPasswordIssue(password),
      name: [...name].length > NAME_MAX ? m.form_error_too_long({ limit: NAME_MAX }) : null,
    });
    if (Object.keys(issues).length) return fail(400, { values, issues, other: [] } satisfies AccountFormFailure);

    try {
      // The same answer whether or not the address has an account: the e-mail says which.
      await startSignUp({ email, password, ...(name && { name }) }, { clientAddress: event.getClientAddress() });
    } catch (e) {
      const refuse = (status: number, failure: Omit<AccountFormFailure, 'values'>) =>
        fail(status, { values, ...failure } satisfies AccountFormFailure);
      if (e instanceof ApiError) {
        if (e.status === 503) return refuse(503, { issues: {}, other: [m.account_mail_failed()] });
        if (e.status === 429) return refuse(429, { issues: {}, other: [m.account_too_many()] });
        if (e.status === 400) {
          const fieldIssues: Record<string, string> = {};
          for (const error of e.problem?.errors ?? []) {
            const field = apiField(error.field);
            if (field === 'email') fieldIssues.email = m.form_error_email();
            else if (field === 'password' || field === 'name') fieldIssues[field] ??= error.reason;
          }
          return refuse(400, {
            issues: fieldIssues,
            other: Object.keys(fieldIssues).length ? [] : [m.form_error_invalid()],
          });
        }
      }
      if (e instanceof ApiError || e instanceof ApiUnavailableError) {
        return refuse(503, { issues: {}, other: [m.error_unavailable()] });
      }
      throw e;
    }
    // Where to go once the link in the e-mail is followed (in this browser): kept in a cookie, not in the link.
    const after = safeReturnPath(next, '');
    if (after)
      event.cookies.set(NEXT_COOKIE, after, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 3 * 24 * 3600 });
    redirect(303, localizePath('/account/check-email', event.locals.locale));
  },
} satisfies Actions;
