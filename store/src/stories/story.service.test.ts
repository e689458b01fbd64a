import { afterAll, beforeAll, expect, it } from 'vitest';
import type { StoryRecord, StorySubmission } from '@skillway/core';
import { createTestUser, readSeedListings } from '../testing';
import { replaceDataStories } from './story.repository';
import { StoryService } from './story.service';
import { describeEachDatabase, type TestStore } from '../testing/test-databases';

let store: TestStore;
let service: StoryService;
let provider: { id: number; role: 'provider' | 'moderator' };
let moderator: { id: number; role: 'provider' | 'moderator' };

const seed = (id: string, over: Partial<StoryRecord> = {}): StoryRecord => ({
  id,
  teller: 'refugee',
  country: 'GB',
  listings: ['gb-refugee-council-uppna-ikea'],
  text_lang: 'en',
  texts: {
    en: {
      title: 'From a placement to a permanent job',
      summary: 'After training and an eight-week placement, a permanent part-time job in sales.',
      status: 'original',
    },
  },
  anonymous: false,
  source: { url: 'https://example.org/a', date: 'not-shown', publisher: 'Example' },
  ...over,
});

const submission = (over: Partial<StorySubmission> = {}): StorySubmission => ({
  teller: 'provider-on-behalf',
  country: 'IE',
  listings: ['ie-nmbi', 'ie-bitc-epic'],
  lang: 'uk',
  title: 'Медсестра з України',
  summary: 'Медсестра пройшла реєстрацію в NMBI і знайшла роботу в лікарні в Дубліні.',
  anonymous: true,
  told_to: 'Example Centre',
  consent: true,
  ...over,
});

describeEachDatabase('StoryService', (database) => {
  beforeAll(async () => {
    store = await database.openSeeded(readSeedListings());
    service = new StoryService(store.db, () => new Date('2026-12-06T10:00:00Z'));
    provider = await createTestUser(store, 'p@example.org');
    moderator = await createTestUser(store, 'm@example.org', 'moderator');
    await replaceDataStories(store.db, [
      seed('gb-one', { occupation: '5223' }),
      seed('sk-two', {
        country: 'SK',
        teller: 'employer',
        listings: [],
        text_lang: 'sk',
        texts: {
          sk: {
            title: 'Kaviareň zamestnala osem žien',
            summary: 'Sociálna kaviareň v Bratislave zamestnala osem žien.',
            status: 'original',
          },
          en: {
            title: 'A café employed eight women',
            summary: 'A social café in Bratislava employed eight women.',
            status: 'machine',
            from: 'sk',
          },
        },
      }),
    ]);
  });
  afterAll(() => store.dispose());

  it('lists published stories with filters: country, teller, listing, occupation (ISCO parents and children), words', async () => {
    const ids = async (q: Parameters<StoryService['list']>[0]) => (await service.list(q)).items.map((s) => s.id);
    expect((await ids({})).sort()).toEqual(['gb-one', 'sk-two']);
    expect(await ids({ country: 'SK' })).toEqual(['sk-two']);
    expect(await ids({ teller: 'employer' })).toEqual(['sk-two']);
    expect(await ids({ listing: 'gb-refugee-council-uppna-ikea' })).toEqual(['gb-one']);
    expect(await ids({ occupation: '52' })).toEqual(['gb-one']);
    expect(await ids({ occupation: '5223' })).toEqual(['gb-one']);
    expect(await ids({ occupation: '2221' })).toEqual([]);
    // words in any language of the story, accents folded, prefixes
    expect(await ids({ q: 'kaviaren' })).toEqual(['sk-two']);
    expect(await ids({ q: 'café eight' })).toEqual(['sk-two']);
    expect(await ids({ q: 'placem' })).toEqual(['gb-one']);
    expect(await ids({ q: '"' })).toEqual([]);
  });

  it('pages', async () => {
    const page = await service.list({ per_page: 1, page: 2 });
    expect(page).toMatchObject({ total: 2, page: 2, per_page: 1 });
    expect(page.items).toHaveLength(1);
  });

  it('returns a story with its listings in order and their names', async () => {
    const story = await service.get('gb-one');
    expect(story.listing_refs).toEqual([
      { id: 'gb-refugee-council-uppna-ikea', name: expect.stringContaining('UPPNÅ') },
    ]);
    expect(story.source).toEqual({ url: 'https://example.org/a', date: 'not-shown', publisher: 'Example' });
  });

  it('submit -> pending (not public, not searchable) -> approve -> on the listings it names', async () => {
    const sub = await service.submit(provider, submission());
    expect(sub).toMatchObject({ status: 'pending', text_lang: 'uk', anonymous: true });
    expect(sub.source).toEqual({ told_to: 'Example Centre', consent_date: '2026-12-06' });
    expect(sub.listings).toEqual(['ie-nmbi', 'ie-bitc-epic']);
    await expect(service.get(sub.id)).rejects.toMatchObject({ kind: 'not-found' });
    expect((await service.list({ listing: 'ie-nmbi' })).items).toEqual([]);
    expect((await service.list({ q: 'медсестра' })).items).toEqual([]);
    expect((await service.mine(provider)).map((s) => s.id)).toContain(sub.id);

    await expect(service.pending(provider)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(service.approve(provider, sub.id)).rejects.toMatchObject({ kind: 'forbidden' });
    expect((await service.pending(moderator)).map((s) => s.id)).toEqual([sub.id]);

    await service.approve(moderator, sub.id);
    expect((await service.list({ listing: 'ie-nmbi' })).items.map((s) => s.id)).toEqual([sub.id]);
    expect((await service.list({ listing: 'ie-bitc-epic' })).items.map((s) => s.id)).toEqual([sub.id]);
    expect((await service.list({ q: 'медсестра' })).items.map((s) => s.id)).toEqual([sub.id]);
    await expect(service.approve(moderator, sub.id)).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('rejects with a reason; refuses unknown listings and missing consent with the field', async () => {
    const sub = await service.submit(provider, submission({ listings: [] }));
    await expect(service.reject(moderator, sub.id, '  ')).rejects.toMatchObject({ kind: 'invalid' });
    const rejected = await service.reject(moderator, sub.id, 'Names a person.');
    expect(rejected).toMatchObject({ status: 'rejected', reject_reason: 'Names a person.' });
    await expect(service.get(sub.id)).rejects.toMatchObject({ kind: 'not-found' });

    await expect(service.submit(provider, submission({ listings: ['ie-nmbi', 'ie-nowhere'] }))).rejects.toMatchObject({
      kind: 'invalid',
      errors: [{ field: 'listings[1]', reason: '"ie-nowhere" is not a listing' }],
    });
    await expect(service.submit(provider, { ...submission(), consent: false as never })).rejects.toMatchObject({
      kind: 'invalid',
      errors: [{ field: 'consent' }],
    });
  });

  it('re-seeding replaces data stories and keeps submitted ones', async () => {
    const before = (await service.list({ per_page: 50 })).total;
    await replaceDataStories(store.db, [seed('gb-one')]);
    const after = await service.list({ per_page: 50 });
    expect(after.total).toBe(before - 1);
    expect(after.items.some((s) => s.id.startsWith('story-'))).toBe(true);
    expect((await service.list({ q: 'kaviaren' })).items).toEqual([]);
  });
});
