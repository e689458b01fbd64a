import type { Handle } from '@sveltejs/kit';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { localeOfUrl, textDirection } from '$lib/i18n/routing';
import { compressResponse } from '$lib/server/compress-response';

/**
 * Sets the request's UI language (Paraglide keeps it per request, so messages rendered on the server
 * use it) and writes <html lang dir> server-side, so a right-to-left page is right-to-left before any
 * script runs.
 */
export const handle: Handle = ({ event, resolve }) =>
  paraglideMiddleware(event.request, async ({ request }) => {
    event.request = request;
    const locale = localeOfUrl(event.url);
    event.locals.locale = locale;
    const response = await resolve(event, {
      transformPageChunk: ({ html }) =>
        html.replace('%paraglide.lang%', locale).replace('%paraglide.dir%', textDirection(locale)),
    });
    return compressResponse(request, response);
  });
