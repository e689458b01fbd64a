import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchResponseSchema } from '@skillway/core';
import type { TempStore } from '@skillway/store/testing';
import { createTestStore, responseValidator, startTestApi, type TestApi } from '../../../testing/test-api';
import { acceptedEncoding } from './index';

/**
 * /search sends the result cache's bytes: the JSON serialised once per answer, and its gzip or brotli
 * form compressed once. Read raw over HTTP (fetch would decompress), as a browser receives them.
 */
let store: TempStore;
let api: TestApi;
const isSearchResponse = responseValidator(SearchResponseSchema);

beforeAll(async () => {
  store = await createTestStore();
  api = await startTestApi(store.path);
});
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

function raw(path: string, acceptEncoding?: string): Promise<{ headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(api.origin + path, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('GET /search as bytes', () => {
  it('sends the same answer plain, gzipped and in brotli, each a valid search response', async () => {
    const path = '/api/v1/search?q=nurse&country=IE';
    const plain = await raw(path);
    expect(plain.headers['content-type']).toMatch(/^application\/json/);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const body = JSON.parse(plain.body.toString('utf8'));
    expect(isSearchResponse.errors(body)).toEqual([]);

    const gzip = await raw(path, 'gzip, deflate');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(JSON.parse(gunzipSync(gzip.body).toString('utf8'))).toEqual(body);

    const br = await raw(path, 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(br.body).toString('utf8'))).toEqual(body);
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
  });

  it('answers a repeated search with the same bytes and ETag (from the cache)', async () => {
    const path = '/api/v1/search?q=language%20course&country=NL';
    const first = await raw(path, 'gzip');
    const second = await raw(path, 'gzip');
    expect(second.body).toEqual(first.body);
    expect(second.headers['etag']).toBe(first.headers['etag']);
  });

  it('reads Accept-Encoding with its q-values', () => {
    expect(acceptedEncoding(undefined)).toBeUndefined();
    expect(acceptedEncoding('identity')).toBeUndefined();
    expect(acceptedEncoding('gzip, br;q=0')).toBe('gzip');
    expect(acceptedEncoding('br;q=0.5, gzip')).toBe('br');
    expect(acceptedEncoding('*')).toBe('gzip');
    expect(acceptedEncoding('gzip;q=0, br;q=0.0')).toBeUndefined();
  });
});
