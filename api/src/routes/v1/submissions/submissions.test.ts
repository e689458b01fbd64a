import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '@skillway/store';
import { createSeededStore, readSeedListings, sampleListing, type TempStore } from '@skillway/store/testing';
import { startTestApi, type TestApi } from '../../../testing/test-api';
import { createAccount, signedIn, type TestClient } from '../auth/account.test-client';

let store: TempStore;
let api: TestApi;
let ana: TestClient;
let ben: TestClient;
let mod: TestClient;

beforeAll(async () => {
  const seeds = readSeedListings().filter((l) => l.id.startsWith('eu-') || l.id === 'gb-breaking-barriers');
  store = await createSeededStore(seeds);
  await createAccount(store, 'ana@example.org', 'provider');
  await createAccount(store, 'ben@example.org', 'provider');
  await createAccount(store, 'mod@example.org', 'moderator');
  api = await startTestApi(store.path, { AUTH_RATE_LIMIT_PER_MINUTE: '1000', SUBMIT_RATE_LIMIT_PER_MINUTE: '1000' });
  [ana, ben, mod] = await Promise.all([
    signedIn(api, 'ana@example.org'),
    signedIn(api, 'ben@example.org'),
    signedIn(api, 'mod@example.org'),
  ]);
});
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

describe('POST /submissions', () => {
  it('takes a new listing as pending and returns text exactly as sent, as JSON, never as markup', async () => {
    const input = sampleListing({
      name: '<b>Nurse</b> bridging <script>alert(1)</script>',
      summary: 'Course for nurses. <img src=x onerror=alert(1)> & "quotes" stay as typed.',
    });
    const answer = await ana.call('POST', '/submissions', input);
    expect(answer.status).toBe(201);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.body).toMatchObject({
      type: 'new',
      status: 'pending',
      listing_id: null,
      reason: null,
      content: input,
    });
    const [audit] = await listAudit(store.db, { subject_type: 'submission', subject_id: answer.body.id });
    expect(audit).toMatchObject({ action: 'submission.create', actor_id: ana.user!.id });
  });

  it('names the bad field and the reason, with the same rules as the data files', async () => {
    expect(
      await ana.call('POST', '/submissions', { ...sampleListing(), audiences: ['refugees', 'refugee'] }),
    ).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'body.audiences[1]', reason: expect.stringContaining('"refugee" is not one of') }] },
    });
    const { name: _name, ...nameless } = sampleListing();
    expect(await ana.call('POST', '/submissions', nameless)).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'body.name', reason: 'is required' }] },
    });
    expect(await ana.call('POST', '/submissions', { ...sampleListing(), status: 'approved' })).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'body.status', reason: 'is not a known field' }] },
    });
    expect(await ana.call('POST', '/submissions', { ...sampleListing(), id: 'ie-my-own-id' })).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'body.id', reason: 'is not a known field' }] },
    });
    expect(await ana.call('POST', '/submissions', sampleListing({ organisation: 'xx-nobody' }))).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'body.organisation', reason: '"xx-nobody" is not a listing' }] },
    });
    expect(await ana.call('POST', '/submissions', sampleListing({ url: 'javascript:alert(1)' }))).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'body.url' }] },
    });
  });

  it('bounds sizes: long fields by the schema, the whole body by the server', async () => {
    expect(await ana.call('POST', '/submissions', sampleListing({ summary: 'x'.repeat(1501) }))).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'body.summary', reason: 'must be at most 1500 characters long' }] },
    });
    const huge = JSON.stringify({ ...sampleListing(), padding: 'x'.repeat(70 * 1024) });
    expect((await ana.call('POST', '/submissions', undefined, { rawBody: huge })).status).toBe(413);
  });
});

