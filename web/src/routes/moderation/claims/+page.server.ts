import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { m } from '$lib/paraglide/messages';
import { localizePath } from '$lib/i18n/routing';
import { ApiError, ApiUnavailableError } from '$lib/server/api';
import { getAsUser, postAsUser } from '$lib/server/account-mail-api';
import { rethrowApiFailure } from '$lib/server/problem-errors';
import { requireModerator, userContext } from '$lib/server/session';

interface ClaimForReview {
  id: number;
  listing_id: string;
  listing_name: string | null;
  evidence: string | null;
  created_at: string;
  user: { id: number; email: string; name: string | null };
  email_domain: string;
  listing_host: string | null;
  current_owner: string | null;
}
interface Owner {
  listing_id: string;
  listing_name: string;
  user_id: number;
  email: string;
  name: string | null;
  since: string;
}

/** Claims waiting for a decision, and who manages which listing (with a way to end it). */
export const load = (async (event) => {
  const session = await requireModerator(event);
  event.setHeaders({ 'cache-control': 'private, no-store' });
  const ctx = userContext(event, session);
  const date = new Intl.DateTimeFormat(event.locals.locale, { dateStyle: 'medium', timeZone: 'UTC' });
  try {
    const [queue, owners] = await Promise.all([
      getAsUser<{ pending: number; items: ClaimForReview[] }>('/moderation/claims', ctx),
      getAsUser<{ items: Owner[] }>('/moderation/owners', ctx),
    ]);
    return {
      user: session.user,
      pending: queue.pending,
      claims: queue.items.map((c) => ({ ...c, sentOn: date.format(new Date(c.created_at)) })),
      owners: owners.items.map((o) => ({ ...o, sinceOn: date.format(new Date(o.since)) })),
      done: event.url.searchParams.get('done'),
    };
  } catch (e) {
    rethrowApiFailure(e, { notFound: m.error_not_found(), unavailable: m.error_unavailable() });
  }
}) satisfies PageServerLoad;

async function act(event: RequestEvent, path: (data: FormData) => string, needsReason: boolean) {
  const session = await requireModerator(event);
  const data = await event.request.formData();
  const reason = String(data.get('reason') ?? '')
    .trim()
    .slice(0, 2000);
  const target = String(data.get('target') ?? '');
  if (needsReason && !reason) return fail(400, { target, problem: m.form_error_required() });
  try {
    await postAsUser(path(data), userContext(event, session), needsReason ? { reason } : undefined);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 409)) {
      return fail(409, { target, problem: m.mod_claim_gone() });
    }
    if (e instanceof ApiError || e instanceof ApiUnavailableError) {
      return fail(503, { target, problem: m.error_unavailable() });
    }
    throw e;
  }
  redirect(303, `${localizePath('/moderation/claims', event.locals.locale)}?done`);
}

const claimId = (data: FormData) => Number.parseInt(String(data.get('claim') ?? ''), 10) || 0;

export const actions = {
  approve: (event) => act(event, (d) => `/moderation/claims/${claimId(d)}/approve`, false),
  reject: (event) => act(event, (d) => `/moderation/claims/${claimId(d)}/reject`, true),
  revoke: (event) =>
    act(
      event,
      (d) =>
        `/moderation/listings/${encodeURIComponent(String(d.get('listing') ?? ''))}/owners/${
          Number.parseInt(String(d.get('user') ?? ''), 10) || 0
        }/revoke`,
      true,
    ),
} satisfies Actions;
