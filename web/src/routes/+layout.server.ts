import type { LayoutServerLoad } from './$types';
import { vocabularyFor } from '$lib/server/vocabulary';
import { currentSession } from '$lib/server/session';

// Uses only locals (not url), so SvelteKit keeps this data across in-page navigations: the labels
// travel once per visit, and a language change is a full page load anyway. Signing in or out goes
// through a form action, which reloads it. Without a session cookie no API call is made for the header.
export const load = (async (event) => {
  const { locals, getClientAddress } = event;
  const [vocabulary, session] = await Promise.all([
    vocabularyFor(locals.locale, { clientAddress: getClientAddress() }),
    currentSession(event).catch(() => null),
  ]);
  return {
    locale: locals.locale,
    vocabulary,
    /** for the header's links: who is signed in, if anyone */
    account: session ? { role: session.user.role } : null,
  };
}) satisfies LayoutServerLoad;
