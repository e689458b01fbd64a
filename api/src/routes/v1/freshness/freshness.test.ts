import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addListingOwner, saveLinkResults } from '@skillway/store';
import type { TempStore } from '@skillway/store/testing';
import { createTestStore, startTestApi, type TestApi } from '../../../testing/test-api';
import { createAccount, signedIn } from '../auth/account.test-client';

let store: TempStore;
let api: TestApi;

beforeAll(async () => {
  store = await createTestStore();
  await createAccount(store, 'owner@iom.int', 'provider');
  await createAccount(store, 'mod@skillway.example', 'moderator');
  const owner = await store.db
    .selectFrom('user_account')
    .select('id')
    .where('email', '=', 'owner@iom.int')
    .executeTakeFirstOrThrow();
  await addListingOwner(store.db, 'eu-iom', owner.id, new Date().toISOString());
  await saveLinkResults(
    store.db,
    [
      {
        listing_id: 'eu-iom',
        field: 'url',
        url: 'https://www.iom.int',
        status: 404,
        location: null,
        error: null,
        broken: true,
      },
      {
        listing_id: 'eu-iom',
        field: 'source_url',
        url: 'https://stale.example/old',
        status: 500,
        location: null,
        error: null,
        broken: true,
      },
    ],
    '2026-12-01T00:00:00.000Z',
  );
  api = await startTestApi(store.path, { FRESHNESS_REMINDERS_EVERY_HOURS: '24', LINK_CHECK_EVERY_HOURS: '0' });
}, 120_000);
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

describe('freshness', () => {
  it('tells readers when a listing was confirmed and checked, and the owner confirms it', async () => {
    const before = await api.json('/api/v1/listings/eu-iom/freshness');
    expect(before).toMatchObject({ status: 200, body: { listing_id: 'eu-iom', confirmed_at: null } });
    const owner = await signedIn(api, 'owner@iom.int');
    const confirmed = await owner.call('POST', '/listings/eu-iom/confirm');
    expect(confirmed).toMatchObject({ status: 200, body: { may_be_out_of_date: false } });
    expect(Date.now() - Date.parse(confirmed.body.confirmed_at)).toBeLessThan(60_000);
    expect((await owner.call('POST', '/listings/eu-enic-naric-network/confirm')).status).toBe(403);
    expect((await api.json('/api/v1/listings/nope/freshness')).status).toBe(404);
  });

  it('shows moderators the broken links of the last check, leaving out a url the listing no longer has', async () => {
    const mod = await signedIn(api, 'mod@skillway.example');
    const answer = await mod.call('GET', '/moderation/links');
    expect(answer.status).toBe(200);
    expect(answer.body.items).toEqual([
      expect.objectContaining({ listing_id: 'eu-iom', field: 'url', url: 'https://www.iom.int', status: 404 }),
    ]);
  });
});
