import type { Cookies } from '@sveltejs/kit';
import { MY_LIST_COOKIE, parseListIds } from '$lib/journeys/my-list';

/** The person's own list on this device (see $lib/journeys/my-list.ts). */
export function readMyList(cookies: Cookies): string[] {
  return parseListIds(cookies.get(MY_LIST_COOKIE));
}

export function writeMyList(cookies: Cookies, url: URL, ids: readonly string[]): void {
  const options = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    // Secure only over HTTPS: SvelteKit's default would drop the cookie on http://127.0.0.1.
    secure: url.protocol === 'https:',
  };
  if (ids.length) cookies.set(MY_LIST_COOKIE, ids.join(','), { ...options, maxAge: 60 * 60 * 24 * 365 });
  else cookies.delete(MY_LIST_COOKIE, options);
}
