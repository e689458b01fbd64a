import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlacesResponseSchema } from '@skillway/core';
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
const isPlacesResponse = responseValidator(PlacesResponseSchema);

beforeAll(async () => {
  store = await createTestStore();
  api = await startTestApi(store.path);
});
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

const places = async (query: string) => {
  const res = await api.json(`/api/v1/places?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(isPlacesResponse.errors(res.body)).toEqual([]);
  return res.body as { query: string; places: { name: string; country: string; matched?: string }[] };
};

describe('GET /api/v1/places', () => {
  it('suggests up to 8 places for what is typed, cacheable for a day', async () => {
    const res = await api.json('/api/v1/places?q=cor');
    expect(res.headers.get('cache-control')).toMatch(/max-age=86400/);
    const body = await places('q=cor');
    expect(body.query).toBe('cor');
    expect(body.places).toHaveLength(8);
    expect(body.places.map((p) => p.name)).toContain('Cork');
  });

  it('in any language and script, saying which name matched', async () => {
    expect((await places(`q=${encodeURIComponent('Корк')}`)).places[0]).toMatchObject({
      name: 'Cork',
      matched: 'Корк',
    });
    expect((await places(`q=${encodeURIComponent('كورك')}`)).places[0]).toMatchObject({ name: 'Cork' });
    expect((await places('q=Crok')).places[0]).toMatchObject({ name: 'Cork', country: 'IE' });
    expect((await places(`q=${encodeURIComponent('Den Haag')}&lang=nl`)).places[0]).toMatchObject({
      name: 'The Hague',
      matched: 'Den Haag',
    });
  });

  it('limit and country narrow the list', async () => {
    expect((await places('q=Lon&limit=2')).places).toHaveLength(2);
    const gb = await places('q=Lon&country=GB');
    expect(gb.places.every((p) => p.country === 'GB')).toBe(true);
    expect((await places('q=Qxzvbnmw')).places).toEqual([]);
  });

  it.each([
    ['q missing', '', 'querystring.q', 'is required'],
    ['q empty', 'q=', 'querystring.q', 'must be at least 1 characters long'],
    ['q too long', `q=${'x'.repeat(101)}`, 'querystring.q', 'must be at most 100 characters long'],
    ['limit', 'q=cork&limit=9', 'querystring.limit', '9 must be <= 8'],
    ['country', 'q=cork&country=EU', 'querystring.country[0]', /"EU" is not one of/],
    ['lang', 'q=cork&lang=de', 'querystring.lang', /"de" is not one of/],
  ])('400 naming the field: %s', async (_title, query, field, reason) => {
    const errors = expectProblem(await api.json(`/api/v1/places?${query}`), 400);
    expect(errors[0]!.field).toBe(field);
    if (typeof reason === 'string') expect(errors[0]!.reason).toBe(reason);
    else expect(errors[0]!.reason).toMatch(reason);
  });
});
