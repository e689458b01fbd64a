import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListingRecord, SearchHit } from '@skillway/core';
import { MatchDataCache } from './match/match-data.cache';
import { resolveOccupationUris } from './taxonomy.repository';
import { MeilisearchSearchEngine, type MeilisearchConnection } from './search/meilisearch.search-engine';
import { rebuildMeilisearchIndex, rebuildSqliteSearchIndex } from './search/rebuild';
import { occupationLabelLookup } from './search/search-document';
import type { SearchEngine } from './search/search-engine';
import { createSearchService } from './search/search.service';
import { SqliteSearchEngine } from './search/sqlite.search-engine';
import { startMeilisearch, type MeilisearchServer } from './testing/meilisearch-server';
import { createSeededStore, readSeedListings, type TempStore } from './testing/seed-store';
import { localizeHit } from './listing-texts';

// A word no seed listing has in any language: only the Arabic translation can find it.
const ARABIC_NAME = 'مجلس التدريس الأيرلندي';
const ARABIC_SUMMARY = 'هيئة الاعتراف بمؤهلات المعلمين الزنجبيلية في أيرلندا.';

let store: TempStore;
let meili: MeilisearchServer;
const engines: Record<string, SearchEngine> = {};

beforeAll(async () => {
  const seed: ListingRecord[] = readSeedListings().map((r) =>
    r.id === 'ie-teaching-council'
      ? { ...r, texts: { ar: { name: ARABIC_NAME, summary: ARABIC_SUMMARY, status: 'machine', from: 'en' } } }
      : r,
  );
  [meili, store] = await Promise.all([startMeilisearch(), createSeededStore(seed)]);
  await store.db.transaction().execute((trx) => rebuildSqliteSearchIndex(trx));
  engines.sqlite = new SqliteSearchEngine(store);
  const connection: MeilisearchConnection = {
    url: meili.url,
    apiKey: meili.apiKey,
    indexPrefix: `texts-${randomBytes(4).toString('hex')}-`,
    resolveOccupationUris: (uris) => resolveOccupationUris(store.db, uris),
    occupationLabels: occupationLabelLookup(store.db),
  };
  await rebuildMeilisearchIndex(store.db, connection);
  engines.meilisearch = new MeilisearchSearchEngine(connection);
}, 120_000);

afterAll(async () => {
  await store?.dispose();
  await meili?.stop();
});

describe.each(['sqlite', 'meilisearch'])('a listing in several languages, %s engine', (name) => {
  const service = () => createSearchService({ engine: engines[name]!, data: new MatchDataCache(store.db) });

  it('is found by words of its translation, and shown in the reader’s language marked as a translation', async () => {
    const r = await service().search({ q: 'الزنجبيلية', lang: 'ar' });
    const hit = r.hits.find((h) => h.id === 'ie-teaching-council');
    expect(hit).toMatchObject({
      name: ARABIC_NAME,
      summary: ARABIC_SUMMARY,
      text_lang: 'ar',
      translation: { status: 'machine', from: 'en', fields: ['name', 'summary'] },
    });
    expect(hit).not.toHaveProperty('translations');
    // the snippet is cut from the Arabic text the card shows, the matched word marked
    expect(hit?.snippet?.field).toBe('summary');
    expect(hit?.snippet?.parts.filter((p) => p.match).map((p) => p.text.trim())).toContain('الزنجبيلية');
  });

  it('drops a snippet of the original name when the card shows the translated one', async () => {
    const r = await service().search({ q: 'teaching council', lang: 'ar' });
    const hit = r.hits.find((h) => h.id === 'ie-teaching-council')!;
    expect(hit.name).toBe(ARABIC_NAME);
    expect(hit.snippet?.field === 'name' || hit.snippet?.field === 'summary').toBe(false);
  });

  it('shows the provider’s own text to a reader of another language, without the other languages in it', async () => {
    const r = await service().search({ q: 'teaching council', lang: 'uk' });
    const hit = r.hits.find((h) => h.id === 'ie-teaching-council')!;
    const original = readSeedListings().find((l) => l.id === 'ie-teaching-council')!;
    expect(hit).toMatchObject({ name: original.name, summary: original.summary, text_lang: 'en' });
    expect(hit.translation).toBeUndefined();
    expect(hit).not.toHaveProperty('translations');
  });
});

describe('localizeHit', () => {
  const base = { id: 'ie-x', name: 'N', summary: 'S' } as SearchHit;
  it('leaves a hit without texts as it is, and never calls a provider’s own text a translation', () => {
    expect(localizeHit(base, 'ar')).toEqual(base);
    const own = {
      ...base,
      translations: {
        en: { name: 'N', summary: 'S', status: 'original' as const, own: true as const },
        ga: { name: 'Ainm', status: 'original' as const },
      },
    };
    expect(localizeHit(own, 'ga')).toEqual({ ...base, name: 'Ainm', text_lang: 'ga' });
  });
});
