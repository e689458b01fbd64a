import type { LayoutServerLoad } from './$types';
import { vocabularyFor } from '$lib/server/vocabulary';

// Uses only locals (not url), so SvelteKit keeps this data across in-page navigations: the labels
// travel once per visit, and a language change is a full page load anyway.
export const load = (async ({ locals, getClientAddress }) => ({
  locale: locals.locale,
  vocabulary: await vocabularyFor(locals.locale, { clientAddress: getClientAddress() }),
})) satisfies LayoutServerLoad;
