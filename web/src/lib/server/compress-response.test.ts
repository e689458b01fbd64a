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
    const response = await compressResponse(
      get('gzip, br'),
      html(page, { etag: '"abc"', 'content-length': String(page.length) }),
    );
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('vary')).toContain('Accept-Encoding');
    expect(response.headers.get('etag')).toBe('W/"abc"');
    const compressed = Buffer.from(await response.arrayBuffer());
    expect(compressed.length).toBeLessThan(page.length / 10);
    // A rendered page is compressed whole: its compressed length is known.
    expect(response.headers.get('content-length')).toBe(String(compressed.length));
    expect(gunzipSync(compressed).toString('utf8')).toBe(page);
  });

  it('compresses a streamed answer (no length) as a stream', async () => {
    const chunks = [page.slice(0, 1000), page.slice(1000)];
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const response = await compressResponse(get('gzip'), html(body as unknown as string));
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('content-length')).toBeNull();
    expect(gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8')).toBe(page);
  });

  it('leaves alone what it should not touch', async () => {
    const untouched = async (request: Request, response: Response) =>
      expect(await compressResponse(request, response)).toBe(response);
    await untouched(get(), html());
    await untouched(get('gzip', 'HEAD'), html());
    await untouched(get('gzip'), html(page, { 'content-encoding': 'br' }));
    await untouched(get('gzip'), html('<p>short</p>', { 'content-length': '12' }));
    await untouched(get('gzip'), new Response(new Uint8Array(4096), { headers: { 'content-type': 'image/png' } }));
  });
});
