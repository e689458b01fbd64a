import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededStore, readSeedListings, type TempStore } from '@skillway/store/testing';
import { startTestApi, type TestApi } from '../../../testing/test-api';

/** GET /listings/{id} says where to draw each listing on a map (docs/near-me.md). */
let store: TempStore;
let api: TestApi;
const seeds = readSeedListings();
const withCoordinates = {
  ...seeds.find((l) => l.id === 'ie-irish-refugee-council')!,
  id: 'ie-points-test',
  locations: [
    { name: 'Front office', city: 'Dublin', latitude: 53.35, longitude: -6.26 },
    { name: 'Cork outreach', city: 'Cork' },
  ],
};

beforeAll(async () => {
  store = await createSeededStore([...seeds, withCoordinates]);
  api = await startTestApi(store.path);
});
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

describe('GET /api/v1/listings/{id}: points', () => {
  it("a location with coordinates is exact; one with a city is at the city's centre, approximate", async () => {
    const res = await api.json('/api/v1/listings/ie-points-test');
    expect(res.status).toBe(200);
    expect(res.body.points).toEqual([
      { location: 0, lat: 53.35, lon: -6.26, approximate: false, label: 'Dublin' },
      { location: 1, lat: 51.89797, lon: -8.47061, approximate: true, label: 'Cork' },
    ]);
    expect(res.body.locations).toHaveLength(2);
  });

  it("without locations: the listing's city; online-only listings: none", async () => {
    const dublin = await api.json('/api/v1/listings/ie-irc-education-fund');
    expect(dublin.body.points).toEqual([
      { location: null, lat: expect.any(Number), lon: expect.any(Number), approximate: true, label: 'Dublin' },
    ]);
    const online = await api.json('/api/v1/listings/ie-recruit-refugees-cork');
    expect(online.body.delivery).toEqual(['online']);
    expect(online.body.points).toEqual([]);
  });
});
