import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '@skillway/store';
import type { StoryRecord } from '@skillway/core';
import { DataProblems, runIndexer } from './run-indexer';
import { readStories, validateStories } from './stories';
import { fixtureListings, fixtureTaxonomy, NURSE_URI, writeDataDir } from './test-fixtures';
import { indexTaxonomy } from './validate-listings';

const REPO_DATA = resolve(import.meta.dirname, '../../data');
const taxonomy = indexTaxonomy(fixtureTaxonomy());
const listingIds = new Set(fixtureListings().map((l) => l.id));

function story(id: string, over: Partial<StoryRecord> = {}): StoryRecord {
  return {
    id,
    teller: 'refugee',
    country: 'IE',
    occupation: NURSE_URI,
    listings: ['ie-org-service'],
    text_lang: 'en',
    texts: {
      en: {
        title: 'Registered as a nurse',
        summary: 'A nurse trained abroad registered through the board after an adaptation period.',
        status: 'original',
      },
    },
    anonymous: true,
    source: { url: 'https://example.org/story', date: '2024-10', publisher: 'Example' },
    ...over,
  };
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('validateStories', () => {
  it('accepts a valid story', () => {
    expect(validateStories([story('ie-nurse')], listingIds, taxonomy)).toEqual([]);
  });

  it('names record, field and reason for each broken rule, all at once', () => {
    const bad = [
      story('ie-one'),
      story('ie-one', {
        listings: ['ie-org-service', 'xx-nowhere'],
        occupation: '9999',
        text_lang: 'fr',
      }),
      { ...story('ie-two'), teller: 'neighbour' },
      story('ie-three', {
        texts: { en: { title: 'T<b>', summary: 'too short', status: 'machine' } as never },
      }),
      story('ie-four', { teller: 'provider-on-behalf' }),
    ];
    const problems = validateStories(bad, listingIds, taxonomy).map((p) => `${p.position} ${p.field}: ${p.reason}`);
    expect(problems).toContain('2 texts.fr: is missing: text_lang fr needs its original texts');
    expect(problems).toContain('2 id: "ie-one" is already the id of record 1');
    expect(problems).toContain('2 listings[1]: "xx-nowhere" is not the id of any listing in listings.json');
    expect(problems).toContain('2 occupation: "9999" is not an ISCO-08 group in the taxonomy');
    expect(problems.some((p) => p.startsWith('3 teller'))).toBe(true);
    expect(problems.some((p) => p.startsWith('4 texts.en.title'))).toBe(true);
    expect(problems.some((p) => p.startsWith('4 texts.en.summary'))).toBe(true);
    expect(problems).toContain('4 texts.en.status: must be "original" in text_lang en');
    expect(problems.some((p) => p.startsWith('5 source'))).toBe(true);
  });

  it('refuses a source that is neither a page nor a consent', () => {
    const problems = validateStories(
      [story('ie-x', { source: { url: 'https://example.org' } as never })],
      listingIds,
      taxonomy,
    );
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]!.field).toMatch(/^source/);
  });

  it('reads the file as the indexer prints it, with the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'skillway-stories-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'stories.json'), JSON.stringify([story('ie-a', { country: 'XX' as never })]));
    expect(() => readStories(dir, listingIds, taxonomy)).toThrow(DataProblems);
    try {
      readStories(dir, listingIds, taxonomy);
    } catch (error) {
      expect((error as DataProblems).problems[0]).toMatch(
        new RegExp(
          `^${join(dir, 'stories.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: record 1 \\(ie-a\\): country `,
        ),
      );
    }
  });

  it('the repository data/stories.json is valid against data/listings.json', async () => {
    const { readDataFiles } = await import('./read-data-files');
    const data = readDataFiles(REPO_DATA);
    const ids = new Set((data.listings as { id: string }[]).map((l) => l.id));
    const stories = readStories(REPO_DATA, ids, indexTaxonomy(data.taxonomy));
    expect(stories.length).toBeGreaterThan(0);
  });
});

describe('runIndexer with stories', () => {
  it('writes the stories, and writes nothing at all when one story is bad', async () => {
    const dataDir = writeDataDir(fixtureListings());
    dirs.push(dataDir);
    const dbPath = join(dataDir, 'db.sqlite');
    writeFileSync(join(dataDir, 'stories.json'), JSON.stringify([story('ie-nurse')]));
    await runIndexer({ dataDir, dbPath, env: {} });
    let store = await openStore(dbPath);
    const rows = await store.db.selectFrom('story_listing').selectAll().execute();
    expect(rows).toEqual([{ story_id: 'ie-nurse', position: 0, listing_id: 'ie-org-service' }]);
    await store.close();

    writeFileSync(
      join(dataDir, 'stories.json'),
      JSON.stringify([story('ie-nurse'), story('ie-other', { listings: ['ie-gone'] })]),
    );
    await expect(runIndexer({ dataDir, dbPath, env: {} })).rejects.toThrow(/record 2 \(ie-other\): listings\[0\]/);
    store = await openStore(dbPath);
    expect(await store.db.selectFrom('story').select('id').execute()).toEqual([{ id: 'ie-nurse' }]);
    await store.close();
  });
});
