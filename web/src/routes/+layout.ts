import type { LayoutLoad } from './$types';
import { loadMessages } from '$lib/i18n/client-messages';

// In the browser this fetches the messages of the page's language (one module, not all eleven) before
// the page hydrates; on the server it does nothing.
export const load = (async ({ data }) => {
  await loadMessages(data.locale);
  return data;
}) satisfies LayoutLoad;
