import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { SearchQuery } from '@skillway/core';
import { openStore } from '../db';
import { MatchDataCache } from '../match/match-data.cache';
import { createSeededStore, readTaxonomy, type TempStore } from '../testing/seed-store';
import { runPostgresSuites } from '../testing/postgres-server';
import { testDatabase, type TestStore } from '../testing/test-databases';
import type { SearchDocument } from './search-engine';
import { loadSearchDocuments } from './search-document';
import { describeSearchContract } from './search.contract';
import { createSearchService, type SearchService } from './search.service';
import { PostgresSearchEngine, termQuery } from './postgres.search-engine';
import { SqliteSearchEngine } from './sqlite.search-engine';
import { rebuildSqliteSearchIndex } from './rebuild';

/**
 * The Postgres full-text engine (the degraded stand-in of PostgreSQL deployments while Meilisearch is
 * down) on a real, throwaway PostgreSQL cluster seeded with the seed listings and the taxonomy: the
 * shared search contract, then queries as people type them, compared with the embedded engine.
 */
let local: TempStore;
let pgStore: TestStore;
let engine: PostgresSearchEngine;
let documents: SearchDocument[];

/**
 * The engine's index in a migrated PostgreSQL database (pg-store's throwaway cluster), built from the
 * seeded SQLite store's documents; that store also serves the query understanding in front of the
 * engine (the contract's `db`). The ESCO occupations go into PostgreSQL too: the engine resolves an
 * occupation URI filter through its own database, as it does in a deployment.
 */
async function setup() {
  if (!engine) {
    local = await createSeededStore();
    pgStore = await testDatabase('postgres').openEmpty();
    const taxonomy = readTaxonomy();
    for (const part of chunk(taxonomy.iscoGroups, 500))
      await pgStore.db
        .insertInto('isco_group')
        .values(part.map((g) => ({ code: g.code, level: g.level, parent_code: g.code.slice(0, -1) || null })))
        .execute();
    for (const part of chunk(taxonomy.occupations, 500))
      await pgStore.db
        .insertInto('occupation')
        .values(part.map((o) => ({ uri: o.uri, esco_code: o.code, isco_code: o.isco })))
        .execute();
    engine = new PostgresSearchEngine(pgStore.db);
    documents = await loadSearchDocuments(local.db);
    await engine.rebuild(documents);
  }
  return { engine, documents, db: local.db };
}

const chunk = <T>(items: readonly T[], size: number) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

// Without PostgreSQL's binaries these are skipped (CI installs them and sets CI=true: they run there).
const runs = runPostgresSuites();

