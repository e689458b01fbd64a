import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHsdsValidator, organizationId, serviceId, taxonomyId, termId } from '@skillway/store/hsds';
import { readSeedListings, type TempStore } from '@skillway/store/testing';
import { createTestStore, expectProblem, startTestApi, type JsonBody, type TestApi } from '../../testing/test-api';

/**
 * The HSDS API over real HTTP on the seed data (every seed listing, ESCO with skills). Every answer is
 * checked against the copied HSDS schemas, closed to properties they do not name.
 */
let store: TempStore;
let api: TestApi;
const hsds = createHsdsValidator({ closed: true });

beforeAll(async () => {
  store = await createTestStore({ withSkills: true });
  api = await startTestApi(store.path);
});
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

async function get(path: string): Promise<JsonBody> {
  const res = await api.json(`/api/hsds${path}`);
  expect(res.status, `${path}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(200);
  return res.body;
}

/** Every page of a list, each checked as a Page whose items pass `check`. */
async function allPages(path: string, check: (item: unknown) => string[], perPage = 100): Promise<JsonBody[]> {
  const items: JsonBody[] = [];
  for (let page = 1; ; page++) {
    const body = await get(`${path}${path.includes('?') ? '&' : '?'}page=${page}&per_page=${perPage}`);
    expect(hsds.page(body, check), `${path} page ${page}`).toEqual([]);
    items.push(...body.contents);
    if (body.last_page) return items;
  }
}

describe('/api/hsds', () => {
  it('serves every listing as a valid HSDS service, fully nested at /services/{id}', async () => {
    const services = await allPages('/services', (s) => hsds.listItem('service_list', s));
    expect(services).toHaveLength(readSeedListings().length);
    for (const { id } of services) {
      expect(hsds.table('service', await get(`/services/${id}`)), id).toEqual([]);
    }
  });

  it('pages full services too (full=true), each valid', async () => {
    const full = await allPages('/services?full=true', (s) => hsds.table('service', s), 50);
    expect(full).toHaveLength(readSeedListings().length);
    expect(full.some((s) => s.attributes.some((a: JsonBody) => a.link_type === 'occupation'))).toBe(true);
  });

  it('serves organisation listings as organizations, each with its services', async () => {
    const orgs = await allPages('/organizations', (o) => hsds.listItem('organization_list', o));
    expect(orgs.length).toBeGreaterThan(50);
    for (const { id } of orgs) {
      const org = await get(`/organizations/${id}`);
      expect(hsds.nested('organization', org), id).toEqual([]);
      expect(org.services.length).toBeGreaterThan(0);
    }
    const enic = await get(`/organizations/${organizationId('eu-enic-naric-network')}?full_service=true`);
    expect(hsds.nested('organization', enic)).toEqual([]);
    expect(enic.services[0]).toMatchObject({ id: serviceId('eu-enic-naric-network'), attributes: expect.any(Array) });
  });

  it('serves services at locations, and each one fully', async () => {
    const places = await allPages('/service_at_locations', (p) => hsds.listItem('service_at_location_list', p));
    expect(places.length).toBeGreaterThan(0);
    for (const { id } of places.slice(0, 20)) {
      expect(hsds.nested('service_at_location', await get(`/service_at_locations/${id}`)), id).toEqual([]);
    }
  });

  it('serves the taxonomies and their terms, ESCO with its attribution', async () => {
    const taxonomies = await allPages('/taxonomies', (t) => hsds.table('taxonomy', t));
    expect(taxonomies.map((t) => t.name)).toEqual([
      'Skillway categories',
      'Skillway audiences',
      'Skillway protection statuses',
      'Skillway delivery modes',
      'Skillway listing kinds',
      'ISCO-08',
      'ESCO occupations',
      'ESCO skills',
    ]);
    expect(taxonomies.find((t) => t.name === 'ESCO skills').description).toContain(
      'This service uses the ESCO classification of the European Commission.',
    );
    expect(hsds.table('taxonomy', await get(`/taxonomies/${taxonomyId('isco-08')}`))).toEqual([]);

    const first = await get('/taxonomy_terms?per_page=200');
    expect(hsds.page(first, (t) => hsds.table('taxonomy_term', t))).toEqual([]);
    expect(first.total_items).toBeGreaterThan(17_000);
    const last = await get(`/taxonomy_terms?per_page=200&page=${first.total_pages}`);
    expect(hsds.page(last, (t) => hsds.table('taxonomy_term', t))).toEqual([]);
    expect(last).toMatchObject({ last_page: true, page_number: first.total_pages });
    expect(last.contents.at(-1).taxonomy).toBe('ESCO skills');

    const nurses = await get(`/taxonomy_terms?taxonomy_id=${taxonomyId('esco-occupations')}&search=nurse`);
    expect(hsds.page(nurses, (t) => hsds.table('taxonomy_term', t))).toEqual([]);
    expect(nurses.contents.every((t: JsonBody) => /nurse/i.test(t.name))).toBe(true);
    for (const term of [...first.contents.slice(0, 30), nurses.contents[0], last.contents.at(-1)]) {
      expect(await get(`/taxonomy_terms/${term.id}`)).toEqual(term);
    }
    expectProblem(await api.json('/api/hsds/taxonomy_terms/00000000-0000-4000-8000-000000000000'), 404);
    const groups = await get(`/taxonomy_terms?parent_id=${termId({ taxonomy: 'isco-08', code: '22' })}`);
    expect(groups.contents.map((t: JsonBody) => t.code)).toEqual(['221', '222', '223', '224', '225', '226']);
  });

  it('filters services by taxonomy term, taxonomy, organization and words', async () => {
    const recognition = termId({ taxonomy: 'skillway-categories', code: 'qualification-recognition' });
    const page = await get(`/services?taxonomy_term_id=${recognition}&per_page=200`);
    expect(page.total_items).toBeGreaterThan(10);
    for (const s of page.contents) {
      const full = await get(`/services/${s.id}`);
      expect(full.attributes.map((a: JsonBody) => a.taxonomy_term_id)).toContain(recognition);
    }
    const withIsco = await get(`/services?taxonomy_id=${taxonomyId('isco-08')}`);
    expect(withIsco.total_items).toBeGreaterThan(0);
    const enic = await get(`/services?organization_id=${organizationId('eu-enic-naric-network')}`);
    expect(enic.contents.map((s: JsonBody) => s.organization_id)).toEqual(
      enic.contents.map(() => organizationId('eu-enic-naric-network')),
    );
    const words = await get('/services?search=ENIC');
    expect(words.total_items).toBeGreaterThan(0);
    const none = await get('/services?search=%25%25nothing%25%25');
    expect(none).toMatchObject({ total_items: 0, total_pages: 0, empty: true, contents: [] });
  });

  it('answers bad input with a 400 problem naming the field, and unknown ids with 404', async () => {
    const bad = async (path: string, field: string) => {
      const errors = expectProblem(await api.json(`/api/hsds${path}`), 400);
      expect(errors.map((e) => e.field).join(' '), path).toContain(field);
    };
    await bad('/services?page=0', 'page');
    await bad('/services?per_page=1000', 'per_page');
    await bad('/services?taxonomy_term_id=nurse', 'taxonomy_term_id');
    await bad('/services?modified_after=yesterday', 'modified_after');
    await bad('/services?colour=blue', 'colour');
    await bad('/services/be-foo', 'id');
    expectProblem(await api.json('/api/hsds/services/00000000-0000-4000-8000-000000000000'), 404);
    expectProblem(await api.json('/api/hsds/organizations/00000000-0000-4000-8000-000000000000'), 404);
    expectProblem(await api.json(`/api/hsds/organizations/${serviceId('be-foo')}`), 404);
  });

  it('says what it is, and is in the OpenAPI document with the HSDS schemas as components', async () => {
    expect(await get('/')).toMatchObject({ version: '3.1', openapi_url: `${api.origin}/api/v1/openapi.json` });
    const doc = (await api.json('/api/v1/openapi.json')).body;
    for (const path of [
      '/api/hsds/services',
      '/api/hsds/services/{id}',
      '/api/hsds/organizations',
      '/api/hsds/organizations/{id}',
      '/api/hsds/service_at_locations',
      '/api/hsds/taxonomies',
      '/api/hsds/taxonomy_terms',
    ]) {
      expect(doc.paths[path]?.get, path).toBeDefined();
    }
    expect(doc.paths['/api/hsds/services/{id}'].get.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/hsds-service',
    });
    expect(doc.components.schemas['hsds-service'].properties.phones.items).toEqual({
      $ref: '#/components/schemas/hsds-phone',
    });
  });
});
