import { error, fail } from '@sveltejs/kit';
import { LISTING_ID_PATTERN } from '@skillway/core';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { ApiError, ApiUnavailableError, getListing } from '$lib/server/api';
import { postAsUser } from '$lib/server/account-mail-api';
import { checkReportForm, readReportForm } from './report-form';

const LISTING_ID = new RegExp(LISTING_ID_PATTERN);

/** "Report a problem" with a listing: no account; the form posts to this page (SvelteKit checks its origin). */
export const load = (async ({ params, getClientAddress }) => {
  if (!LISTING_ID.test(params.id)) error(404, { message: m.error_listing_not_found() });
  try {
    const listing = await getListing(params.id, { clientAddress: getClientAddress() });
    return { listing: { id: listing.id, name: listing.name } };
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) error(404, { message: m.error_listing_not_found() });
    error(503, { message: m.error_unavailable() });
  }
}) satisfies PageServerLoad;

export const actions = {
  default: async (event) => {
    const values = readReportForm(await event.request.formData());
    const errors = checkReportForm(values);
    if (Object.keys(errors).length) return fail(400, { values, errors });
    try {
      // Sent as the visitor (their address for the API's per-client limit), never with a session.
      await postAsUser(
        `/listings/${encodeURIComponent(event.params.id)}/reports`,
        { clientAddress: event.getClientAddress() },
        {
          problem: values.problem,
          ...(values.details ? { details: values.details } : {}),
          ...(values.email ? { email: values.email } : {}),
          lang: event.locals.locale,
        },
      );
      return { sent: true };
    } catch (e) {
      if (e instanceof ApiError && e.status === 429) return fail(429, { values, problem: m.account_too_many() });
      if (e instanceof ApiError && e.status === 404) return fail(404, { values, problem: m.error_listing_not_found() });
      if (e instanceof ApiError && e.status === 400) return fail(400, { values, problem: e.problem?.detail ?? '' });
      if (e instanceof ApiError || e instanceof ApiUnavailableError) {
        return fail(503, { values, problem: m.error_unavailable() });
      }
      throw e;
    }
  },
} satisfies Actions;
