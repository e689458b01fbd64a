import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import compressPlugin, { COMPRESSION } from './compress.plugin';

/** A search-sized answer (~20 KB of JSON), like a page of hits. */
const hits = Array.from({ length: 20 }, (_, i) => ({
  id: `be-service-${i}`,
  name: `Recognition of foreign nursing diplomas ${i}`,
  summary: 'Advice on how to get a nursing diploma from abroad recognised, with the documents to bring. '.repeat(8),
}));
const body = JSON.stringify({ hits, total: 20 });

const app = Fastify();
beforeAll(async () => {
  await app.register(compressPlugin);
  app.get('/page', async () => JSON.parse(body));
  app.get('/small', async () => ({ ok: true }));
  await app.ready();
});
afterAll(() => app.close());

describe('compression', () => {
  it('gzips an answer in one call at the cheap level: known length, bytes of gzip level 3', async () => {
    const res = await app.inject({ url: '/page', headers: { 'accept-encoding': 'gzip, deflate' } });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    // The one-call path knows the length; the streaming one would send it chunked.
    expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
    expect(gunzipSync(res.rawPayload).toString()).toBe(body);
    expect(res.rawPayload.length).toBe(gzipSync(body, { level: COMPRESSION.gzipLevel }).length);
    expect(res.rawPayload.length).toBeLessThan(body.length / 3);
  });

  it('sends brotli to clients that prefer it, and small answers as they are', async () => {
    const br = await app.inject({ url: '/page', headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(body);
    const small = await app.inject({ url: '/small', headers: { 'accept-encoding': 'gzip' } });
    expect(small.headers['content-encoding']).toBeUndefined();
    const plain = await app.inject({ url: '/page' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(body);
  });
});
