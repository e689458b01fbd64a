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

/** Near me over real HTTP (docs/near-me.md): the seed data, the packaged gazetteer, the embedded engine. */
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

interface Hit {
  id: string;
  countries: string[];
  delivery: string[];
  point?: { lat: number; lon: number; approximate: boolean; label: string };
  distance_km?: number;
}
const search = async (query: string) => {
  const res = await api.json(`/api/v1/search?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(isSearchResponse.errors(res.body)).toEqual([]);
  return res.body as { hits: Hit[]; total: number; near?: Record<string, unknown> };
};

describe('GET /api/v1/search?near=', () => {
  it('a person in Cork types "Cork": nearest services first, with how far, then national and online, then EU-wide', async () => {
    const body = await search('near=Cork&per_page=100');
    expect(body.near).toMatchObject({
      query: 'Cork',
      resolved: true,
      place: { id: '2965140', name: 'Cork', country: 'IE', kind: 'city' },
    });
    const { hits } = body;
    for (const hit of hits) expect(hit.countries.some((c) => c === 'IE' || c === 'EU')).toBe(true);
    const placed = hits.filter((h) => h.point);
    expect(placed.length).toBeGreaterThan(0);
    expect(hits.slice(0, placed.length)).toEqual(placed);
    // Dublin (its centre in GeoNames) is 219 km from Cork's; a point is a city centre, so it says so
    expect(hits[0]).toMatchObject({ point: { label: 'Dublin', approximate: true }, distance_km: 219 });
    const rest = hits.slice(placed.length);
    const euOnly = (h: Hit) => h.countries.every((c) => c === 'EU');
    const firstEu = rest.findIndex(euOnly);
    expect(firstEu).toBeGreaterThan(0);
    expect(rest.slice(firstEu).every(euOnly)).toBe(true);
    for (const h of rest) expect(h.distance_km).toBeUndefined();
  });

  it.each(['Корк', 'كورك', 'کورک', 'Corcaigh', 'CORK ', 'cork ireland'])('"%s" is Cork too', async (near) => {
    const body = await search(`near=${encodeURIComponent(near)}`);
    expect(body.near).toMatchObject({ resolved: true, place: { name: 'Cork', country: 'IE' } });
  });

  it('a typo is read and flagged: "Crok"', async () => {
    const body = await search('near=Crok');
    expect(body.near).toMatchObject({ query: 'Crok', resolved: true, typo: true, place: { name: 'Cork' } });
  });

  it('other cities and their names: Den Haag, Bruxelles, Kosice', async () => {
    for (const [near, name, country] of [
      ['Den Haag', 'The Hague', 'NL'],
      ['Bruxelles', 'Brussels', 'BE'],
      ['Kosice', 'Košice', 'SK'],
    ] as const) {
      const body = await search(`near=${encodeURIComponent(near)}&per_page=100`);
      expect(body.near).toMatchObject({ resolved: true, place: { name, country } });
      for (const hit of body.hits) expect(hit.countries.some((c) => c === country || c === 'EU')).toBe(true);
    }
    const brussels = await search('near=Brussel&per_page=100');
    const here = brussels.hits.find((h) => h.point?.label === 'Brussels');
    expect(here?.distance_km).toBe(0);
  });

  it('an unknown place or a postcode: 200, results as without near, and why', async () => {
    const plain = await search('per_page=100');
    const unknown = await search('near=Qxzvbnmw&per_page=100');
    expect(unknown.near).toMatchObject({ query: 'Qxzvbnmw', resolved: false, reason: 'not-found' });
    expect(unknown.hits.map((h) => h.id)).toEqual(plain.hits.map((h) => h.id));
    const postcode = await search(`near=${encodeURIComponent('T12 X8Y2')}`);
    expect(postcode.near).toMatchObject({ resolved: false, reason: 'postcode', suggestions: [] });
  });

  it('sort=distance without near is a 400 naming sort; with near it is the default', async () => {
    const errors = expectProblem(await api.json('/api/v1/search?sort=distance'), 400);
    expect(errors).toEqual([{ field: 'querystring.sort', reason: 'distance needs near' }]);
    const asked = await search('near=Cork&sort=distance&per_page=100');
    const implied = await search('near=Cork&per_page=100');
    expect(asked.hits.map((h) => h.id)).toEqual(implied.hits.map((h) => h.id));
  });

  it('a sentence with a place keeps the best match first; sort=distance puts the nearest matches first', async () => {
    // "I was a nurse in Syria" in Arabic, near Cork in Arabic: the nurses' registration body matches the
    // whole sentence, and comes first even though it has no place to be near.
    const sentence = encodeURIComponent('كنت ممرضة في سوريا');
    const { hits, near } = await search(`q=${sentence}&near=${encodeURIComponent('كورك')}`);
    expect(near).toMatchObject({ resolved: true });
    expect(hits[0]?.id).toMatch(/^ie-nmbi/);
    // With words the order is relevance and every hit with a point still says how far it is.
    const best = await search('q=employment&near=Cork&per_page=100');
    expect(best.hits.some((h) => h.distance_km !== undefined)).toBe(true);
    const nearest = await search('q=employment&near=Cork&sort=distance&per_page=100');
    expect(new Set(nearest.hits.map((h) => h.id))).toEqual(new Set(best.hits.map((h) => h.id)));
    const km = nearest.hits.filter((h) => h.distance_km !== undefined).map((h) => h.distance_km!);
    expect(km.length).toBeGreaterThan(0);
    expect(km).toEqual([...km].sort((a, b) => a - b));
    expect(nearest.hits.slice(0, km.length).every((h) => h.distance_km !== undefined)).toBe(true);
  });

  it('online-only listings have no point; in-person listings in a known city have one', async () => {
    const { hits } = await search('country=IE&per_page=100');
    for (const hit of hits) if (!hit.delivery.includes('in-person')) expect(hit.point).toBeUndefined();
    expect(hits.some((h) => h.point?.label === 'Dublin')).toBe(true);
  });
});
