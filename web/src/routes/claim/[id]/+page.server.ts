import { error, fail } from '@sveltejs/kit';
import { LISTING_ID_PATTERN } from '@skillway/core';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { ApiError, ApiUnavailableError, getListing } from '$lib/server/api';
import { postAsUser } from '$lib/server/account-mail-api';
import { requireSession, userContext } from '$lib/server/session';

const LISTING_ID = new RegExp(LISTING_ID_PATTERN);
const EVIDENCE_MAX = 2000;

interface Claim {
  id: number;
  status: 'pending' | 'approved' | 'rejected' | 'revoked';
  method: 'domain' | 'review';
}

/** Ask to manage one listing; the answer says whether it was confirmed at once or waits for a moderator. */
export const load = (async (event) => {
  const session = await requireSession(event);
  event.setHeaders({ 'cache-control': 'private, no-store' });
  const id = event.params.id;
  if (!LISTING_ID.test(id)) error(404, { message: m.error_not_found() });
  try {
    const listing = await getListing(id, { clientAddress: event.getClientAddress() });
    return { listing: { id: listing.id, name: listing.name, url: listing.url }, verified: session.user.email_verified };
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) error(404, { message: m.error_not_found() });
    error(503, { message: m.error_unavailable() });
  }
}) satisfies PageServerLoad;

export const actions = {
  default: async (event) => {
    const session = await requireSession(event);
    const data = await event.request.formData();
    const evidence = String(data.get('evidence') ?? '').trim();
    if ([...evidence].length > EVIDENCE_MAX) {
      return fail(400, { evidence, problem: m.form_error_too_long({ limit: EVIDENCE_MAX }) });
    }
    try {
      const claim = await postAsUser<Claim>(
        `/listings/${encodeURIComponent(event.params.id)}/claims`,
        userContext(event, session),
        evidence ? { evidence } : {},
      );
      return { claimed: claim.status };
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) return fail(409, { evidence, problem: m.claim_already() });
      if (e instanceof ApiError && e.status === 403) return fail(403, { evidence, problem: m.account_unverified() });
      if (e instanceof ApiError && e.status === 429) return fail(429, { evidence, problem: m.account_too_many() });
      if (e instanceof ApiError && e.status === 404) return fail(404, { evidence, problem: m.error_not_found() });
      if (e instanceof ApiError || e instanceof ApiUnavailableError) {
        return fail(503, { evidence, problem: m.error_unavailable() });
      }
      throw e;
    }
  },
} satisfies Actions;
