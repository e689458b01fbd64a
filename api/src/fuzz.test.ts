import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededStore, readSeedListings, sampleListing, type TempStore } from '@skillway/store/testing';
import { rebuildSqliteSearchIndex } from '@skillway/store/search';
import { startTestApi, type TestApi } from './testing/test-api';
import { createAccount, signedIn, TestClient } from './routes/v1/auth/account.test-client';

/**
 * Generated requests over every route of the OpenAPI document (issue 16): a fixed seed, a bounded
 * number of requests (about 3,000, well under a minute), as anonymous, a provider and a moderator.
 * Any 5xx, or an error that is not application/problem+json, fails with the request that caused it.
 */
const SEED = 16;
const RUNS = 3000;

let store: TempStore;
let api: TestApi;
const clients: Record<string, TestClient> = {};
let routes: { method: string; path: string }[] = [];
const statuses = new Map<number, number>();

beforeAll(async () => {
  store = await createSeededStore(readSeedListings().filter((l) => /^(eu|ie|es)-/.test(l.id)));
  await store.db.transaction().execute((trx) => rebuildSqliteSearchIndex(trx));
  await createAccount(store, 'fuzz-provider@example.org', 'provider');
  await createAccount(store, 'fuzz-mod@example.org', 'moderator');
  api = await startTestApi(store.path, { RATE_LIMIT_PER_MINUTE: '0' });
  clients.anonymous = new TestClient(api);
  clients.provider = await signedIn(api, 'fuzz-provider@example.org');
  clients.moderator = await signedIn(api, 'fuzz-mod@example.org');
  await clients.provider.call('POST', '/submissions', sampleListing({ name: 'Fuzz pending' }));
  const doc = (await api.json('/api/v1/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
  routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods)
      .filter((m) => ['get', 'post', 'put', 'delete', 'patch'].includes(m))
      .map((m) => ({ method: m.toUpperCase(), path: path.replace(/^\/api\/v1/, '') })),
  );
}, 120_000);

afterAll(async () => {
  await api?.close();
  await store?.dispose();
  const counts = [...statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`);
  console.info(`fuzz: ${[...statuses.values()].reduce((a, b) => a + b, 0)} requests; by status ${counts.join(', ')}`);
});

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '1e309',
    'NaN',
    'null',
    '%00',
    '../../etc/passwd',
    '<script>',
    'ñ',
    '\u202e',
    'ie-x',
  ),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);
const json = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.record({ email: text, password: text }, { requiredKeys: [] }),
  fc.record(
    { q: text, country: fc.array(text, { maxLength: 3 }), occupation: text, reason: text },
    { requiredKeys: [] },
  ),
  fc.constant(sampleListing({ name: 'Fuzz listing' }) as unknown),
  fc.record({ name: text, kind: text, countries: fc.array(text), summary: text }, { requiredKeys: [] }),
);
const body = fc.oneof(
  { weight: 5, arbitrary: json.map((v) => ({ raw: JSON.stringify(v), type: 'application/json' })) },
  { weight: 1, arbitrary: text.map((t) => ({ raw: t, type: 'application/json' })) },
  { weight: 1, arbitrary: fc.nat(6000).map((n) => ({ raw: '['.repeat(n) + ']'.repeat(n), type: 'application/json' })) },
  {
    weight: 1,
    arbitrary: text.map((t) => ({
      raw: t,
      type: fc.sample(
        fc.constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data',
          'application/json; charset=latin1',
        ),
        1,
      )[0]!,
    })),
  },
  { weight: 1, arbitrary: fc.constant(undefined) },
);
const query = fc.dictionary(
  fc.constantFrom(
    'q',
    'country',
    'category',
    'audience',
    'kind',
    'lang',
    'page',
    'per_page',
    'limit',
    'occupation',
    'sort',
    'cost',
    'active',
    'ignore',
    'x',
    '__proto__',
  ),
  fc.oneof(text, fc.array(text, { maxLength: 3 })),
  { maxKeys: 4 },
);

const request = fc.record({
  route: fc.nat(),
  actor: fc.constantFrom('anonymous', 'provider', 'moderator'),
  param: fc.oneof(text, fc.constantFrom('1', '2', '99999999', '9007199254740993', 'ie-nmbi-non-eu-registration')),
  query,
  body,
  csrf: fc.boolean(),
});

describe('fuzz: generated requests over every route', () => {
  it(`answers ${RUNS} generated requests with no 5xx and only problem documents as errors`, async () => {
    expect(routes.length).toBeGreaterThan(15);
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const route = routes[r.route % routes.length]!;
        const path = route.path.replace(/\{[^}]+\}|:[a-z_]+/g, encodeURIComponent(r.param));
        const params = new URLSearchParams();
        for (const [k, v] of Object.entries(r.query)) for (const item of [v].flat()) params.append(k, item);
        const qs = params.toString();
        const client = clients[r.actor]!;
        const withBody = route.method !== 'GET' && r.body !== undefined;
        const answer = await client
          .call(route.method, `${path}${qs ? `?${qs}` : ''}`, undefined, {
            csrf: r.csrf ? undefined : false,
            headers: withBody ? { 'content-type': r.body!.type } : {},
            rawBody: withBody ? r.body!.raw : undefined,
          })
          .catch(async (error: unknown) => {
            // A non-JSON body (docs pages) cannot be parsed by the client: fetch it again raw.
            if (!(error instanceof SyntaxError)) throw error;
            const res = await api.fetch(`/api/v1${path}${qs ? `?${qs}` : ''}`, { method: route.method });
            await res.arrayBuffer();
            return { status: res.status, headers: res.headers, body: undefined };
          });
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        // A generated sign-out ends the actor's session: sign in again so the next requests are theirs.
        if (r.actor !== 'anonymous' && answer.status === 204 && path.startsWith('/auth/')) {
          clients[r.actor] = await signedIn(api, `fuzz-${r.actor === 'provider' ? 'provider' : 'mod'}@example.org`);
        }
        const what = `${route.method} ${path}${qs ? `?${qs}` : ''} as ${r.actor}: ${answer.status} ${JSON.stringify(answer.body)?.slice(0, 300)}`;
        expect(answer.status, what).toBeLessThan(500);
        if (answer.status >= 400)
          expect(answer.headers.get('content-type'), what).toMatch(/^application\/problem\+json/);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  }, 120_000);
});
