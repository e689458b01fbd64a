import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchResponseSchema } from '@skillway/core';
import type { TempStore } from '@skillway/store/testing';
import {
  createTestStore,
  expectProblem,
  responseValidator,
  startTestApi,
  type TestApi,
} from '../../../testing/test-api';

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

describe('GET /api/v1/search', () => {
  it('finds nurses in Ireland, with facets, from the embedded engine', async () => {
    const res = await api.json('/api/v1/search?q=nurse&country=IE');
    expect(res.status).toBe(200);
    expect(isSearchResponse.errors(res.body)).toEqual([]);
    expect(res.body.engine).toBe('sqlite');
    expect(res.body.total).toBeGreaterThan(0);
    expect(res.body.hits.map((h: { id: string }) => h.id)).toContain('ie-nmbi-non-eu-registration');
    for (const hit of res.body.hits) expect(hit.countries).toContain('IE');
    expect(res.body.facets.country.find((f: { value: string }) => f.value === 'IE').count).toBe(res.body.total);
  });

  it('takes several values as repeated parameters, and one value as a list of one', async () => {
    const one = await api.json('/api/v1/search?country=IE&per_page=100');
    const two = await api.json('/api/v1/search?country=IE&country=NL&per_page=100');
    expect(one.status).toBe(200);
    expect(two.status).toBe(200);
    expect(two.body.total).toBeGreaterThan(one.body.total);
    for (const hit of two.body.hits) expect(hit.countries.some((c: string) => c === 'IE' || c === 'NL')).toBe(true);
  });

  it('applies the schema defaults: page 1, 20 per page, active listings only', async () => {
    const res = await api.json('/api/v1/search');
    expect(res.body).toMatchObject({ page: 1, per_page: 20 });
    expect(res.body.hits).toHaveLength(20);
    for (const hit of res.body.hits) expect(hit.active).not.toBe(false);
  });

  it('pages and sorts by name', async () => {
    const first = await api.json('/api/v1/search?sort=name&per_page=5');
    const second = await api.json('/api/v1/search?sort=name&per_page=5&page=2');
    const names = [...first.body.hits, ...second.body.hits].map((h: { name: string }) => h.name);
    expect(names).toHaveLength(10);
    expect(new Set(names).size).toBe(10);
    expect(second.body.page).toBe(2);
  });

  it.each([
    ['quotes', '"'],
    ['FTS5 operators', 'nurse* OR (doctor NEAR/2 "x"'],
    ['SQL', "' OR 1=1 --"],
    ['only punctuation', '!!!'],
    ['Arabic', 'ممرض'],
  ])('answers free text with %s without an error', async (_name, q) => {
    const res = await api.json(`/api/v1/search?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    expect(isSearchResponse.errors(res.body)).toEqual([]);
  });

  describe('refuses bad input with a 400 that names the parameter', () => {
    it.each([
      ['q', `q=${'x'.repeat(501)}`, 'querystring.q', 'must be at most 500 characters long'],
      ['q', 'q=a&q=b', 'querystring.q', 'must be string, not an array ["a","b"]'],
      ['country', 'country=XX', 'querystring.country[0]', '"XX" is not one of BE, HU, IE, IT, NL, SK, SI, ES, GB, EU'],
      ['country', 'country=IE&country=IE', 'querystring.country', 'has a repeated value at positions 1 and 0'],
      ['category', 'category=cooking', 'querystring.category[0]', /^"cooking" is not one of skills-assessment, /],
      ['audience', 'audience=refugee', 'querystring.audience[0]', /^"refugee" is not one of refugees, /],
      ['kind', 'kind=company', 'querystring.kind[0]', '"company" is not one of organisation, service, initiative'],
      [
        'occupation',
        'occupation=nurse',
        'querystring.occupation[0]',
        '"nurse" is not an ISCO-08 code or an ESCO occupation URI',
      ],
      [
        'occupation',
        'occupation=22222',
        'querystring.occupation[0]',
        '"22222" is not an ISCO-08 code or an ESCO occupation URI',
      ],
      ['skill', 'skill=', 'querystring.skill[0]', 'must be at least 1 characters long'],
      ['language', 'language=english', 'querystring.language[0]', /^"english" is not well-formed/],
      ['cost', 'cost=cheap', 'querystring.cost[0]', '"cheap" is not one of free, fee, unknown'],
      ['delivery', 'delivery=post', 'querystring.delivery[0]', '"post" is not one of in-person, online'],
      ['active', 'active=maybe', 'querystring.active', '"maybe" is not one of true, false, any'],
      ['page', 'page=0', 'querystring.page', '0 must be >= 1'],
      ['page', 'page=two', 'querystring.page', 'must be integer, not a string "two"'],
      ['page', 'page=501', 'querystring.page', '501 must be <= 500'],
      ['per_page', 'per_page=101', 'querystring.per_page', '101 must be <= 100'],
      ['per_page', 'per_page=1.5', 'querystring.per_page', 'must be integer, not a string "1.5"'],
      ['sort', 'sort=date', 'querystring.sort', '"date" is not one of relevance, checked, name, distance'],
      ['near', 'near=', 'querystring.near', 'must be at least 1 characters long'],
      ['near', `near=${'x'.repeat(101)}`, 'querystring.near', 'must be at most 100 characters long'],
      ['an unknown parameter', 'countries=IE', 'querystring.countries', 'is not a known field'],
    ])('%s: ?%s', async (_param, query, field, reason) => {
      const errors = expectProblem(await api.json(`/api/v1/search?${query}`), 400);
      expect(errors).toHaveLength(1);
      expect(errors[0]!.field).toBe(field);
      if (typeof reason === 'string') expect(errors[0]!.reason).toBe(reason);
      else expect(errors[0]!.reason).toMatch(reason);
    });

    it('lists every bad parameter at once', async () => {
      const res = await api.json('/api/v1/search?country=XX&page=0&foo=1');
      const errors = expectProblem(res, 400);
      expect(errors.map((e) => e.field).sort()).toEqual([
        'querystring.country[0]',
        'querystring.foo',
        'querystring.page',
      ]);
      expect(res.body.detail).toBe('The query string has 3 problems; see errors.');
    });
  });
});

describe('caching and compression', () => {
  const url = '/api/v1/search?q=nurse&country=IE&category=qualification-recognition';

  it('gives a weak ETag that does not change with took_ms, and 304 on If-None-Match', async () => {
    const first = await api.fetch(url);
    const second = await api.fetch(url);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
    expect(second.headers.get('etag')).toBe(etag);
    expect(first.headers.get('cache-control')).toBe('public, max-age=30');

    const conditional = await api.fetch(url, { headers: { 'if-none-match': etag! } });
    expect(conditional.status).toBe(304);
    expect(await conditional.text()).toBe('');
    expect(conditional.headers.get('etag')).toBe(etag);

    const other = await api.fetch('/api/v1/search?q=nurse&country=NL', { headers: { 'if-none-match': etag! } });
    expect(other.status).toBe(200);
    expect(other.headers.get('etag')).not.toBe(etag);
  });

  it('never caches problems', async () => {
    const res = await api.fetch('/api/v1/search?country=XX');
    expect(res.status).toBe(400);
    expect(res.headers.get('etag')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('compresses for clients that accept it', async () => {
    const res = await api.fetch('/api/v1/search?per_page=50', { headers: { 'accept-encoding': 'br' } });
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(isSearchResponse.errors(await res.json())).toEqual([]);
    const gzip = await api.fetch('/api/v1/search?per_page=50', { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gzip.headers.get('vary')).toMatch(/accept-encoding/i);
  });
});
