import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListingDetailSchema } from '@skillway/core';
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
const isListingDetail = responseValidator(ListingDetailSchema);

beforeAll(async () => {
  store = await createTestStore();
  api = await startTestApi(store.path);
});
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

describe('GET /api/v1/listings/:id', () => {
  it('gives an organisation with the services it runs', async () => {
    const res = await api.json('/api/v1/listings/ie-irish-refugee-council');
    expect(res.status).toBe(200);
    expect(isListingDetail.errors(res.body)).toEqual([]);
    expect(res.body).toMatchObject({ id: 'ie-irish-refugee-council', kind: 'organisation', organisation: null });
    expect(res.body.services).toHaveLength(4);
    expect(res.body.source_url).toMatch(/^https?:\/\//);
  });

  it('gives a service with its organisation', async () => {
    const res = await api.json('/api/v1/listings/eu-enic-naric-evaluator-guide');
    expect(res.status).toBe(200);
    expect(isListingDetail.errors(res.body)).toEqual([]);
    expect(res.body.organisation).toMatchObject({ id: 'eu-enic-naric-network', kind: 'organisation' });
  });

  it('answers 404 with a problem for an id that does not exist', async () => {
    const res = await api.json('/api/v1/listings/ie-no-such-service');
    expectProblem(res, 404);
    expect(res.body.detail).toBe('There is no listing with id "ie-no-such-service".');
  });

  it.each([
    ['upper case and underscores', 'IE_Service', '"IE_Service" is not well-formed'],
    ['too short', 'ie', 'must be at least 3 characters long'],
  ])('answers 400 naming params.id for an id that cannot exist (%s)', async (_why, id, reason) => {
    const errors = expectProblem(await api.json(`/api/v1/listings/${id}`), 400);
    expect(errors).toEqual([{ field: 'params.id', reason }]);
  });

  it('has an ETag and answers 304 when it has not changed', async () => {
    const first = await api.fetch('/api/v1/listings/ie-irish-refugee-council');
    const etag = first.headers.get('etag')!;
    expect(first.headers.get('cache-control')).toBe('public, max-age=30');
    const again = await api.fetch('/api/v1/listings/ie-irish-refugee-council', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });
});
