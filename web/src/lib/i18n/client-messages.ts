/**
 * On the server, Paraglide's modules hold every language and need no loading. In the browser build,
 * client-messages.plugin.ts replaces this module with one that loads the page's language only.
 */
export async function loadMessages(_locale: string): Promise<void> {}
