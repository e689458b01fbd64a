import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededStore, readSeedListings, sampleListing, type TempStore } from '@skillway/store/testing';
import { SESSION_COOKIE } from '@skillway/core';
import { serviceId } from '@skillway/store/hsds';
import { startTestApi, type TestApi } from '../testing/test-api';
import { createAccount, PASSWORD, signedIn, TestClient } from '../routes/v1/auth/account.test-client';

/**
 * Who may do what, route by route: anonymous, provider A, provider B, a moderator. A's resources are a
 * pending submission and a live listing A owns; B must not reach either; providers must not moderate.
 * Every write sends a valid CSRF token, so only the authorisation rule can refuse it.
 */
type Actor = 'anonymous' | 'providerA' | 'providerB' | 'moderator';
const ACTORS: Actor[] = ['anonymous', 'providerA', 'providerB', 'moderator'];

let store: TempStore;
let api: TestApi;
const clients = {} as Record<Actor, TestClient>;
let ownedListing: string;
let publicListing: string;
const fresh = { submission: 0 };

beforeAll(async () => {
  const seeds = readSeedListings().filter((l) => l.id.startsWith('eu-'));
  store = await createSeededStore(seeds);
  publicListing = seeds[0]!.id;
  for (const [email, role] of [
    ['a@example.org', 'provider'],
    ['b@example.org', 'provider'],
    ['m@example.org', 'moderator'],
  ] as const) {
    await createAccount(store, email, role);
  }
  api = await startTestApi(store.path, { AUTH_RATE_LIMIT_PER_MINUTE: '1000', SUBMIT_RATE_LIMIT_PER_MINUTE: '1000' });
  clients.anonymous = new TestClient(api);
  clients.providerA = await signedIn(api, 'a@example.org');
  clients.providerB = await signedIn(api, 'b@example.org');
  clients.moderator = await signedIn(api, 'm@example.org');
  const created = await clients.providerA.call('POST', '/submissions', sampleListing({ name: 'A owned listing' }));
  ownedListing = (await clients.moderator.call('POST', `/moderation/submissions/${created.body.id}/approve`)).body
    .listing_id;
});
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

/** The first record of an HSDS list (an id the HSDS rows can ask for). */
async function hsdsFirst(path: string): Promise<{ id: string }> {
  return (await api.json(`/api/hsds${path}?per_page=1`)).body.contents[0];
}

/** A pending submission of provider A, made fresh so that approving or rejecting it can be tried. */
async function pendingOfA(): Promise<number> {
  const answer = await clients.providerA.call(
    'POST',
    '/submissions',
    sampleListing({ name: `A pending ${++fresh.submission}` }),
  );
  return answer.body.id;
}

/** A pending story of provider A (any listing of the matrix's store), made fresh to approve or reject. */
async function pendingStoryOfA(): Promise<string> {
  const answer = await clients.providerA.call('POST', '/stories', storySubmission());
  return answer.body.id;
}
const storySubmission = () => ({
  teller: 'provider-on-behalf',
  country: 'EU',
  listings: [publicListing],
  lang: 'en',
  title: 'Matrix story',
  summary: 'A story submitted to check who may do what with it.',
  anonymous: true,
  told_to: 'Matrix centre',
  consent: true,
});

interface Case {
  route: string;
  call: (client: TestClient) => Promise<{ status: number }>;
  expected: Record<Actor, number>;
}

