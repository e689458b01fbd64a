import type { Reroute } from '@sveltejs/kit';
import { routePath } from '$lib/i18n/routing';

/** /ar/search renders the /search route; the language stays in the address the reader sees and shares. */
export const reroute: Reroute = ({ url }) => routePath(url);
