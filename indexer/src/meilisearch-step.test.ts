import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meiliIndexUid } from '@skillway/store/search';
import { startMeilisearch, type MeilisearchServer } from '@skillway/store/testing';
import { runIndexer } from './run-indexer';
import { fixtureListing, fixtureListings, writeDataDir } from './test-fixtures';

let server: MeilisearchServer;
let work: string;
beforeAll(async () => {
  server = await startMeilisearch();
  work = mkdtempSync(join(tmpdir(), 'skillway-meili-run-'));
});
afterAll(async () => {
  await server?.dispose();
  rmSync(work, { recursive: true, force: true });
});

async function meiliSearch(prefix: string, q: string): Promise<{ estimatedTotalHits: number; hits: { id: string }[] }> {
  const res = await fetch(`${server.url}/indexes/${meiliIndexUid(prefix)}/search`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ q }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { estimatedTotalHits: number; hits: { id: string }[] };
}

describe('runIndexer with MEILI_URL set', () => {
  it('rebuilds the Meilisearch index after the commit, from what SQLite holds', async () => {
    const prefix = 'indexer-test-';
    const env = { MEILI_URL: server.url, MEILI_MASTER_KEY: server.apiKey, MEILI_INDEX_PREFIX: prefix };
    const dbPath = join(work, 'a.db');
    const summary = await runIndexer({
      dataDir: writeDataDir(fixtureListings(), undefined, join(work, 'a1')),
      dbPath,
      env,
    });
    expect(summary.meilisearch).toEqual({ status: 'rebuilt', url: server.url });
    expect((await meiliSearch(prefix, '')).estimatedTotalHits).toBe(4);

    const changed = [...fixtureListings(), fixtureListing('es-cocina', { name: 'Cocina para todos' })];
    await runIndexer({ dataDir: writeDataDir(changed, undefined, join(work, 'a2')), dbPath, env });
    expect((await meiliSearch(prefix, 'todos')).hits.map((h) => h.id)).toEqual(['es-cocina']);
    expect((await meiliSearch(prefix, '')).estimatedTotalHits).toBe(5);
  });

  it('keeps the committed database and reports the failure when Meilisearch is down', async () => {
    const dbPath = join(work, 'b.db');
    await server.stop();
    try {
      const env = { MEILI_URL: server.url, MEILI_MASTER_KEY: server.apiKey, MEILI_INDEX_PREFIX: 'down-' };
      const summary = await runIndexer({
        dataDir: writeDataDir(fixtureListings(), undefined, join(work, 'b1')),
        dbPath,
        env,
      });
      expect(summary.meilisearch).toMatchObject({ status: 'failed', url: server.url });
      expect(summary.counts.total).toBe(4);
    } finally {
      await server.start();
    }
  });
});
