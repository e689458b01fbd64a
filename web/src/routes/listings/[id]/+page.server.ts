import { error } from '@sveltejs/kit';
import { LISTING_ID_PATTERN } from '@skillway/core';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getFreshness, getListing, occupationNames } from '$lib/server/api';
import { rethrowApiFailure } from '$lib/server/problem-errors';
import { languageNames } from '$lib/server/vocabulary';

const ID = new RegExp(LISTING_ID_PATTERN);

function formatDate(value: string | undefined, locale: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  // Formatted here, not in the component, so server and browser never disagree (ICU versions differ).
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

export const load = (async ({ params, locals, getClientAddress }) => {
  if (!ID.test(params.id)) error(404, { message: m.error_listing_not_found() });
  const ctx = { clientAddress: getClientAddress() };
  try {
    const listing = await getListing(params.id, ctx);
    // Freshness is a second opinion on the page, not the page: without it the listing still shows.
    const freshness = await getFreshness(params.id, ctx).catch(() => null);
    return {
      listing,
      confirmedOn: formatDate(freshness?.confirmed_at ?? undefined, locals.locale),
      freshlyCheckedOn: formatDate(freshness?.checked_at ?? undefined, locals.locale),
      stale: freshness?.may_be_out_of_date ?? false,
      // Occupations by name in the reader's language; a name the taxonomy lacks falls back to the code.
      occupationNames: await occupationNames(listing.occupations, locals.locale, ctx).catch(
        (): Record<string, string> => ({}),
      ),
      languages: await languageNames(listing.languages, locals.locale, ctx),
      checkedOn: formatDate(listing.checked_at, locals.locale),
      updatedOn: formatDate(listing.updated_at, locals.locale),
    };
  } catch (e) {
    rethrowApiFailure(e, { notFound: m.error_listing_not_found(), unavailable: m.error_unavailable() });
  }
}) satisfies PageServerLoad;
