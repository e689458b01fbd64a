import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizePath } from '$lib/i18n/routing';
import { ApiError, ApiUnavailableError, signIn } from '$lib/server/api';
import { currentSession, passCookies, safeReturnPath } from '$lib/server/session';
import { emailIssue, issuesOf, requiredIssue, signInProblem, type AccountFormFailure } from '../account-checks';

function whereNext(url: URL, role: string, locale: App.Locals['locale'], next?: string | null) {
  const fallback = localizePath(role === 'moderator' ? '/moderation' : '/provider', locale);
  return safeReturnPath(next ?? url.searchParams.get('next'), fallback);
}

export const load = (async (event) => {
  // An API that cannot say who this is should not keep anyone from the sign-in form.
  const session = await currentSession(event).catch(() => null);
  if (session) redirect(303, whereNext(event.url, session.user.role, event.locals.locale));
  return {
    next: event.url.searchParams.get('next') ?? '',
    signedOut: event.url.searchParams.has('signed_out'),
    passwordReset: event.url.searchParams.has('password_reset'),
  };
}) satisfies PageServerLoad;

export const actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const email = String(data.get('email') ?? '')
      .trim()
      .slice(0, 254);
    const password = String(data.get('password') ?? '').slice(0, 1024);
    const next = String(data.get('next') ?? '');
    const values = { email, next };
    const issues = issuesOf({ email: emailIssue(email), password: requiredIssue(password) });
    if (Object.keys(issues).length) return fail(400, { values, issues, other: [] } satisfies AccountFormFailure);

    let role: string;
    try {
      const answer = await signIn({ email, password }, { clientAddress: event.getClientAddress() });
      passCookies(event, answer.setCookies);
      role = answer.body.user.role;
    } catch (e) {
      if (e instanceof ApiError || e instanceof ApiUnavailableError) {
        return fail(e instanceof ApiError && e.status === 429 ? 429 : 400, {
          values,
          issues: {},
          other: [signInProblem(e instanceof ApiError ? e.status : undefined)],
        } satisfies AccountFormFailure);
      }
      throw e;
    }
    redirect(303, whereNext(event.url, role, event.locals.locale, next));
  },
} satisfies Actions;
