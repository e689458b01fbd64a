import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { search } from '$lib/server/api';
import { rethrowApiFailure } from '$lib/server/problem-errors';

/** Coverage figures come from the live index (a search with every listing, facets only). */
export const load = (async ({ locals, getClientAddress }) => {
  try {
    const all = await search(
      { lang: locals.locale, active: 'any', per_page: 1 },
      { clientAddress: getClientAddress() },
    );
    return {
      total: all.total,
      countries: all.facets.country.filter((f) => f.count > 0),
      categories: all.facets.category,
      kinds: all.facets.kind,
    };
  } catch (e) {
    rethrowApiFailure(e, { notFound: m.error_not_found(), unavailable: m.error_unavailable() });
  }
}) satisfies PageServerLoad;
