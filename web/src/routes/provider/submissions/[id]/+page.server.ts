import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { listingToForm } from '$lib/listing-form/listing-form';
import { getMySubmission, updateSubmission } from '$lib/server/api';
import { LISTING_SCHEMA_JSON } from '$lib/server/listing-schema';
import { rethrowApiFailure } from '$lib/server/problem-errors';
import { requireSession, userContext } from '$lib/server/session';
import { namesOfOccupations, organisationChoices, submitListingForm } from '../../listing-form-action.server';

function submissionId(raw: string): number {
  const id = Number(raw);
  if (!/^[1-9][0-9]{0,15}$/.test(raw) || !Number.isSafeInteger(id)) error(404, { message: m.error_not_found() });
  return id;
}

export const load = (async (event) => {
  const session = await requireSession(event);
  event.setHeaders({ 'cache-control': 'private, no-store' });
  const ctx = userContext(event, session);
  const id = submissionId(event.params.id);
  try {
    const submission = await getMySubmission(id, ctx);
    return {
      submission,
      values: listingToForm(submission.content, event.locals.locale),
      schema: LISTING_SCHEMA_JSON,
      organisations: submission.status === 'pending' ? await organisationChoices(ctx, event.locals.locale) : [],
      occupationNames: await namesOfOccupations(submission.content.occupations.join(', '), ctx, event.locals.locale),
    };
  } catch (e) {
    rethrowApiFailure(e, { notFound: m.error_not_found(), unavailable: m.error_unavailable() });
  }
}) satisfies PageServerLoad;

export const actions = {
  default: (event) => {
    const id = submissionId(event.params.id);
    return submitListingForm(event, {
      send: (input, ctx) => updateSubmission(id, input, ctx),
      done: () => `/provider?updated=${id}`,
      conflict: m.provider_already_reviewed(),
    });
  },
} satisfies Actions;
