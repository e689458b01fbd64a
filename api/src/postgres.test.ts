import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildPostgresSearchIndex } from '@skillway/store/search';
import {
  readSeedListings,
  runPostgresSuites,
  sampleListing,
  startTestSmtpServer,
  testDatabase,
  type TestSmtpServer,
  type TestStore,
} from '@skillway/store/testing';
import { startTestApi, type TestApi } from './testing/test-api';
import { createAccount, signedIn, signedUp } from './routes/v1/auth/account.test-client';

/**
 * The API on PostgreSQL (DATABASE_URL), over real HTTP: a throwaway cluster with the seed data, no
 * Meilisearch (search answers from PostgreSQL's full-text fallback). The two-instance test is
 * api/src/two-instances.test.ts's (pg-instances); this one checks that one instance works end to end.
 */
describe.runIf(runPostgresSuites())('the API on PostgreSQL', () => {
  let store: TestStore;
  let smtp: TestSmtpServer;
  let api: TestApi;
  const seed = readSeedListings();

  beforeAll(async () => {
    [store, smtp] = await Promise.all([testDatabase('postgres').openSeeded(seed), startTestSmtpServer()]);
    await store.db.transaction().execute((trx) => rebuildPostgresSearchIndex(trx));
    await createAccount(store, 'mod@example.org', 'moderator');
    // DATABASE_PATH is what startTestApi sets; DATABASE_URL wins over it.
    api = await startTestApi('/nonexistent/never-opened.db', { DATABASE_URL: store.url!, SMTP_URL: smtp.url });
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
    await store?.dispose();
  });

  it('is healthy and ready, and says so from the database it was given', async () => {
    expect(api.server.store.dialect).toBe('postgres');
    expect((await api.json('/api/v1/health')).status).toBe(200);
    const ready = await api.json('/api/v1/ready');
    expect(ready.status, JSON.stringify(ready.body)).toBe(200);
  });

  it('serves listing pages and searches from PostgreSQL', async () => {
    const listing = seed.find((l) => l.kind === 'service')!;
    const page = await api.json(`/api/v1/listings/${listing.id}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ id: listing.id, name: listing.name });
    expect((await api.json('/api/v1/listings/xx-no-such-listing')).status).toBe(404);
    const search = await api.json('/api/v1/search?q=nurse');
    expect(search.status).toBe(200);
    expect(search.body.total).toBeGreaterThan(0);
  });

  it('signs a provider up by e-mail, takes a submission, and publishes it when a moderator approves', async () => {
    const ana = await signedUp(api, smtp, 'ana@example.org');
    const submitted = await ana.call('POST', '/submissions', sampleListing({ name: 'Postgres Language Cafe' }));
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const mod = await signedIn(api, 'mod@example.org');
    const queue = await mod.call('GET', '/moderation/queue');
    expect(queue.body.items.map((s: { id: number }) => s.id)).toContain(submitted.body.id);
    const approved = await mod.call('POST', `/moderation/submissions/${submitted.body.id}/approve`);
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const page = await api.json(`/api/v1/listings/${approved.body.listing_id}`);
    expect(page.status).toBe(200);
    expect(page.body.name).toBe('Postgres Language Cafe');
    expect((await ana.call('GET', '/submissions')).body.items[0]).toMatchObject({ status: 'approved' });
  });
});
