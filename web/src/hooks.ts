import type { Reroute, Transport } from '@sveltejs/kit';
import { routePath } from '$lib/i18n/routing';
import { decodeServerText, encodeServerText } from '$lib/search/server-text';

/** /ar/search renders the /search route; the language stays in the address the reader sees and shares. */
export const reroute: Reroute = ({ url }) => routePath(url);

/** Texts the server renders into the page travel to the browser once (see server-text.ts). */
export const transport: Transport = {
  ServerText: { encode: encodeServerText, decode: decodeServerText },
};