describe.runIf(runs)('postgres full-text engine', () => {
  describeSearchContract('postgres', setup);

  afterAll(async () => {
    await pgStore?.dispose();
    await local?.dispose();
  });

  describe('postgres engine: what people type', () => {
    let service: SearchService;
    let sqlite: SearchService;
    beforeAll(async () => {
      await setup();
      const data = new MatchDataCache(local.db);
      service = createSearchService({ engine, data });
      await local.db.transaction().execute((trx) => rebuildSqliteSearchIndex(trx));
      sqlite = createSearchService({ engine: new SqliteSearchEngine(local), data });
    });

    const top = async (q: string, lang?: SearchQuery['lang'], n = 5) => {
      const r = await service.search({ q, ...(lang && { lang }) });
      expect(r.engine).toBe('postgres');
      return { r, ids: r.hits.slice(0, n).map((h) => h.id) };
    };

    it('a whole English sentence: the Irish nursing board among the first five', async () => {
      const { r, ids } = await top('how do I get my nursing diploma recognised in Ireland', 'en');
      expect(ids).toEqual(expect.arrayContaining(['ie-nmbi']));
      expect(r.hits.every((h) => h.countries.some((c) => c === 'IE' || c === 'EU'))).toBe(true);
    });

    it('diacritics missing or present find the same listings: "enfermeria" = "enfermería", "apolo" = "ápoló"', async () => {
      expect((await top('enfermeria', 'es', 20)).ids).toEqual((await top('enfermería', 'es', 20)).ids);
      const apolo = await top('apolo', undefined, 20);
      expect(apolo.ids).toEqual((await top('ápoló', undefined, 20)).ids);
      expect(apolo.ids).toContain('ie-nmbi');
    });

    it('Arabic: "طبيب" (doctor) finds the refugee doctors programmes; "تعلم اللغة الهولندية" finds language training', async () => {
      const doctor = await top('طبيب', 'ar', 10);
      expect(doctor.ids).toEqual(expect.arrayContaining(['gb-bma-refugee-doctors-initiative']));
      const dutch = await top('تعلم اللغة الهولندية', 'ar', 10);
      expect(dutch.r.total).toBeGreaterThan(10);
      expect(dutch.r.hits[0]!.categories).toContain('language-training');
    });

    it('Ukrainian: "хочу вивчити англійську мову в Ірландії" gives Irish language training first', async () => {
      const { r } = await top('хочу вивчити англійську мову в Ірландії', 'uk');
      expect(r.total).toBeGreaterThan(0);
      expect(r.hits.every((h) => h.countries.some((c) => c === 'IE' || c === 'EU'))).toBe(true);
      expect(r.hits[0]!.categories).toContain('language-training');
    });

    it('a French phrase: "reconnaissance des diplomes" finds recognition services, as the embedded engine does', async () => {
      const pgIds = (await top('reconnaissance des diplomes', 'fr', 10)).ids;
      const sqliteIds = (await sqlite.search({ q: 'reconnaissance des diplomes', lang: 'fr' })).hits.map((h) => h.id);
      expect(pgIds.filter((id) => sqliteIds.includes(id)).length).toBeGreaterThanOrEqual(5);
    });

    it('the same totals as the embedded engine for plain words and filters', async () => {
      for (const query of [
        { q: 'nurse' },
        { q: 'refugees', country: ['IE' as const] },
        { category: ['mentoring' as const] },
      ]) {
        const [a, b] = await Promise.all([service.search(query), sqlite.search(query)]);
        expect(a.total, JSON.stringify(query)).toBe(b.total);
        expect(a.facets, JSON.stringify(query)).toEqual(b.facets);
      }
    });
  });

  describe('postgres engine', () => {
    beforeAll(setup);

    it('keeps what people type out of tsquery syntax: letters and digits only, quoted', () => {
      expect(termQuery(["nurse'|!(", 'a&b'], true)).toBe("(('nurse':* | 'nurs':*) | ('a' <-> 'b'))");
      expect(termQuery(['ÁPOLÓ'], false)).toBe("('apolo':* | 'apol':*)");
      expect(termQuery(['👩‍⚕️'], true)).toBeUndefined();
    });

    it('a search sees a rebuild entirely or not at all (one transaction)', async () => {
      const before = await engine.search({});
      await expect(
        pgStore.db.transaction().execute(async (trx) => {
          await new PostgresSearchEngine(trx).rebuild(documents.slice(0, 3));
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect((await engine.search({})).total).toBe(before.total);
    });

    it('writes bump the index generation, so caches in every instance follow', async () => {
      const read = async () =>
        Number(
          (await sql<{ value: string }>`select value from meta where key = 'search_generation'`.execute(pgStore.db))
            .rows[0]?.value,
        );
      const before = await read();
      await engine.remove(['no-such-listing']);
      expect(await read()).toBe(before + 1);
    });

    it('has no table on SQLite: migration 0015 is PostgreSQL only', async () => {
      const store = await openStore(':memory:');
      try {
        const tables = store.sqlite.prepare("select name from sqlite_master where name like 'pg_search%'").all();
        expect(tables).toEqual([]);
      } finally {
        await store.close();
      }
    });
  });
});