const CASES: Case[] = [
  {
    route: 'GET /me',
    call: (c) => c.call('GET', '/me'),
    expected: { anonymous: 401, providerA: 200, providerB: 200, moderator: 200 },
  },
  {
    route: 'GET /me/listings',
    call: (c) => c.call('GET', '/me/listings'),
    expected: { anonymous: 401, providerA: 200, providerB: 200, moderator: 200 },
  },
  {
    route: 'POST /auth/password (wrong current password: 400 means the route was reached)',
    call: (c) => c.call('POST', '/auth/password', { current_password: 'not it at all', new_password: PASSWORD + '!' }),
    expected: { anonymous: 401, providerA: 400, providerB: 400, moderator: 400 },
  },
  {
    route: 'POST /submissions',
    call: (c) => c.call('POST', '/submissions', sampleListing({ name: 'Matrix new listing' })),
    expected: { anonymous: 401, providerA: 201, providerB: 201, moderator: 201 },
  },
  {
    route: 'GET /submissions',
    call: (c) => c.call('GET', '/submissions'),
    expected: { anonymous: 401, providerA: 200, providerB: 200, moderator: 200 },
  },
  {
    route: "GET /submissions/:id (A's)",
    call: async (c) => c.call('GET', `/submissions/${await pendingOfA()}`),
    expected: { anonymous: 401, providerA: 200, providerB: 404, moderator: 404 },
  },
  {
    route: "PUT /submissions/:id (A's)",
    call: async (c) =>
      c.call('PUT', `/submissions/${await pendingOfA()}`, sampleListing({ name: 'Changed by someone' })),
    expected: { anonymous: 401, providerA: 200, providerB: 404, moderator: 404 },
  },
  {
    route: "POST /listings/:id/revisions (A's listing)",
    call: async (c) => {
      const answer = await c.call(
        'POST',
        `/listings/${ownedListing}/revisions`,
        sampleListing({ name: 'A owned listing' }),
      );
      // One pending edit at a time: withdraw it through moderation so the next actor starts clean.
      if (answer.status === 201) {
        await clients.moderator.call('POST', `/moderation/submissions/${answer.body.id}/reject`, { reason: 'matrix' });
      }
      return answer;
    },
    expected: { anonymous: 401, providerA: 201, providerB: 403, moderator: 403 },
  },
  {
    route: 'GET /moderation/queue',
    call: (c) => c.call('GET', '/moderation/queue'),
    expected: { anonymous: 401, providerA: 403, providerB: 403, moderator: 200 },
  },
  {
    route: 'GET /moderation/submissions/:id',
    call: async (c) => c.call('GET', `/moderation/submissions/${await pendingOfA()}`),
    expected: { anonymous: 401, providerA: 403, providerB: 403, moderator: 200 },
  },
  {
    route: 'POST /moderation/submissions/:id/approve',
    call: async (c) => c.call('POST', `/moderation/submissions/${await pendingOfA()}/approve`),
    expected: { anonymous: 401, providerA: 403, providerB: 403, moderator: 200 },
  },
  {
    route: 'POST /moderation/submissions/:id/reject',
    call: async (c) => c.call('POST', `/moderation/submissions/${await pendingOfA()}/reject`, { reason: 'Not a fit.' }),
    expected: { anonymous: 401, providerA: 403, providerB: 403, moderator: 200 },
  },
  {
    route: 'POST /stories',
    call: (c) => c.call('POST', '/stories', storySubmission()),
    expected: { anonymous: 401, providerA: 201, providerB: 201, moderator: 201 },
  },
  {
    route: 'GET /stories/mine',
    call: (c) => c.call('GET', '/stories/mine'),
    expected: { anonymous: 401, providerA: 200, providerB: 200, moderator: 200 },
  },
  {
    route: 'GET /moderation/stories',
    call: (c) => c.call('GET', '/moderation/stories'),
    expected: { anonymous: 401, providerA: 403, providerB: 403, moderator: 200 },
  },
  {
    route: 'POST /moderation/stories/:id/approve',
    call: async (c) => c.call('POST', `/moderation/stories/${await pendingStoryOfA()}/approve`),
    expected: { anonymous: 401, providerA: 403, providerB: 403, moderator: 200 },
  },
  {
    route: 'POST /moderation/stories/:id/reject',
    call: async (c) => c.call('POST', `/moderation/stories/${await pendingStoryOfA()}/reject`, { reason: 'Matrix.' }),
    expected: { anonymous: 401, providerA: 403, providerB: 403, moderator: 200 },
  },
  {
    route: 'GET /stories',
    call: (c) => c.call('GET', '/stories?country=EU'),
    expected: { anonymous: 200, providerA: 200, providerB: 200, moderator: 200 },
  },
  {
    route: 'GET /stories/:id (a published story: the same for everyone)',
    call: async (c) => {
      const id = await pendingStoryOfA();
      await clients.moderator.call('POST', `/moderation/stories/${id}/approve`);
      return c.call('GET', `/stories/${id}`);
    },
    expected: { anonymous: 200, providerA: 200, providerB: 200, moderator: 200 },
  },
  {
    route: 'POST /auth/logout (a second session of each actor)',
    call: async (c) => {
      if (!c.user) return c.call('POST', '/auth/logout');
      return (await signedIn(api, c.user.email)).call('POST', '/auth/logout');
    },
    expected: { anonymous: 401, providerA: 204, providerB: 204, moderator: 204 },
  },
  // Public routes: everyone gets the same answer, signed in or not.
  ...(
    [
      ['GET /health', '/health'],
      ['GET /ready', '/ready'],
      ['GET /search', '/search?q=language'],
      ['GET /listings/:id', `/listings/${'eu-'}`],
      ['GET /taxonomy', '/taxonomy'],
      ['GET /taxonomy/occupations', '/taxonomy/occupations?q=nurse'],
      ['GET /taxonomy/occupations/names', '/taxonomy/occupations/names?ref=2221'],
      ['GET /places', '/places?q=Cork'],
      ['GET /openapi.json', '/openapi.json'],
    ] as const
  ).map(([route, path]) => ({
    route,
    call: (c: TestClient) => c.call('GET', path === '/listings/eu-' ? `/listings/${publicListing}` : path),
    expected: { anonymous: 200, providerA: 200, providerB: 200, moderator: 200 },
  })),
  // The HSDS open-data profile, outside /api/v1: public and read-only, the same for everyone.
  ...(
    [
      ['GET /api/hsds', async () => ''],
      ['GET /api/hsds/services', async () => '/services'],
      ['GET /api/hsds/services/:id', async () => `/services/${serviceId(publicListing)}`],
      ['GET /api/hsds/organizations', async () => '/organizations'],
      ['GET /api/hsds/organizations/:id', async () => `/organizations/${(await hsdsFirst('/organizations')).id}`],
      ['GET /api/hsds/service_at_locations', async () => '/service_at_locations'],
      [
        'GET /api/hsds/service_at_locations/:id',
        async () => `/service_at_locations/${(await hsdsFirst('/service_at_locations')).id}`,
      ],
      ['GET /api/hsds/taxonomies', async () => '/taxonomies'],
      ['GET /api/hsds/taxonomies/:id', async () => `/taxonomies/${(await hsdsFirst('/taxonomies')).id}`],
      ['GET /api/hsds/taxonomy_terms', async () => '/taxonomy_terms'],
      ['GET /api/hsds/taxonomy_terms/:id', async () => `/taxonomy_terms/${(await hsdsFirst('/taxonomy_terms')).id}`],
    ] as const
  ).map(([route, path]) => ({
    route,
    call: async (c: TestClient) =>
      api.fetch(`/api/hsds${await path()}`, {
        headers: c.cookie ? { cookie: `${SESSION_COOKIE}=${c.cookie}` } : {},
      }),
    expected: { anonymous: 200, providerA: 200, providerB: 200, moderator: 200 },
  })),
  {
    route: 'POST /match',
    call: (c) => c.call('POST', '/match', { text: 'nurse', country: 'IE' }),
    expected: { anonymous: 200, providerA: 200, providerB: 200, moderator: 200 },
  },
  {
    route: 'POST /auth/login (a wrong password: 401 for everyone alike)',
    call: (c) => c.call('POST', '/auth/login', { email: 'a@example.org', password: 'not the password at all' }),
    expected: { anonymous: 401, providerA: 401, providerB: 401, moderator: 401 },
  },
  {
    route: 'POST /auth/signup (a taken address: 202 "check your e-mail" for everyone alike)',
    call: (c) => c.call('POST', '/auth/signup', { email: 'b@example.org', password: PASSWORD }),
    expected: { anonymous: 202, providerA: 202, providerB: 202, moderator: 202 },
  },
  {
    route: 'POST /auth/verify-email (a made-up token: 400 for everyone alike)',
    call: (c) => c.call('POST', '/auth/verify-email', { token: 'A'.repeat(43) }),
    expected: { anonymous: 400, providerA: 400, providerB: 400, moderator: 400 },
  },
  {
    route: 'POST /auth/verify-email/request',
    call: (c) => c.call('POST', '/auth/verify-email/request'),
    expected: { anonymous: 401, providerA: 202, providerB: 202, moderator: 202 },
  },
  {
    route: 'POST /auth/password-reset/request (the same 202 for any address)',
    call: (c) => c.call('POST', '/auth/password-reset/request', { email: 'a@example.org' }),
    expected: { anonymous: 202, providerA: 202, providerB: 202, moderator: 202 },
  },
  {
    route: 'POST /listings/:id/claims (needs a provider with a confirmed address: these are not confirmed)',
    call: (c) => c.call('POST', `/listings/${publicListing}/claims`, {}),
    expected: { anonymous: 401, providerA: 403, providerB: 403, moderator: 403 },
  },
  {
    route: 'GET /claims',
    call: (c) => c.call('GET', '/claims'),
    expected: { anonymous: 401, providerA: 200, providerB: 200, moderator: 200 },
  },
  {
    route: 'POST /listings/:id/reports (no account needed)',
    call: (c) => c.call('POST', `/listings/${publicListing}/reports`, { problem: 'link' }),
    expected: { anonymous: 201, providerA: 201, providerB: 201, moderator: 201 },
  },
  {
    route: 'GET /moderation/reports',
    call: (c) => c.call('GET', '/moderation/reports'),
    expected: { anonymous: 401, providerA: 403, providerB: 403, moderator: 200 },
  },
  {
    route: 'POST /moderation/reports/:id/decision (an unknown report)',
    call: (c) => c.call('POST', '/moderation/reports/999999/decision', { status: 'dismissed' }),
    expected: { anonymous: 401, providerA: 403, providerB: 403, moderator: 404 },
  },
  {
    route: 'GET /moderation/claims',
    call: (c) => c.call('GET', '/moderation/claims'),
    expected: { anonymous: 401, providerA: 403, providerB: 403, moderator: 200 },
  },
  {
    route: 'POST /moderation/claims/:id/approve (an unknown claim)',
    call: (c) => c.call('POST', '/moderation/claims/999999/approve'),
    expected: { anonymous: 401, providerA: 403, providerB: 403, moderator: 404 },
  },
  {
    route: 'POST /moderation/claims/:id/reject (an unknown claim)',
    call: (c) => c.call('POST', '/moderation/claims/999999/reject', { reason: 'no' }),
    expected: { anonymous: 401, providerA: 403, providerB: 403, moderator: 404 },
  },
  {
    route: 'GET /moderation/owners',
    call: (c) => c.call('GET', '/moderation/owners'),
    expected: { anonymous: 401, providerA: 403, providerB: 403, moderator: 200 },
  },
  {
    route: 'POST /moderation/listings/:id/owners/:user_id/revoke (B does not own A’s listing)',
    call: (c) =>
      c.call('POST', `/moderation/listings/${ownedListing}/owners/${clients.providerB.user!.id}/revoke`, {
        reason: 'test',
      }),
    expected: { anonymous: 401, providerA: 403, providerB: 403, moderator: 404 },
  },
  {
    route: 'GET /listings/:id/freshness',
    call: (c) => c.call('GET', `/listings/${publicListing}/freshness`),
    expected: { anonymous: 200, providerA: 200, providerB: 200, moderator: 200 },
  },
  {
    route: 'POST /listings/:id/confirm (only its owner, A)',
    call: (c) => c.call('POST', `/listings/${ownedListing}/confirm`),
    expected: { anonymous: 401, providerA: 200, providerB: 403, moderator: 403 },
  },
  {
    route: 'GET /moderation/links',
    call: (c) => c.call('GET', '/moderation/links'),
    expected: { anonymous: 401, providerA: 403, providerB: 403, moderator: 200 },
  },
  {
    route: 'POST /auth/password-reset (a made-up token: 400 for everyone alike)',
    call: (c) => c.call('POST', '/auth/password-reset', { token: 'A'.repeat(43), new_password: PASSWORD }),
    expected: { anonymous: 400, providerA: 400, providerB: 400, moderator: 400 },
  },
];

