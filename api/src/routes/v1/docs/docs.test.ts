import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import type { TempStore } from '@skillway/store/testing';
import { createTestStore, startTestApi, type JsonBody, type TestApi } from '../../../testing/test-api';

let store: TempStore;
let api: TestApi;
let doc: JsonBody;

beforeAll(async () => {
  store = await createTestStore();
  api = await startTestApi(store.path);
  doc = await (await api.fetch('/api/v1/openapi.json')).json();
});
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe('GET /api/v1/openapi.json', () => {
  it('is an OpenAPI 3.1 document', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('Skillway API');
  });

  it.each([
    ['get', '/api/v1/search', 'SearchResponse', ['400', '429']],
    ['get', '/api/v1/taxonomy', 'TaxonomyResponse', ['400', '429']],
    ['get', '/api/v1/taxonomy/occupations', 'OccupationSuggestResponse', ['400', '429']],
    ['post', '/api/v1/match', 'MatchResponse', ['400', '413', '415', '429']],
    ['get', '/api/v1/health', 'HealthResponse', []],
    ['get', '/api/v1/ready', 'ReadyResponse', ['503']],
  ])('lists %s %s answering %s, and its problems', (method, path, response, problems) => {
    const operation = doc.paths[path]?.[method];
    expect(operation, `${method} ${path}`).toBeDefined();
    expect(operation.tags).toHaveLength(1);
    expect(operation.responses['200'].content['application/json'].schema).toEqual(ref(response));
    expect(Object.keys(operation.responses).filter((status) => status !== '200')).toEqual(problems);
    for (const status of problems) {
      expect(operation.responses[status].content['application/problem+json'].schema).toEqual(ref('Problem'));
    }
  });

  it('lists get /api/v1/listings/{id} answering ListingDetail with its map points, and its problems', () => {
    const operation = doc.paths['/api/v1/listings/{id}'].get;
    const [detail, extra] = operation.responses['200'].content['application/json'].schema.allOf;
    expect(detail).toEqual(ref('ListingDetail'));
    expect(extra.required).toEqual(['points']);
    expect(extra.properties.points.items).toEqual(ref('ListingPoint'));
    expect(Object.keys(operation.responses).filter((status) => status !== '200')).toEqual(['400', '404', '429']);
  });

  it('describes every search parameter, lists as repeated query parameters', () => {
    const params = doc.paths['/api/v1/search'].get.parameters as { name: string; in: string; schema: JsonBody }[];
    expect(params.map((p) => p.name)).toEqual([
      'q',
      'lang',
      'ignore',
      'country',
      'category',
      'audience',
      'kind',
      'occupation',
      'skill',
      'language',
      'cost',
      'delivery',
      'active',
      'near',
      'page',
      'per_page',
      'sort',
    ]);
    const country = params.find((p) => p.name === 'country')!;
    expect(country.in).toBe('query');
    expect(country.schema.type).toBe('array');
    expect(country.schema.items.enum).toContain('EU');
  });

  it('takes the match request body by reference', () => {
    const body = doc.paths['/api/v1/match'].post.requestBody;
    expect(body.required).toBe(true);
    expect(body.content['application/json'].schema).toEqual(ref('MatchRequest'));
  });

  it('names the shared schemas by their $id and resolves every reference', () => {
    const names = Object.keys(doc.components.schemas);
    expect(names).toEqual(
      expect.arrayContaining(['SearchHit', 'Snippet', 'ListingRef', 'MatchReason', 'Problem', 'Term']),
    );
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const r of new Set(refs)) {
      const target = r.slice('"$ref":"#/components/schemas/'.length, -1);
      expect(r.startsWith('"$ref":"#/components/schemas/'), r).toBe(true);
      expect(names, r).toContain(target);
    }
  });

  it('is cacheable with an ETag', async () => {
    const res = await api.fetch('/api/v1/openapi.json');
    expect(res.headers.get('etag')).toMatch(/^W\//);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  });
});

describe('GET /api/v1/docs', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders Swagger UI in a real browser from local files only, within its content security policy', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
    page.on('request', (r) => {
      if (!r.url().startsWith(api.origin)) problems.push(`left the server: ${r.url()}`);
    });
    const res = await page.goto(`${api.origin}/api/v1/docs`);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.waitForSelector('.opblock-summary-path');
    const paths = await page.locator('.opblock-summary-path').allTextContents();
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/search', '/api/v1/listings/{id}', '/api/v1/match']));
    expect(problems).toEqual([]);
    await page.close();
  });
});
