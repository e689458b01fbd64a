import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { localizePath } from '$lib/i18n/routing';
import { ApiError, ApiUnavailableError, changePassword } from '$lib/server/api';
import { requireSession, userContext } from '$lib/server/session';
import { apiField, issuesOf, newPasswordIssue, requiredIssue, type AccountFormFailure } from '../account-checks';

export const load = (async (event) => {
  await requireSession(event);
  event.setHeaders({ 'cache-control': 'private, no-store' });
  return {};
}) satisfies PageServerLoad;

export const actions = {
  default: async (event) => {
    const session = await requireSession(event);
    const data = await event.request.formData();
    const current = String(data.get('current_password') ?? '').slice(0, 1024);
    const next = String(data.get('new_password') ?? '').slice(0, 1024);
    const issues = issuesOf({ current_password: requiredIssue(current), new_password: newPasswordIssue(next) });
    const refuse = (status: number, failure: Omit<AccountFormFailure, 'values'>) =>
      fail(status, { values: {}, ...failure } satisfies AccountFormFailure);
    if (Object.keys(issues).length) return refuse(400, { issues, other: [] });

    try {
      await changePassword({ current_password: current, new_password: next }, userContext(event, session));
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) {
        const fields = new Set((e.problem?.errors ?? []).map((error) => apiField(error.field)));
        if (fields.has('current_password')) {
          return refuse(400, { issues: { current_password: m.account_current_wrong() }, other: [] });
        }
        if (fields.has('new_password')) {
          return refuse(400, { issues: { new_password: m.account_password_same() }, other: [] });
        }
        return refuse(400, { issues: {}, other: [m.form_error_invalid()] });
      }
      if (e instanceof ApiError && e.status === 429) return refuse(429, { issues: {}, other: [m.account_too_many()] });
      if (e instanceof ApiError || e instanceof ApiUnavailableError) {
        return refuse(503, { issues: {}, other: [m.error_unavailable()] });
      }
      throw e;
    }
    redirect(303, `${localizePath('/account', event.locals.locale)}?password_changed`);
  },
} satisfies Actions;
