import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListingDetailSchema } from '@skillway/core';
import { createSeededStore, readSeedListings, type TempStore } from '@skillway/store/testing';
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

  it('gives the richer model (issue 14) and the texts in every language with their status', async () => {
    // The indexer merges data/translations/ into the listings; this store is the seed data as written.
    const arabic = {
      name: 'مجلس التدريس',
      how_to_apply: 'قدّم طلبك عبر الإنترنت.',
      status: 'machine',
      from: 'en',
    } as const;
    const seed = readSeedListings().map((r) =>
      r.id === 'ie-teaching-council'
        ? { ...r, how_to_apply: r.how_to_apply ?? 'Apply online.', texts: { ar: arabic } }
        : r,
    );
    const own = await createSeededStore(seed);
    const ownApi = await startTestApi(own.path);
    try {
      const res = await ownApi.json('/api/v1/listings/ie-teaching-council');
      expect(res.status).toBe(200);
      expect(isListingDetail.errors(res.body)).toEqual([]);
      expect(res.body.text_lang).toBe('en');
      // the original is one of the languages, marked as such, with every text the record has
      expect(res.body.texts.en).toEqual({
        name: res.body.name,
        summary: res.body.summary,
        ...(res.body.eligibility?.note && { eligibility_note: res.body.eligibility.note }),
        ...(res.body.documents && { documents: res.body.documents }),
        how_to_apply: res.body.how_to_apply,
        status: 'original',
      });
      // a translation is never presented as the provider's words
      expect(res.body.texts.ar).toEqual(arabic);
    } finally {
      await ownApi.close();
      await own.dispose();
    }
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
