import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, compressResponse } from './compress-response';

const page = '<!doctype html><p>' + 'Recognition of qualifications. '.repeat(200) + '</p>';
const get = (acceptEncoding?: string, method = 'GET') =>
  new Request('http://x/search', { method, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });
const html = (body = page, headers: Record<string, string> = {}) =>
  new Response(body, { headers: { 'content-type': 'text/html; charset=utf-8', ...headers } });

describe('acceptsGzip', () => {
  it('reads the Accept-Encoding header, q=0 included', () => {
    expect(acceptsGzip(get('gzip, deflate, br'))).toBe(true);
    expect(acceptsGzip(get('br'))).toBe(false);
    expect(acceptsGzip(get('gzip;q=0, br'))).toBe(false);
    expect(acceptsGzip(get())).toBe(false);
  });
});

describe('compressResponse', () => {
  it('gzips a page for a client that accepts it, and the bytes come back the same', async () => {
    const response = compressResponse(get('gzip, br'), html(page, { etag: '"abc"' }));
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('vary')).toContain('Accept-Encoding');
    expect(response.headers.get('etag')).toBe('W/"abc"');
    const compressed = Buffer.from(await response.arrayBuffer());
    expect(compressed.length).toBeLessThan(page.length / 10);
    expect(gunzipSync(compressed).toString('utf8')).toBe(page);
  });

  it('leaves alone what it should not touch', () => {
    const untouched = (request: Request, response: Response) =>
      expect(compressResponse(request, response)).toBe(response);
    untouched(get(), html());
    untouched(get('gzip', 'HEAD'), html());
    untouched(get('gzip'), html(page, { 'content-encoding': 'br' }));
    untouched(get('gzip'), html('<p>short</p>', { 'content-length': '12' }));
    untouched(get('gzip'), new Response(new Uint8Array(4096), { headers: { 'content-type': 'image/png' } }));
  });
});
