import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { localizePath } from '$lib/i18n/routing';
import { ApiError, ApiUnavailableError } from '$lib/server/api';
import { getAsUser, postAsUser } from '$lib/server/account-mail-api';
import { rethrowApiFailure } from '$lib/server/problem-errors';
import { requireModerator, userContext } from '$lib/server/session';

/** A report as GET /moderation/reports answers it (the API's ReportForReview). */
interface ReportForReview {
  id: number;
  listing_id: string;
  listing_name: string | null;
  problem: 'contact' | 'address' | 'closed' | 'details' | 'link' | 'other';
  details: string | null;
  reply_email: string | null;
  lang: string;
  owner_notified: boolean;
  created_at: string;
}

/** Problems people reported on listings, oldest first, for a moderator to fix or dismiss. */
export const load = (async (event) => {
  const session = await requireModerator(event);
  event.setHeaders({ 'cache-control': 'private, no-store' });
  const date = new Intl.DateTimeFormat(event.locals.locale, { dateStyle: 'medium', timeZone: 'UTC' });
  try {
    const queue = await getAsUser<{ open: number; items: ReportForReview[] }>(
      '/moderation/reports',
      userContext(event, session),
    );
    return {
      user: session.user,
      open: queue.open,
      reports: queue.items.map((r) => ({ ...r, sentOn: date.format(new Date(r.created_at)) })),
      done: event.url.searchParams.get('done'),
    };
  } catch (e) {
    rethrowApiFailure(e, { notFound: m.error_not_found(), unavailable: m.error_unavailable() });
  }
}) satisfies PageServerLoad;

export const actions = {
  default: async (event) => {
    const session = await requireModerator(event);
    const data = await event.request.formData();
    const id = Number.parseInt(String(data.get('report') ?? ''), 10) || 0;
    const status = data.get('status') === 'fixed' ? 'fixed' : 'dismissed';
    const note = String(data.get('note') ?? '')
      .trim()
      .slice(0, 2000);
    const target = `report-${id}`;
    try {
      await postAsUser(`/moderation/reports/${id}/decision`, userContext(event, session), {
        status,
        ...(note ? { note } : {}),
      });
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 409)) {
        return fail(409, { target, problem: m.journeys_mod_report_gone() });
      }
      if (e instanceof ApiError || e instanceof ApiUnavailableError) {
        return fail(503, { target, problem: m.error_unavailable() });
      }
      throw e;
    }
    redirect(303, `${localizePath('/moderation/reports', event.locals.locale)}?done`);
  },
} satisfies Actions;
