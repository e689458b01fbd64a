import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TempStore } from '@skillway/store/testing';
import { createTestStore, expectProblem, startTestApi, type TestApi } from './testing/test-api';

let store: TempStore;
let api: TestApi;

beforeAll(async () => {
  store = await createTestStore();
  api = await startTestApi(store.path);
});
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

describe('one problem shape for what is not there', () => {
  it.each(['/api/v1/nothing', '/api/v2/search', '/', '/api/v1/listings'])('GET %s is a 404 problem', async (path) => {
    const res = await api.json(path);
    expectProblem(res, 404);
    expect(res.body.detail).toContain(`GET ${path}`);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('a method a route does not have is a 404 problem too', async () => {
    expectProblem(await api.json('/api/v1/search', { method: 'DELETE' }), 404);
  });
});

describe('request ids', () => {
  it('echoes a sane x-request-id and mints one otherwise', async () => {
    const given = await api.fetch('/api/v1/health', { headers: { 'x-request-id': 'web-7f3a.42' } });
    expect(given.headers.get('x-request-id')).toBe('web-7f3a.42');
    const odd = await api.fetch('/api/v1/health', { headers: { 'x-request-id': 'two words' } });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const none = await api.fetch('/api/v1/health');
    expect(none.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(none.headers.get('x-request-id')).not.toBe(odd.headers.get('x-request-id'));
  });

  it('quotes the request id in a server error... never: bad input is never a 500', async () => {
    for (const path of [
      '/api/v1/search?page=%FF',
      '/api/v1/search?q=%00',
      '/api/v1/listings/%00',
      '/api/v1/search?country[]=IE',
    ]) {
      const res = await api.fetch(path);
      expect(res.status, path).toBeLessThan(500);
    }
  });
});

describe('security headers', () => {
  it('sends helmet headers and a deny-all CSP on JSON', async () => {
    const res = await api.fetch('/api/v1/search');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'",
    );
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('allows no cross-origin browser access unless CORS_ORIGINS says so', async () => {
    const res = await api.fetch('/api/v1/search', { headers: { origin: 'https://elsewhere.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('configured CORS and rate limits', () => {
  let limited: TestApi;
  beforeAll(async () => {
    limited = await startTestApi(store.path, {
      CORS_ORIGINS: 'https://app.example',
      RATE_LIMIT_PER_MINUTE: '20',
      SEARCH_RATE_LIMIT_PER_MINUTE: '2',
    });
  });
  afterAll(async () => {
    await limited?.close();
  });

  it('answers the listed origin only, preflight included', async () => {
    const ok = await limited.fetch('/api/v1/taxonomy', { headers: { origin: 'https://app.example' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(ok.headers.get('access-control-expose-headers')).toContain('ETag');
    const other = await limited.fetch('/api/v1/taxonomy', { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await limited.fetch('/api/v1/match', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('limits search per client more tightly than the rest, with a problem and Retry-After', async () => {
    expect((await limited.fetch('/api/v1/search?q=a')).status).toBe(200);
    expect((await limited.fetch('/api/v1/search?q=b')).status).toBe(200);
    const refused = await limited.json('/api/v1/search?q=c');
    expectProblem(refused, 429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused.body.detail).toMatch(/rate limit/i);
    // Other routes still answer; POST /match has the search limit (its own count), not the write one.
    expect((await limited.fetch('/api/v1/taxonomy')).status).toBe(200);
    const match = () =>
      limited.fetch('/api/v1/match', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'nurse' }),
      });
    expect([(await match()).status, (await match()).status, (await match()).status]).toEqual([200, 200, 429]);
  });

  it('limits unknown URLs under the global limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await limited.fetch(`/api/v1/nope-${i}`)).status);
    expect(statuses).toContain(429);
    expect(statuses[0]).toBe(404);
  });
});