describe('GET, PUT /submissions', () => {
  it('shows providers only their own submissions, and lets them change only their own pending ones', async () => {
    const mine = (await ana.call('POST', '/submissions', sampleListing({ name: 'Ana course one' }))).body;
    const theirs = (await ben.call('POST', '/submissions', sampleListing({ name: 'Ben course one' }))).body;
    const anaList = (await ana.call('GET', '/submissions')).body.items as { id: number }[];
    const benList = (await ben.call('GET', '/submissions')).body.items as { id: number }[];
    expect(anaList.map((s) => s.id)).toContain(mine.id);
    expect(anaList.map((s) => s.id)).not.toContain(theirs.id);
    expect(benList.map((s) => s.id)).toEqual([theirs.id]);

    expect((await ben.call('GET', `/submissions/${mine.id}`)).status).toBe(404);
    expect((await ben.call('PUT', `/submissions/${mine.id}`, sampleListing({ name: 'Taken over' }))).status).toBe(404);
    expect((await ana.call('GET', `/submissions/${mine.id}`)).body.content.name).toBe('Ana course one');
    expect((await ana.call('GET', '/submissions/not-a-number')).status).toBe(400);

    const updated = await ana.call('PUT', `/submissions/${mine.id}`, sampleListing({ name: 'Ana course, renamed' }));
    expect(updated).toMatchObject({
      status: 200,
      body: { status: 'pending', content: { name: 'Ana course, renamed' } },
    });
    const [audit] = await listAudit(store.db, { subject_type: 'submission', subject_id: mine.id, limit: 1 });
    expect(audit!.changes).toEqual([{ field: 'name', before: 'Ana course one', after: 'Ana course, renamed' }]);

    await mod.call('POST', `/moderation/submissions/${mine.id}/reject`, { reason: 'Please add the course page.' });
    expect((await ana.call('GET', `/submissions/${mine.id}`)).body).toMatchObject({
      status: 'rejected',
      reason: 'Please add the course page.',
    });
    expect((await ana.call('PUT', `/submissions/${mine.id}`, sampleListing())).status).toBe(409);
  });
});

describe('POST /listings/:id/revisions', () => {
  it('takes edits of a live listing from its owner only, one pending edit at a time', async () => {
    const created = (await ana.call('POST', '/submissions', sampleListing({ name: 'Ana owned course' }))).body;
    const approved = (await mod.call('POST', `/moderation/submissions/${created.id}/approve`)).body;
    const id = approved.listing_id as string;
    expect(id).toBe('ie-ana-owned-course');
    expect((await ana.call('GET', '/me/listings')).body.items).toContainEqual({
      id,
      kind: 'service',
      name: 'Ana owned course',
    });

    const edit = sampleListing({ name: 'Ana owned course', cost: 'fee' });
    expect((await ben.call('POST', `/listings/${id}/revisions`, edit)).status).toBe(403);
    expect((await ana.call('POST', '/listings/gb-breaking-barriers/revisions', edit)).status).toBe(403);
    expect((await ana.call('POST', '/listings/xx-no-such-listing/revisions', edit)).status).toBe(404);
    expect((await ana.call('POST', `/listings/${id}/revisions`, { ...edit, extra: 1 })).status).toBe(400);
    const proposed = await ana.call('POST', `/listings/${id}/revisions`, edit);
    expect(proposed).toMatchObject({ status: 201, body: { type: 'edit', status: 'pending', listing_id: id } });
    expect((await ana.call('POST', `/listings/${id}/revisions`, edit)).status).toBe(409);
    // Until approved, the live listing is unchanged.
    expect((await ana.call('GET', `/listings/${id}`)).body.cost).toBe('free');
  });
});

describe('rate limits on submissions', () => {
  it('limits submissions per account, not per address', async () => {
    const limited = await startTestApi(store.path, { SUBMIT_RATE_LIMIT_PER_MINUTE: '2' });
    try {
      const [a, b] = await Promise.all([signedIn(limited, 'ana@example.org'), signedIn(limited, 'ben@example.org')]);
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await a.call('POST', '/submissions', sampleListing())).status);
      expect(statuses).toEqual([201, 201, 429]);
      expect((await b.call('POST', '/submissions', sampleListing())).status).toBe(201);
    } finally {
      await limited.close();
    }
  });
});
