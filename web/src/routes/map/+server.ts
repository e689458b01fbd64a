import type { RequestHandler } from './$types';
import { drawRequest } from '$lib/map/map-view.server';
import { parseMapQuery } from '$lib/map/map-url';

/**
 * The map image: an SVG drawn from the query string alone (see $lib/map/map-url.ts), so one address is
 * always one picture and browsers and proxies may keep it for a day. /ar/map draws Arabic labels.
 */
export const GET: RequestHandler = ({ url, locals }) => {
  const parsed = parseMapQuery(url.searchParams);
  if ('problems' in parsed) {
    const detail = parsed.problems.map((p) => `${p.field}: ${p.reason}`).join('; ');
    return new Response(
      JSON.stringify({ type: 'about:blank', title: 'Bad Request', status: 400, detail, errors: parsed.problems }),
      { status: 400, headers: { 'content-type': 'application/problem+json' } },
    );
  }
  const { svg } = drawRequest(parsed.request, locals.locale);
  return new Response(svg, {
    headers: {
      'content-type': 'image/svg+xml; charset=utf-8',
      'content-length': String(Buffer.byteLength(svg)),
      'cache-control': 'public, max-age=86400',
      // The SVG has no script and loads nothing; this keeps it so even when opened by itself.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    },
  });
};
