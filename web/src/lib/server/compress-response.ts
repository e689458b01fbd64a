import { gzipSync } from 'node:zlib';

/**
 * Gzips text answers (pages, their __data.json for in-page navigation, the autocomplete) when the
 * client accepts it. adapter-node serves the built JS and CSS precompressed but sends rendered pages as
 * they are; a search page is ~46 KB of HTML and ~10 KB gzipped, which matters on a metered phone plan.
 * A reverse proxy that compresses does no harm: it sees the content-encoding and leaves it alone.
 *
 * A rendered page is complete before it is sent (its length is known), so it is compressed in one
 * call: ~0.5 ms of CPU for the search page, where a CompressionStream (web streams over a zlib stream
 * in the threadpool) cost the server ~2.5 ms. Only a streamed answer (no length) goes through a stream.
 */
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml)|image\/svg\+xml)/;
const MIN_BYTES = 1024;
/** Above this a page is compressed as a stream rather than held whole (none is near it). */
const MAX_BUFFERED_BYTES = 1024 * 1024;

export function acceptsGzip(request: Request): boolean {
  const header = request.headers.get('accept-encoding') ?? '';
  return /\bgzip\b/.test(header) && !/\bgzip;\s*q=0(\.0+)?\b/.test(header);
}

export async function compressResponse(request: Request, response: Response): Promise<Response> {
  if (!response.body || request.method === 'HEAD' || !acceptsGzip(request)) return response;
  if (response.headers.has('content-encoding') || response.status === 204 || response.status === 304) return response;
  if (!COMPRESSIBLE.test(response.headers.get('content-type') ?? '')) return response;
  const length = Number(response.headers.get('content-length') ?? Number.NaN);
  if (length < MIN_BYTES) return response;

  const headers = new Headers(response.headers);
  headers.set('content-encoding', 'gzip');
  headers.append('vary', 'Accept-Encoding');
  // The bytes differ from the uncompressed ones, so a strong validator must become weak.
  const etag = headers.get('etag');
  if (etag && !etag.startsWith('W/')) headers.set('etag', `W/${etag}`);
  const init = { status: response.status, statusText: response.statusText, headers };

  if (Number.isFinite(length) && length <= MAX_BUFFERED_BYTES) {
    const compressed = gzipSync(new Uint8Array(await response.arrayBuffer()));
    headers.set('content-length', String(compressed.length));
    return new Response(compressed, init);
  }
  headers.delete('content-length');
  return new Response(response.body.pipeThrough(new CompressionStream('gzip')), init);
}
