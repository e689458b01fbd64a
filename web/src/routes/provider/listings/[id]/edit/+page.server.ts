import { error } from '@sveltejs/kit';
import { LISTING_ID_PATTERN, type ListingDetail, type ListingInput } from '@skillway/core';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { listingToForm } from '$lib/listing-form/listing-form';
import { getListing, listMyListings, listMySubmissions, proposeListingEdit } from '$lib/server/api';
import { LISTING_SCHEMA_JSON } from '$lib/server/listing-schema';
import { rethrowApiFailure } from '$lib/server/problem-errors';
import { requireSession, userContext } from '$lib/server/session';
import { namesOfOccupations, organisationChoices, submitListingForm } from '../../../listing-form-action.server';

const ID = new RegExp(LISTING_ID_PATTERN);

/**
 * The live listing as an input: its organisation by id, without what the API adds around it. The API
 * lists the listing's own texts among `texts` too; an input holds them in its fields, and `texts` only
 * the other languages.
 */
function editableContent(listing: ListingDetail): ListingInput {
  const { id: _id, services: _s, related: _r, updated_at: _u, checked_at: _c, organisation, texts, ...rest } = listing;
  const { [listing.text_lang]: _own, ...others } = texts ?? {};
  return { ...rest, organisation: organisation?.id ?? null, ...(Object.keys(others).length > 0 && { texts: others }) };
}

export const load = (async (event) => {
  const session = await requireSession(event);
  event.setHeaders({ 'cache-control': 'private, no-store' });
  if (!ID.test(event.params.id)) error(404, { message: m.error_listing_not_found() });
  const ctx = userContext(event, session);
  try {
    const [listing, mine, submissions] = await Promise.all([
      getListing(event.params.id, ctx),
      listMyListings(ctx),
      listMySubmissions(ctx),
    ]);
    if (!mine.some((ref) => ref.id === listing.id)) error(403, { message: m.provider_not_owner() });
    // One waiting edit per listing: changing that one is the way on.
    const pending = submissions.find((s) => s.type === 'edit' && s.status === 'pending' && s.listing_id === listing.id);
    return {
      listing: { id: listing.id, name: listing.name },
      pending: pending ? { id: pending.id } : null,
      values: listingToForm(editableContent(listing), event.locals.locale),
      schema: LISTING_SCHEMA_JSON,
      organisations: pending ? [] : await organisationChoices(ctx, event.locals.locale),
      occupationNames: await namesOfOccupations(listing.occupations.join(', '), ctx, event.locals.locale),
    };
  } catch (e) {
    rethrowApiFailure(e, { notFound: m.error_listing_not_found(), unavailable: m.error_unavailable() });
  }
}) satisfies PageServerLoad;

export const actions = {
  default: (event) =>
    submitListingForm(event, {
      send: (input, ctx) => proposeListingEdit(event.params.id, input, ctx),
      done: (submission) => `/provider?submitted=${submission.id}`,
      conflict: m.provider_edit_pending_exists(),
    }),
} satisfies Actions;
