import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compileValidator,
  createAjv,
  StoryListSchema,
  StorySchema,
  StorySourceSchema,
  StoryTextsSchema,
  type StoryRecord,
} from '@skillway/core';
import { replaceDataStories } from '@skillway/store';
import { createSeededStore, type TempStore } from '@skillway/store/testing';
import { expectProblem, startTestApi, type TestApi } from '../../../testing/test-api';
import { createAccount, signedIn, type TestClient } from '../auth/account.test-client';

const SEED_STORIES = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../../../../data/stories.json'), 'utf8'),
) as StoryRecord[];

let store: TempStore;
let api: TestApi;
let provider: TestClient;
let moderator: TestClient;
const ajv = createAjv();
for (const schema of [StoryTextsSchema, StorySourceSchema, StorySchema]) ajv.addSchema(schema);
const validList = compileValidator(StoryListSchema, ajv);
const validStory = (body: unknown) => ajv.validate('Story', body);

const submission = (over: Record<string, unknown> = {}) => ({
  teller: 'provider-on-behalf',
  country: 'IE',
  listings: ['ie-nmbi-non-eu-registration', 'ie-etb-esol'],
  lang: 'ar',
  title: 'ممرضة من سوريا',
  summary: 'ممرضة من سوريا سجلت لدى المجلس بعد فترة تكيف وتعمل الآن في مستشفى.',
  anonymous: true,
  told_to: 'Example Integration Centre',
  consent: true,
  ...over,
});

beforeAll(async () => {
  store = await createSeededStore();
  await replaceDataStories(store.db, SEED_STORIES);
  await createAccount(store, 'p@example.org', 'provider');
  await createAccount(store, 'm@example.org', 'moderator');
  api = await startTestApi(store.path, { SUBMIT_RATE_LIMIT_PER_MINUTE: '1000' });
  provider = await signedIn(api, 'p@example.org');
  moderator = await signedIn(api, 'm@example.org');
});
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

describe('GET /api/v1/stories', () => {
  it('lists the seeded stories, filtered by country, audience, listing, occupation and words', async () => {
    const all = await api.json('/api/v1/stories?per_page=50');
    expect(all.status).toBe(200);
    expect(validList(all.body)).toBe(true);
    expect(all.body.total).toBe(SEED_STORIES.length);

    const ie = await api.json('/api/v1/stories?country=IE');
    expect(ie.body.items.map((s: StoryRecord) => s.id)).toEqual(['ie-winifred-epic']);
    const employers = await api.json('/api/v1/stories?teller=employer&per_page=50');
    expect(employers.body.items.every((s: StoryRecord) => s.teller === 'employer')).toBe(true);
    expect(employers.body.total).toBeGreaterThan(0);
    const onListing = await api.json('/api/v1/stories?listing=gb-refugee-council-uppna-ikea');
    expect(onListing.body.items.map((s: StoryRecord) => s.id).sort()).toEqual([
      'gb-abdisa-ikea-uppna',
      'gb-mursal-ikea-uppna',
    ]);
    const sales = await api.json('/api/v1/stories?occupation=52');
    expect(sales.body.items.map((s: StoryRecord) => s.id)).toEqual(['gb-abdisa-ikea-uppna']);
    const words = await api.json('/api/v1/stories?q=loom');
    expect(words.body.items.map((s: StoryRecord) => s.id)).toEqual(['it-yasmine-textile-como-fra-noi']);
  });

  it('answers 400 naming the field for a bad filter, 404 for an unknown story', async () => {
    expect(expectProblem(await api.json('/api/v1/stories?country=FR'), 400)[0]).toMatchObject({
      field: 'querystring.country',
    });
    expect(expectProblem(await api.json('/api/v1/stories?per_page=1000'), 400)[0]).toMatchObject({
      field: 'querystring.per_page',
    });
    expectProblem(await api.json('/api/v1/stories/no-such-story'), 404);
    expectProblem(await api.json('/api/v1/stories/Bad%20Id'), 400);
  });

  it('gives one story with its source and its listings in order', async () => {
    const one = await api.json('/api/v1/stories/gb-abdisa-ikea-uppna');
    expect(one.status).toBe(200);
    expect(validStory(one.body)).toBe(true);
    expect(one.body.source).toMatchObject({ publisher: 'Refugee Council', date: 'not-shown' });
    expect(one.body.listing_refs[0]).toMatchObject({ id: 'gb-refugee-council-uppna-ikea' });
  });
});

describe('POST /api/v1/stories -> moderation -> published', () => {
  it('a provider submits, a moderator approves, the story is on the listings it names', async () => {
    expectProblem(
      await api.json('/api/v1/stories', {
        method: 'POST',
        body: JSON.stringify(submission()),
        headers: { 'content-type': 'application/json' },
      }),
      401,
    );
    const created = await provider.call('POST', '/stories', submission());
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ status: 'pending', text_lang: 'ar', anonymous: true });
    const id = created.body.id;
    expect((await api.json(`/api/v1/stories/${id}`)).status).toBe(404);
    expect((await provider.call('GET', '/stories/mine')).body.items.map((s: { id: string }) => s.id)).toContain(id);

    expect((await provider.call('GET', '/moderation/stories')).status).toBe(403);
    const queue = await moderator.call('GET', '/moderation/stories');
    expect(queue.body.items.map((s: { id: string }) => s.id)).toContain(id);
    expect((await provider.call('POST', `/moderation/stories/${id}/approve`)).status).toBe(403);
    const approved = await moderator.call('POST', `/moderation/stories/${id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('published');
    expect((await moderator.call('POST', `/moderation/stories/${id}/approve`)).status).toBe(409);

    for (const listing of ['ie-nmbi-non-eu-registration', 'ie-etb-esol']) {
      const onIt = await api.json(`/api/v1/stories?listing=${listing}`);
      expect(onIt.body.items.map((s: { id: string }) => s.id)).toContain(id);
    }
  });

  it('refuses without consent, with an unknown listing or HTML, naming the field', async () => {
    const noConsent = await provider.call('POST', '/stories', submission({ consent: false }));
    expect(expectProblem(noConsent as never, 400).map((e) => e.field)).toContain('body.consent');
    const unknown = await provider.call('POST', '/stories', submission({ listings: ['ie-nowhere'] }));
    expect(expectProblem(unknown as never, 400)).toEqual([
      { field: 'body.listings[0]', reason: '"ie-nowhere" is not a listing' },
    ]);
    const html = await provider.call('POST', '/stories', submission({ title: '<script>x</script>' }));
    expect(expectProblem(html as never, 400).map((e) => e.field)).toContain('body.title');
  });

  it('rejects with a reason', async () => {
    const created = await provider.call('POST', '/stories', submission({ listings: [] }));
    const rejected = await moderator.call('POST', `/moderation/stories/${created.body.id}/reject`, {
      reason: 'Too identifying.',
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', reject_reason: 'Too identifying.' });
    const mine = await provider.call('GET', '/stories/mine');
    expect(mine.body.items.find((s: { id: string }) => s.id === created.body.id).reject_reason).toBe(
      'Too identifying.',
    );
  });
});
