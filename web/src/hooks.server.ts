import type { Handle } from '@sveltejs/kit';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { localeOfUrl, textDirection } from '$lib/i18n/routing';
import { compressResponse } from '$lib/server/compress-response';

/**
 * Headers every page gets besides the Content-Security-Policy that SvelteKit writes (svelte.config.js):
 * no framing (clickjacking of the moderation pages), no MIME sniffing, no full URLs (which carry
 * search terms) sent to other sites.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

function withSecurityHeaders(response: Response): Response {
  // A response passed through from fetch() has immutable headers: copy it first.
  const out = Object.isFrozen(response.headers) ? new Response(response.body, response) : response;
  try {
    for (const [name, value] of Object.entries(SECURITY_HEADERS))
      if (!out.headers.has(name)) out.headers.set(name, value);
    return out;
  } catch {
    const copy = new Response(response.body, response);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) copy.headers.set(name, value);
    return copy;
  }
}

/**
 * `?/default` names SvelteKit's reserved action: SvelteKit throws a plain Error for it, which became a
 * 500. It is a name no form of ours uses, so it answers as any unknown action does: 404.
 */
function namesReservedAction(url: URL): boolean {
  for (const [key] of url.searchParams) if (key.startsWith('/')) return key === '/default';
  return false;
}

/**
 * Sets the request's UI language (Paraglide keeps it per request, so messages rendered on the server
 * use it) and writes <html lang dir> server-side, so a right-to-left page is right-to-left before any
 * script runs.
 */
export const handle: Handle = ({ event, resolve }) => {
  if (event.request.method === 'POST' && namesReservedAction(event.url)) {
    return new Response('No action with name "default" found', {
      status: 404,
      headers: { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  return paraglideMiddleware(event.request, async ({ request }) => {
    event.request = request;
    const locale = localeOfUrl(event.url);
    event.locals.locale = locale;
    const response = await resolve(event, {
      transformPageChunk: ({ html }) =>
        html.replace('%paraglide.lang%', locale).replace('%paraglide.dir%', textDirection(locale)),
    });
    return withSecurityHeaders(await compressResponse(request, response));
  });
};
