/**
 * HTML that the server renders into the page and the browser never needs to receive twice.
 *
 * The search page's result cards are static: nothing in them changes in the browser (the "add to my
 * list" form sits beside each card). SvelteKit would send their content once in the HTML and once more
 * in the page's hydration data, where gzip cannot share it with the first copy (too far apart): 3-4 KB
 * of a 12 KB page, more in Arabic, plus the card's code in the page's JavaScript. So the server renders
 * each card to HTML (render-cards.server.ts), the page shows it with `{@html}`, which Svelte hydrates by
 * adopting the server's nodes as they are (Svelte's `hydration_html_changed`: "the client value will be
 * ignored in favour of the server value"), and the hydration data carries a placeholder (the transport
 * hook in hooks.ts). Data for an in-page navigation (`__data.json`, where nothing is rendered yet)
 * carries the HTML itself: `ship` says which.
 */
export class ServerText {
  constructor(
    readonly html: string,
    /** whether the browser must receive the text (data for a client-side render) */
    readonly ship: boolean,
  ) {}
}

/** What the browser gets in place of a text it already has in the page: not empty, so {@html} adopts. */
export const SERVER_TEXT_PLACEHOLDER = ' ';

/** Transport (hooks.ts): a placeholder unless the text must travel. */
export function encodeServerText(value: unknown): false | [string] | [] {
  if (!(value instanceof ServerText)) return false;
  // Empty HTML (no active filters) costs nothing to send, and matches what the server rendered.
  return value.ship || value.html === '' ? [value.html] : [];
}
export function decodeServerText(data: [string] | []): ServerText {
  return new ServerText(data[0] ?? SERVER_TEXT_PLACEHOLDER, data.length > 0);
}