describe('authorisation matrix', () => {
  it('has a row for every route of the OpenAPI document', async () => {
    const doc = (await api.json('/api/v1/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods)
        .filter((m) => ['get', 'post', 'put', 'delete', 'patch'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path.replace(/^\/api\/v1/, '').replace(/\{([^}]+)\}/g, ':$1')}`),
    );
    const covered = new Set(CASES.map((c) => c.route.split(' (')[0]!.trim()));
    const missing = documented.filter((route) => !covered.has(route) && !route.startsWith('GET /docs'));
    expect(missing).toEqual([]);
  });

  for (const testCase of CASES) {
    it(testCase.route, async () => {
      const actual = {} as Record<Actor, number>;
      for (const actor of ACTORS) actual[actor] = (await testCase.call(clients[actor])).status;
      expect(actual).toEqual(testCase.expected);
    });
  }

  it('leaves a submission untouched when a provider tries to moderate it', async () => {
    const id = await pendingOfA();
    await clients.providerA.call('POST', `/moderation/submissions/${id}/approve`);
    await clients.providerB.call('POST', `/moderation/submissions/${id}/reject`, { reason: 'I do not like it' });
    expect((await clients.providerA.call('GET', `/submissions/${id}`)).body).toMatchObject({
      status: 'pending',
      reason: null,
    });
  });

  it("never lists another provider's submissions", async () => {
    const mine = await pendingOfA();
    const seenByB = (await clients.providerB.call('GET', '/submissions')).body.items.map((s: { id: number }) => s.id);
    expect(seenByB).not.toContain(mine);
    const seenByA = (await clients.providerA.call('GET', '/submissions')).body.items.map((s: { id: number }) => s.id);
    expect(seenByA).toContain(mine);
  });
});
