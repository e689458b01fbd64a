import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '@skillway/store';
import { sampleListing, type TempStore } from '@skillway/store/testing';
import { createTestStore, startTestApi, type TestApi } from '../../../testing/test-api';
import { createAccount, signedIn, type TestClient } from '../auth/account.test-client';

let store: TempStore;
let api: TestApi;
let ana: TestClient;
let mod: TestClient;

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const outbox = () => store.db.selectFrom('outbox').selectAll().orderBy('id').execute();

beforeAll(async () => {
  store = await createTestStore();
  await createAccount(store, 'ana@example.org', 'provider');
  await createAccount(store, 'mod@example.org', 'moderator');
  await createAccount(store, 'mod2@example.org', 'moderator');
  api = await startTestApi(store.path, { AUTH_RATE_LIMIT_PER_MINUTE: '1000', SUBMIT_RATE_LIMIT_PER_MINUTE: '1000' });
  [ana, mod] = await Promise.all([signedIn(api, 'ana@example.org'), signedIn(api, 'mod@example.org')]);
});
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

describe('moderation', () => {
  it('approves a new listing: live at once, searchable on the embedded engine within moments', async () => {
    const input = sampleListing({
      name: 'Zythoscope Nurse Bridging',
      summary: 'A bridging course for refugee nurses. <script>alert(1)</script> is kept as text.',
    });
    const submitted = (await ana.call('POST', '/submissions', input)).body;
    const queue = await mod.call('GET', '/moderation/queue');
    expect(queue.body.items).toContainEqual(
      expect.objectContaining({ id: submitted.id, type: 'new', name: 'Zythoscope Nurse Bridging' }),
    );
    expect((await api.json('/api/v1/search?q=zythoscope')).body.total).toBe(0);

    const started = performance.now();
    const approved = await mod.call('POST', `/moderation/submissions/${submitted.id}/approve`);
    expect(approved).toMatchObject({
      status: 200,
      body: { status: 'approved', listing_id: 'ie-zythoscope-nurse-bridging' },
    });
    const hit = await until('search to find the new listing', async () => {
      const { body } = await api.json('/api/v1/search?q=zythoscope');
      return body.hits?.[0];
    });
    const elapsed = performance.now() - started;
    console.info(`approval -> searchable over HTTP, embedded engine: ${elapsed.toFixed(0)} ms`);
    expect(hit).toMatchObject({ id: 'ie-zythoscope-nurse-bridging', name: 'Zythoscope Nurse Bridging' });

    const detail = await api.json('/api/v1/listings/ie-zythoscope-nurse-bridging');
    expect(detail.status).toBe(200);
    expect(detail.body.summary).toBe(input.summary);
    expect(detail.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await outbox()).at(-1)).toMatchObject({ listing_id: 'ie-zythoscope-nurse-bridging', status: 'done' });
    expect((await ana.call('GET', '/submissions')).body.items[0]).toMatchObject({
      id: submitted.id,
      status: 'approved',
      listing_id: 'ie-zythoscope-nurse-bridging',
    });
    expect((await mod.call('POST', `/moderation/submissions/${submitted.id}/approve`)).status).toBe(409);
  });

  it('shows an edit field by field against the live version, and applies it on approval', async () => {
    const created = (await ana.call('POST', '/submissions', sampleListing({ name: 'Quillmark Language Cafe' }))).body;
    const id = (await mod.call('POST', `/moderation/submissions/${created.id}/approve`)).body.listing_id;
    const edit = (
      await ana.call(
        'POST',
        `/listings/${id}/revisions`,
        sampleListing({ name: 'Quillmark Language Cafe', city: 'Cork' }),
      )
    ).body;
    const view = await mod.call('GET', `/moderation/submissions/${edit.id}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      type: 'edit',
      listing_id: id,
      live: { id, city: 'Dublin' },
      changes: [{ field: 'city', before: 'Dublin', after: 'Cork' }],
      live_changed_since_submitted: false,
      submitted_by: { email: 'ana@example.org' },
    });
    await mod.call('POST', `/moderation/submissions/${edit.id}/approve`);
    expect((await api.json(`/api/v1/listings/${id}`)).body.city).toBe('Cork');
    const [audit] = await listAudit(store.db, { subject_type: 'submission', subject_id: edit.id, limit: 1 });
    expect(audit).toMatchObject({ action: 'submission.approve', actor_id: mod.user!.id });
    expect(audit!.changes).toContainEqual({ field: 'listing.city', before: 'Dublin', after: 'Cork' });
  });

  it('rejects only with a reason, which the provider then sees; nothing goes live', async () => {
    const submitted = (await ana.call('POST', '/submissions', sampleListing({ name: 'Vexmoor Skills Check' }))).body;
    expect(await mod.call('POST', `/moderation/submissions/${submitted.id}/reject`, {})).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'body.reason', reason: 'is required' }] },
    });
    expect(await mod.call('POST', `/moderation/submissions/${submitted.id}/reject`, { reason: '   ' })).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'body.reason' }] },
    });
    const rejected = await mod.call('POST', `/moderation/submissions/${submitted.id}/reject`, {
      reason: 'The page does not say the service is for refugees.',
    });
    expect(rejected).toMatchObject({ status: 200, body: { status: 'rejected' } });
    expect((await ana.call('GET', `/submissions/${submitted.id}`)).body.reason).toBe(
      'The page does not say the service is for refugees.',
    );
    expect((await api.json('/api/v1/search?q=vexmoor')).body.total).toBe(0);
    const [audit] = await listAudit(store.db, { subject_type: 'submission', subject_id: submitted.id, limit: 1 });
    expect(audit).toMatchObject({ action: 'submission.reject', actor_id: mod.user!.id });
  });

  it('does not let a moderator approve their own submission', async () => {
    const own = (await mod.call('POST', '/submissions', sampleListing({ name: 'Moderator own listing' }))).body;
    expect((await mod.call('POST', `/moderation/submissions/${own.id}/approve`)).status).toBe(403);
    const other = await signedIn(api, 'mod2@example.org');
    expect((await other.call('POST', `/moderation/submissions/${own.id}/approve`)).status).toBe(200);
  });

  it('answers 404 for a submission that does not exist', async () => {
    expect((await mod.call('GET', '/moderation/submissions/999999')).status).toBe(404);
    expect((await mod.call('POST', '/moderation/submissions/999999/approve')).status).toBe(404);
  });
});
