import { KINDS } from '@skillway/core';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { emptyListingForm, listingToForm } from '$lib/listing-form/listing-form';
import { ApiError, getMySubmission, submitListing } from '$lib/server/api';
import { LISTING_SCHEMA_JSON } from '$lib/server/listing-schema';
import { rethrowApiFailure } from '$lib/server/problem-errors';
import { requireSession, userContext } from '$lib/server/session';
import { namesOfOccupations, organisationChoices, submitListingForm } from '../listing-form-action.server';

export const load = (async (event) => {
  const session = await requireSession(event);
  event.setHeaders({ 'cache-control': 'private, no-store' });
  const ctx = userContext(event, session);
  let values = emptyListingForm(event.locals.locale);
  // "List a new organisation" (from the organisation field) starts with the kind chosen.
  const kind = event.url.searchParams.get('kind');
  if (kind && (KINDS as readonly string[]).includes(kind)) values.kind = kind;
  // "Submit again" after a rejection starts from what was sent then.
  const from = Number(event.url.searchParams.get('from'));
  if (Number.isSafeInteger(from) && from > 0) {
    try {
      values = listingToForm((await getMySubmission(from, ctx)).content, event.locals.locale);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) {
        rethrowApiFailure(e, { notFound: m.error_not_found(), unavailable: m.error_unavailable() });
      }
    }
  }
  return {
    values,
    schema: LISTING_SCHEMA_JSON,
    organisations: await organisationChoices(ctx, event.locals.locale),
    occupationNames: await namesOfOccupations(values.occupations, ctx, event.locals.locale),
  };
}) satisfies PageServerLoad;

export const actions = {
  default: (event) =>
    submitListingForm(event, {
      send: submitListing,
      done: (submission) => `/provider?submitted=${submission.id}`,
      conflict: m.form_conflict(),
    }),
} satisfies Actions;
