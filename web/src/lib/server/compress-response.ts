/**
 * Gzips text answers (pages, their __data.json for in-page navigation, the autocomplete) when the
 * client accepts it. adapter-node serves the built JS and CSS precompressed but sends rendered pages as
 * they are; a search page is ~36 KB of HTML and ~8 KB gzipped, which matters on a metered phone plan.
 * A reverse proxy that compresses does no harm: it sees the content-encoding and leaves it alone.
 */
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml)|image\/svg\+xml)/;
const MIN_BYTES = 1024;

export function acceptsGzip(request: Request): boolean {
  const header = request.headers.get('accept-encoding') ?? '';
  return /\bgzip\b/.test(header) && !/\bgzip;\s*q=0(\.0+)?\b/.test(header);
}

export function compressResponse(request: Request, response: Response): Response {
  if (!response.body || request.method === 'HEAD' || !acceptsGzip(request)) return response;
  if (response.headers.has('content-encoding') || response.status === 204 || response.status === 304) return response;
  if (!COMPRESSIBLE.test(response.headers.get('content-type') ?? '')) return response;
  const length = Number(response.headers.get('content-length') ?? Number.NaN);
  if (length < MIN_BYTES) return response;

  const headers = new Headers(response.headers);
  headers.set('content-encoding', 'gzip');
  headers.delete('content-length');
  headers.append('vary', 'Accept-Encoding');
  // The bytes differ from the uncompressed ones, so a strong validator must become weak.
  const etag = headers.get('etag');
  if (etag && !etag.startsWith('W/')) headers.set('etag', `W/${etag}`);
  return new Response(response.body.pipeThrough(new CompressionStream('gzip')), {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
