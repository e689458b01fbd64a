import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AUDIENCES,
  CATEGORIES,
  COSTS,
  COUNTRIES,
  DELIVERY_MODES,
  FACETS,
  FACET_FIELD,
  KINDS,
  SEARCH_MAX_PAGE,
  NearSchema,
  PlaceSchema,
  PointSchema,
  SearchHitSchema,
  SearchResponseSchema,
  SnippetSchema,
  UnderstoodConceptSchema,
  UnderstoodSchema,
  compileValidator,
  createAjv,
  foldText,
  type Facet,
  type ListingRecord,
  type SearchQuery,
  type SearchResponse,
} from '@skillway/core';
import { DATA_DIR, readSeedListings } from '../testing/seed-store';
import { Type } from '@sinclair/typebox';
import type { EngineSearchResponse, SearchDocument, SearchEngine } from './search-engine';
import { createSearchService, type SearchService } from './search.service';
import { loadSearchDocuments } from './search-document';
import { MatchDataCache } from '../match/match-data.cache';
import type { Kysely } from 'kysely';
import type { DB } from '../database';
import { distanceKm, nearGroup, searchPoint } from '../geo/listing-point';

/**
 * The search contract, as cases that every engine must pass on the same fixture: the seed listings
 * (data/listings.json) and the real taxonomy. Expected results are computed here from the JSON files,
 * independently of both engines (no engine code is used to decide what is right).
 *
 * Usage, in one test file per engine:
 *   describeSearchContract('sqlite', async () => ({ engine, documents }));
 */
export interface ContractFixture {
  engine: SearchEngine;
  /** the indexed documents, for the write cases */
  documents: SearchDocument[];
  /** the seeded store, for the query understanding in front of the engine (search.service.ts) */
  db: Kysely<DB>;
}

const LISTINGS: ListingRecord[] = readSeedListings();
const OCCUPATIONS = JSON.parse(readFileSync(join(DATA_DIR, 'taxonomy/occupations.json'), 'utf8')) as {
  uri: string;
  isco: string;
  labels: Record<string, string>;
}[];
const URI_TO_ISCO = new Map(OCCUPATIONS.map((o) => [o.uri, o.isco]));
const GENERAL_NURSE = OCCUPATIONS.find((o) => o.labels.en === 'nurse responsible for general care')!;

const VOCABULARY: Record<Exclude<Facet, 'language'>, readonly string[]> = {
  country: COUNTRIES,
  category: CATEGORIES,
  audience: AUDIENCES,
  kind: KINDS,
  cost: COSTS,
  delivery: DELIVERY_MODES,
};

function fieldValues(listing: ListingRecord, facet: Facet): string[] {
  const value = listing[FACET_FIELD[facet]];
  return Array.isArray(value) ? value : [value as string];
}

function activeOk(listing: ListingRecord, active: SearchQuery['active'] = 'true'): boolean {
  if (active === 'any') return true;
  if (active === 'false') return listing.active === false;
  return listing.active !== false;
}

function occupationOk(listing: ListingRecord, refs: readonly string[]): boolean {
  const wanted = refs.flatMap((r) => (r.startsWith('http') ? (URI_TO_ISCO.get(r) ?? []) : [r]));
  const tagged = listing.occupations.flatMap((r) => (r.startsWith('http') ? (URI_TO_ISCO.get(r) ?? []) : [r]));
  return wanted.some((w) => tagged.some((t) => t.startsWith(w) || w.startsWith(t)));
}

/** The listings a filter-only query must return, worked out from the JSON. */
function expectedIds(query: SearchQuery, ignore?: Facet): Set<string> {
  return new Set(
    LISTINGS.filter(
      (l) =>
        activeOk(l, query.active) &&
        FACETS.every(
          (f) => f === ignore || !query[f]?.length || fieldValues(l, f).some((v) => query[f]!.includes(v as never)),
        ) &&
        (!query.occupation?.length || occupationOk(l, query.occupation)) &&
        (!query.skill?.length || l.skills.some((s) => query.skill!.some((k) => foldText(k) === foldText(s)))),
    ).map((l) => l.id),
  );
}

/** Disjunctive counts: each facet ignores its own selection and respects every other filter. */
function expectedFacets(query: SearchQuery): SearchResponse['facets'] {
  const out = {} as SearchResponse['facets'];
  for (const facet of FACETS) {
    const ids = expectedIds(query, facet);
    const counts = new Map<string, number>();
    for (const l of LISTINGS)
      if (ids.has(l.id)) for (const v of fieldValues(l, facet)) counts.set(v, (counts.get(v) ?? 0) + 1);
    if (facet === 'language') {
      for (const v of query.language ?? []) if (!counts.has(v)) counts.set(v, 0);
      out[facet] = [...counts]
        .map(([value, count]) => ({ value, count }))
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
    } else {
      out[facet] = VOCABULARY[facet].map((value) => ({ value, count: counts.get(value) ?? 0 }));
    }
  }
  return out;
}

const ajv = createAjv();
ajv.addSchema(SnippetSchema);
ajv.addSchema(UnderstoodConceptSchema);
ajv.addSchema(UnderstoodSchema);
ajv.addSchema(PointSchema);
ajv.addSchema(PlaceSchema);
ajv.addSchema(NearSchema);
ajv.addSchema(SearchHitSchema);
const validResponse = compileValidator(SearchResponseSchema, ajv);
/** What an engine answers: the search response but `understood`, which the search service adds. */
const validEngineResponse = compileValidator(
  { ...Type.Omit(SearchResponseSchema, ['understood', 'corrections']), $id: 'EngineSearchResponse' },
  ajv,
);

const taggedWith = (...codes: string[]) =>
  LISTINGS.filter((l) => l.active !== false && l.occupations.some((o) => codes.includes(o))).map((l) => l.id);

const nameKeyOf = (name: string) =>
  foldText(name)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Browsing order (no words): [EU-wide only, 0 active / 1 unknown / 2 ended, checked date, name]. */
type BrowseKey = [number, number, string, string];
function browseKey(hit: { id: string }): BrowseKey {
  const l = LISTINGS.find((x) => x.id === hit.id)!;
  return [
    l.countries.some((c) => c !== 'EU') ? 0 : 1,
    l.active === true ? 0 : l.active === null ? 1 : 2,
    l.checked_at ?? '',
    nameKeyOf(l.name),
  ];
}
function compareBrowse(a: BrowseKey, b: BrowseKey): number {
  const text = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return a[0] - b[0] || a[1] - b[1] || text(b[2], a[2]) || text(a[3], b[3]);
}

/** Text an engine searches, for deciding independently where a phrase occurs. */
function listingText(l: ListingRecord): string {
  const org = LISTINGS.find((o) => o.id === l.organisation)?.name ?? '';
  return foldText([l.name, l.summary, l.skills.join(' '), org].join(' \n '));
}

export function describeSearchContract(engineName: string, setup: () => Promise<ContractFixture>): void {
  describe(`search contract: ${engineName}`, () => {
    let engine: SearchEngine;
    let documents: SearchDocument[];

    const search = async (query: SearchQuery): Promise<EngineSearchResponse> => {
      const { corrections: _corrections, ...response } = await engine.search(query);
      const errors = validEngineResponse.errors(response);
      expect(errors, `response to ${JSON.stringify(query).slice(0, 200)} breaks the schema`).toEqual([]);
      expect(response.engine).toBe(engineName);
      return response;
    };
    /** Every id a query matches, across as many pages as it takes. */
    const allIds = async (query: SearchQuery): Promise<string[]> => {
      const ids: string[] = [];
      for (let page = 1; ; page++) {
        const r = await search({ ...query, page, per_page: 100 });
        ids.push(...r.hits.map((h) => h.id));
        if (r.hits.length < 100) return ids;
      }
    };

    let service: SearchService;
    let db: Kysely<DB>;
    beforeAll(async () => {
      ({ engine, documents, db } = await setup());
      service = createSearchService({ engine, data: new MatchDataCache(db) });
    });

    describe('freshness', () => {
      it('a listing neither confirmed nor checked for 12 months sinks below the fresh ones that match as well', async () => {
        const query = { q: 'nurse', per_page: 50 };
        const before = (await service.search(query)).hits.map((h) => h.id);
        const [first, second] = before;
        expect(second).toBeDefined();
        const { checked_at } = await db
          .selectFrom('listing')
          .select('checked_at')
          .where('id', '=', first!)
          .executeTakeFirstOrThrow();
        const checkedOn = async (date: string | null) => {
          await db.updateTable('listing').set({ checked_at: date }).where('id', '=', first!).execute();
          // what the outbox does after any change of a listing
          await engine.upsert(await loadSearchDocuments(db, [first!]));
        };
        try {
          await checkedOn('2024-06-01');
          const after = (await service.search(query)).hits.map((h) => h.id);
          expect(after[0]).toBe(second);
          expect(after.indexOf(first!)).toBeGreaterThan(0);
          expect(new Set(after)).toEqual(new Set(before));
        } finally {
          await checkedOn(checked_at);
        }
        expect((await service.search(query)).hits[0]!.id).toBe(first);
      });
    });

    describe('what people type, read by the query understanding in front of the engine', () => {
      const understood = async (query: SearchQuery) => {
        const r = await service.search(query);
        expect(validResponse.errors(r)).toEqual([]);
        return { r, ids: r.hits.map((h) => h.id), concepts: r.understood.concepts.map((c) => `${c.kind}:${c.value}`) };
      };

      it('a whole sentence finds the service: "I was a nurse in Syria"', async () => {
        const { r, ids, concepts } = await understood({ q: 'I was a nurse in Syria', lang: 'en' });
        expect(concepts).toContain('occupation:2221');
        expect(ids.slice(0, 5)).toEqual(expect.arrayContaining(['ie-nmbi-non-eu-registration']));
        expect(r.understood.ignored).toEqual(expect.arrayContaining(['I', 'was', 'a', 'in']));
      });

      it('a Ukrainian sentence against English listings: the place filters, the need ranks, labels in Ukrainian', async () => {
        const { r, concepts } = await understood({ q: 'хочу вивчити англійську мову в Ірландії', lang: 'uk' });
        expect(concepts).toEqual(expect.arrayContaining(['country:IE', 'need:language-training']));
        expect(r.understood.concepts.find((c) => c.kind === 'country')!.label).toBe('Ірландія');
        expect(r.total).toBeGreaterThan(0);
        expect(r.hits.every((h) => h.countries.some((c) => c === 'IE' || c === 'EU'))).toBe(true);
        expect(r.hits[0]!.categories).toContain('language-training');
      });

      it('a concept taken back (ignore) is recognised but no longer applied', async () => {
        const { r } = await understood({ q: 'learn English in Ireland', lang: 'en', ignore: ['country:IE'] });
        expect(r.understood.concepts.map((c) => c.kind)).not.toContain('country');
        expect(r.hits.some((h) => !h.countries.includes('IE') && !h.countries.includes('EU'))).toBe(true);
      });

      it('no recognised occupation or need answers with nothing', async () => {
        for (const q of ['أبحث عن عمل في بلجيكا', 'دنبال کلاس زبان در ایرلند هستم', 'hladam pracu na Slovensku']) {
          const { r } = await understood({ q, lang: 'en' });
          expect(r.understood.concepts.length, q).toBeGreaterThan(0);
          expect(r.total, q).toBeGreaterThan(0);
        }
      });

      it('a typo is read as the word it was meant to be', async () => {
        const { ids } = await understood({ q: 'nurce regstration', lang: 'en' });
        expect(ids.slice(0, 5)).toContain('ie-nmbi-non-eu-registration');
      });
    });

    it('answers ping', async () => {
      expect(await engine.ping()).toBe(true);
    });

    describe('browse (no query)', () => {
      it('lists every listing not known to have ended, country-specific before EU-wide, live before unknown, most recently checked first, with all facets', async () => {
        const r = await search({ per_page: 100, active: 'any' });
        const expected = expectedIds({ active: 'any' });
        expect(r.total).toBe(expected.size);
        expect(r.facets).toEqual(expectedFacets({ active: 'any' }));
        expect(r.hits.every((h) => h.snippet === null)).toBe(true);
        const keys = (await search({ per_page: 100, active: 'any', page: 2 })).hits.concat(r.hits).map(browseKey);
        const inOrder = r.hits.map(browseKey);
        expect(inOrder).toEqual([...inOrder].sort(compareBrowse));
        // the rules are not vacuous here: the seed data has EU-wide, unknown and differently checked listings
        expect(new Set(keys.map((k) => k[0])).size).toBe(2);
        expect(new Set(keys.map((k) => k[1])).size).toBeGreaterThan(1);
        expect(new Set(keys.map((k) => k[2])).size).toBeGreaterThan(3);
        expect((await search({ per_page: 100 })).total).toBe(expectedIds({}).size);
      });

      it('sorts by when we last checked, newest first, when asked', async () => {
        const r = await search({ sort: 'checked', per_page: 100, country: ['GB', 'IE', 'NL'] });
        expect(r.hits.length).toBeGreaterThan(10);
        const dates = r.hits.map((h) => LISTINGS.find((l) => l.id === h.id)!.checked_at ?? '');
        expect(dates).toEqual([...dates].sort().reverse());
        const byName = await search({ sort: 'name', per_page: 100, country: ['GB', 'IE', 'NL'] });
        const names = byName.hits.map((h) => nameKeyOf(h.name));
        expect(names).toEqual([...names].sort());
        expect(byName.hits.map((h) => h.id)).not.toEqual(r.hits.map((h) => h.id));
      });

      it('returns hits with the listing fields and the organisation name', async () => {
        const r = await search({ q: undefined, per_page: 100, page: 1, kind: ['service'] });
        const withOrg = r.hits.find((h) => h.organisation !== null)!;
        const source = LISTINGS.find((l) => l.id === withOrg.id)!;
        const org = LISTINGS.find((l) => l.id === source.organisation)!;
        expect(withOrg).toMatchObject({
          name: source.name,
          summary: source.summary,
          countries: source.countries,
          categories: source.categories,
          cost: source.cost,
          url: source.url,
          active: source.active,
          organisation: { id: org.id, name: org.name },
        });
      });
    });

    describe('filters', () => {
      const cases: [string, SearchQuery][] = [
        ['one country', { country: ['IE'] }],
        ['two countries (OR)', { country: ['IE', 'GB'] }],
        ['EU-wide', { country: ['EU'] }],
        ['category', { category: ['qualification-recognition'] }],
        ['audience', { audience: ['employers'] }],
        ['kind', { kind: ['initiative'] }],
        ['language', { language: ['ar'] }],
        ['cost', { cost: ['fee'] }],
        ['delivery', { delivery: ['online'] }],
        [
          'facets combined (AND across, OR within)',
          { country: ['IE', 'GB', 'NL'], category: ['job-matching', 'mentoring'], audience: ['employers'] },
        ],
        [
          'every facet at once',
          {
            country: ['BE', 'NL'],
            category: ['career-guidance'],
            audience: ['refugees'],
            kind: ['service', 'organisation'],
            language: ['nl', 'fr'],
            cost: ['free', 'unknown'],
            delivery: ['in-person'],
          },
        ],
        ['occupation prefix 222 (matches 2221, 2222 and the broader 22)', { occupation: ['222'] }],
        ['occupation 2221 (matches listings for all of 22)', { occupation: ['2221'] }],
        ['occupation 23 with a country', { occupation: ['23'], country: ['IE'] }],
        ['occupation by ESCO URI (general nurse -> 2221)', { occupation: [GENERAL_NURSE.uri] }],
        ['skill, case-insensitive', { skill: ['NURSING'] }],
        ['ended listings only', { active: 'false' }],
        ['active and ended', { active: 'any', country: ['SK'] }],
        ['unknown values match nothing', { country: ['XX' as never], skill: ['no such skill'] }],
        [
          'an unknown ESCO URI matches nothing',
          { occupation: ['http://data.europa.eu/esco/occupation/00000000-0000-0000-0000-000000000000'] },
        ],
      ];
      for (const [title, query] of cases) {
        it(`${title}: the right listings and disjunctive facet counts`, async () => {
          const expected = expectedIds(query);
          const r = await search({ ...query, per_page: 100 });
          expect(r.total).toBe(expected.size);
          expect(new Set(await allIds(query))).toEqual(expected);
          expect(r.facets).toEqual(expectedFacets(query));
        });
      }

      it('the occupation cases are not vacuous', () => {
        expect(expectedIds({ occupation: ['222'] }).size).toBeGreaterThanOrEqual(5);
        expect(expectedIds({ occupation: ['2221'] })).toEqual(expectedIds({ occupation: [GENERAL_NURSE.uri] }));
        expect(expectedIds({ occupation: ['2221'] })).toContain('gb-ragu-london-met'); // tagged 22
      });
    });

    describe('pagination', () => {
      it('pages through every match exactly once', async () => {
        const ids = await (async () => {
          const out: string[] = [];
          for (let page = 1; page <= 20; page++)
            out.push(...(await search({ page, per_page: 10 })).hits.map((h) => h.id));
          return out;
        })();
        expect(ids.length).toBe(expectedIds({}).size);
        expect(new Set(ids)).toEqual(expectedIds({}));
      });

      it('a page beyond the end is empty but keeps the total and the facets', async () => {
        const r = await search({ country: ['IE'], page: 50, per_page: 10 });
        expect(r.hits).toEqual([]);
        expect(r.total).toBe(expectedIds({ country: ['IE'] }).size);
        expect(r.page).toBe(50);
        expect(r.facets).toEqual(expectedFacets({ country: ['IE'] }));
      });

      it('the last partial page, one per page, and the deepest allowed page', async () => {
        const total = expectedIds({}).size;
        const last = await search({ page: Math.ceil(total / 20), per_page: 20 });
        expect(last.hits.length).toBe(total % 20 || 20);
        const single = await search({ page: 3, per_page: 1 });
        expect(single.hits.length).toBe(1);
        const all = await search({ per_page: 100 });
        expect(single.hits[0]!.id).toBe(all.hits[2]!.id);
        expect((await search({ page: SEARCH_MAX_PAGE, per_page: 100 })).hits).toEqual([]);
      });
    });

    describe('text', () => {
      const nursing = taggedWith('2221', '222', '22');

      for (const q of ['nurse', 'enfermera', 'verpleegkundige', 'ápoló', 'infermiere', 'apolo', 'ENFERMERA']) {
        it(`"${q}" finds every listing tagged 2221, 222 or 22`, async () => {
          const ids = await allIds({ q });
          expect(nursing.length).toBeGreaterThanOrEqual(6);
          expect(ids).toEqual(expect.arrayContaining(nursing));
        });
      }

      it('matches word prefixes: "nurs" finds nursing, "recogn" finds recognition', async () => {
        expect(await allIds({ q: 'nurs' })).toContain('ie-nmbi');
        const recognition = LISTINGS.filter((l) => l.active !== false && /\brecogni/i.test(l.name)).map((l) => l.id);
        expect(recognition.length).toBeGreaterThan(3);
        expect(await allIds({ q: 'recogn' })).toEqual(expect.arrayContaining(recognition));
      });

      it('matches the organisation name: a service is found by its organisation', async () => {
        const ids = await allIds({ q: 'Teaching Council' });
        expect(ids).toEqual(expect.arrayContaining(['ie-teaching-council', 'ie-teaching-council-ukrainian-teachers']));
      });

      it('does not demand every word: listings that cover more of the query rank first', async () => {
        const r = await search({ q: 'nurse ireland', per_page: 100 });
        const ids = r.hits.map((h) => h.id);
        // Both words (in any fields) before one of them.
        const both = ids.indexOf('ie-nmbi-non-eu-registration');
        const one = ids.indexOf('nl-big-register-foreign-diploma');
        expect(both).toBeGreaterThanOrEqual(0);
        expect(one).toBeGreaterThan(both);
      });

      it('a word no listing has does not empty the answer', async () => {
        const r = await search({ q: 'nurse qwertyzxcv' });
        expect(r.total).toBeGreaterThan(0);
        expect(r.hits.map((h) => h.id)).toContain('ie-nmbi-non-eu-registration');
      });

      it('tolerates typos: one from 5 letters, two from 9', async () => {
        const one = await allIds({ q: 'nurze' });
        expect(one).toContain('ie-nmbi-non-eu-registration');
        const two = await allIds({ q: 'qualifcaton' });
        expect(two.length).toBeGreaterThan(0);
        expect(await allIds({ q: 'nxrze' })).toEqual([]);
      });

      it('combines text with filters, and counts facets over the text matches', async () => {
        const r = await search({ q: 'nurse', country: ['IE'], per_page: 100 });
        expect(r.hits.length).toBeGreaterThan(0);
        expect(r.hits.every((h) => h.countries.includes('IE'))).toBe(true);
        const ie = r.facets.country.find((c) => c.value === 'IE')!.count;
        expect(ie).toBe(r.total);
        const all = await search({ q: 'nurse', per_page: 100 });
        for (const c of r.facets.country) {
          expect(c.count).toBe(all.hits.filter((h) => h.countries.includes(c.value as never)).length);
        }
      });

      it('ranks a match in the name above a match in the summary only', async () => {
        const ids = (await search({ q: 'nurse', per_page: 100 })).hits.map((h) => h.id);
        const inName = ids.indexOf('ie-nmbi-non-eu-registration');
        const inSummary = ids.indexOf('be-naric-vlaanderen-equivalence');
        expect(inName).toBeGreaterThanOrEqual(0);
        expect(inSummary).toBeGreaterThan(inName);
      });

      it('ranks the exact phrase above the same words scattered', async () => {
        const phrase = 'language courses';
        const ids = (await search({ q: phrase, per_page: 100 })).hits.map((h) => h.id);
        const exact = ids.filter((id) => listingText(LISTINGS.find((l) => l.id === id)!).includes(phrase));
        const scattered = ids.filter((id) => !exact.includes(id));
        expect(exact.length).toBeGreaterThan(0);
        expect(scattered.length).toBeGreaterThan(0);
        expect(Math.max(...exact.map((id) => ids.indexOf(id)))).toBeLessThan(
          Math.min(...scattered.map((id) => ids.indexOf(id))),
        );
      });

      it('sorts text matches by name when asked', async () => {
        const r = await search({ q: 'refugees', sort: 'name', per_page: 100 });
        expect(r.hits.length).toBeGreaterThan(10);
        const keys = r.hits.map((h) => nameKeyOf(h.name));
        expect(keys).toEqual([...keys].sort());
      });

      it('a query that matches nothing: no hits, zero counts, no languages', async () => {
        const r = await search({ q: 'zzqxvw' });
        expect(r.total).toBe(0);
        expect(r.hits).toEqual([]);
        for (const facet of FACETS) expect(r.facets[facet].every((v) => v.count === 0)).toBe(true);
        expect(r.facets.country.map((v) => v.value)).toEqual([...COUNTRIES]);
        expect(r.facets.language).toEqual([]);
      });

      it('snippets are segments of the listing text with the matches flagged, never HTML', async () => {
        const r = await search({ q: 'nurse', per_page: 100 });
        const withSnippet = r.hits.filter((h) => h.snippet);
        expect(withSnippet.length).toBeGreaterThan(3);
        for (const hit of withSnippet) {
          const parts = hit.snippet!.parts;
          expect(parts.some((p) => p.match)).toBe(true);
          expect(parts.every((p) => !/[\uE000\uE001<>]/.test(p.text))).toBe(true);
          for (const p of parts.filter((p) => p.match)) expect(foldText(p.text)).toMatch(/^nurs/);
          if (hit.snippet!.field === 'name') expect(parts.map((p) => p.text).join('')).toBe(hit.name);
        }
        const board = r.hits.find((h) => h.id === 'ie-nmbi')!;
        expect(board.snippet!.field).toBe('name');
        expect(board.snippet!.parts).toContainEqual({ text: 'Nursing', match: true });
      });

      it('a snippet can show the occupation label that matched, in its language', async () => {
        const r = await search({ q: 'verpleegkundige', per_page: 100 });
        const hit = r.hits.find((h) => h.id === 'ie-nmbi')!;
        expect(hit.snippet?.field).toBe('occupations');
        expect(
          foldText(
            hit
              .snippet!.parts.filter((p) => p.match)
              .map((p) => p.text)
              .join(' '),
          ),
        ).toContain('verpleegkundige');
      });
    });

    describe('hostile input never raises an engine error', () => {
      const strings = [
        '"',
        '""',
        'nurse"',
        '"nurse',
        'AND',
        'OR',
        'NOT',
        'NEAR',
        'NEAR(nurse teacher)',
        'nurse AND OR NOT teacher',
        '*',
        'nurse*',
        '^nurse',
        'name:nurse',
        'summary : nurse',
        '(nurse',
        'nurse)',
        '-nurse',
        'nurse -teacher',
        "'; drop table listing; --",
        '\u0000nurse\u0000',
        '\u0301\u0301',
        '\uE000nurse\uE001',
        '👩‍⚕️ 🩺',
        'ممرضة',
        'a '.repeat(5_000),
        'nurse '.repeat(1_700),
        'x'.repeat(10_240),
        '{"$ne": null}',
        '\\" OR 1=1 --',
      ];
      for (const q of strings) {
        it(`q = ${JSON.stringify(q.length > 40 ? `${q.slice(0, 20)}… (${q.length} chars)` : q)}`, async () => {
          const r = await search({ q });
          expect(r.total).toBeGreaterThanOrEqual(0);
          expect(r.hits.length).toBeLessThanOrEqual(20);
        });
      }

      it('FTS and filter syntax is plain text: "-nurse" and "nurse" find the same', async () => {
        expect(await allIds({ q: '-nurse' })).toEqual(await allIds({ q: 'nurse' }));
        expect(await allIds({ q: '"nurse' })).toEqual(await allIds({ q: 'nurse' }));
      });

      it('hostile filter values match nothing and break nothing', async () => {
        for (const query of [
          { skill: ['" OR 1=1 --', 'a\\"b'] },
          { country: ['BE" OR countries = "NL' as never] },
          { language: ['zz'] },
          { occupation: ['9999'] },
        ] satisfies SearchQuery[]) {
          const r = await search(query);
          expect(r.total).toBe(0);
        }
        const r = await search({ language: ['zz'] });
        expect(r.facets.language).toContainEqual({ value: 'zz', count: 0 });
      });

      it('out-of-range paging is clamped or empty, never an error', async () => {
        expect((await search({ page: 100_000 })).hits).toEqual([]);
        expect((await search({ per_page: 1_000 })).hits.length).toBeLessThanOrEqual(100);
        expect((await search({ page: 0, per_page: 0 })).page).toBe(1);
      });
    });

    describe('near me (docs/near-me.md)', () => {
      const CORK = { lat: 51.89797, lon: -8.47061 };
      /** Every hit of a query through the service, across pages. */
      const allHits = async (query: SearchQuery) => {
        const first = await service.search({ ...query, per_page: 100 });
        expect(validResponse.errors(first)).toEqual([]);
        const hits = [...first.hits];
        for (let page = 2; hits.length < first.total; page++)
          hits.push(...(await service.search({ ...query, per_page: 100, page })).hits);
        return { response: first, hits };
      };
      /** Worked out from the JSON and the gazetteer, not by an engine: [group, km from Cork]. */
      const nearKey = (id: string): [number, number] => {
        const l = LISTINGS.find((x) => x.id === id)!;
        const point = searchPoint(l);
        return [nearGroup(l, point), point ? distanceKm(CORK, point) : 0];
      };

      it('a person in Cork types "Cork": the services nearest first, with distances, then national and online, then EU-wide', async () => {
        const { response, hits } = await allHits({ near: 'Cork' });
        expect(response.near).toMatchObject({ query: 'Cork', resolved: true, place: { name: 'Cork', country: 'IE' } });
        // the place implies its country and EU-wide listings, as "in Ireland" does
        expect(new Set(hits.map((h) => h.id))).toEqual(expectedIds({ country: ['IE', 'EU'] }));
        const expected = [...hits]
          .map((h) => ({ id: h.id, key: nearKey(h.id), browse: browseKey(h) }))
          .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || compareBrowse(a.browse, b.browse))
          .map((x) => x.id);
        expect(hits.map((h) => h.id)).toEqual(expected);
        const placed = hits.filter((h) => h.point);
        expect(placed.length).toBeGreaterThan(2);
        expect(hits[0]!.point).toMatchObject({ approximate: true, label: 'Dublin' });
        for (const h of hits) {
          if (h.point) expect(h.distance_km).toBe(Math.round(distanceKm(CORK, h.point)));
          else expect(h.distance_km).toBeUndefined();
        }
        expect(hits.some((h) => !h.point && h.countries.includes('EU') && h.countries.length === 1)).toBe(true);
      });

      it('"Корк", "cork ", "Corcaigh" and the typo "Crok" give the same answer', async () => {
        const cork = (await allHits({ near: 'Cork' })).hits.map((h) => h.id);
        for (const near of ['Корк', 'cork ', 'Corcaigh', 'Crok']) {
          const { response, hits } = await allHits({ near });
          expect(response.near?.place?.name, near).toBe('Cork');
          expect(
            hits.map((h) => h.id),
            near,
          ).toEqual(cork);
        }
        expect((await service.search({ near: 'Crok' })).near?.typo).toBe(true);
      });

      it('with words: the best match first, as in the place’s country, and how far each is', async () => {
        const without = await allHits({ q: 'employment', country: ['IE', 'EU'] });
        const { response, hits } = await allHits({ q: 'employment', near: 'Cork' });
        expect(response.near).toMatchObject({ resolved: true, place: { name: 'Cork' } });
        expect(hits.map((h) => h.id)).toEqual(without.hits.map((h) => h.id));
        expect(hits.some((h) => h.distance_km !== undefined)).toBe(true);
      });

      it('with words and sort=distance: only the matches, nearest first', async () => {
        const without = (await allHits({ q: 'employment', country: ['IE', 'EU'] })).hits.map((h) => h.id);
        const { hits } = await allHits({ q: 'employment', near: 'Cork', sort: 'distance' });
        expect(hits.length).toBeGreaterThan(0);
        expect(new Set(hits.map((h) => h.id))).toEqual(new Set(without));
        const keys = hits.map((h) => nearKey(h.id));
        for (let i = 1; i < keys.length; i++) {
          const [a, b] = [keys[i - 1]!, keys[i]!];
          expect(a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]), `${hits[i - 1]!.id} before ${hits[i]!.id}`).toBe(true);
        }
      });

      it('a chosen country wins over the place; another sort keeps its order and still says how far', async () => {
        const nl = await allHits({ near: 'Cork', country: ['NL'] });
        expect(new Set(nl.hits.map((h) => h.id))).toEqual(expectedIds({ country: ['NL'] }));
        expect(nl.hits.filter((h) => h.point).every((h) => h.distance_km! > 800)).toBe(true);
        const byName = await allHits({ near: 'Cork', sort: 'name' });
        const plain = await allHits({ country: ['IE', 'EU'], sort: 'name' });
        expect(byName.hits.map((h) => h.id)).toEqual(plain.hits.map((h) => h.id));
        expect(byName.hits.some((h) => h.distance_km !== undefined)).toBe(true);
      });

      it('a place it does not know changes nothing but says so', async () => {
        const plain = await allHits({});
        const { response, hits } = await allHits({ near: 'Qxzvbnmw' });
        expect(response.near).toMatchObject({ query: 'Qxzvbnmw', resolved: false, reason: 'not-found' });
        expect(hits.map((h) => h.id)).toEqual(plain.hits.map((h) => h.id));
        expect(hits.every((h) => h.distance_km === undefined)).toBe(true);
        expect((await service.search({ near: 'T12 X8Y2' })).near).toMatchObject({
          resolved: false,
          reason: 'postcode',
        });
      });

      it('sort=distance without near is refused, naming sort', async () => {
        await expect(service.search({ sort: 'distance' })).rejects.toMatchObject({
          kind: 'invalid',
          errors: [{ field: 'sort', reason: 'distance needs near' }],
        });
      });
    });

    describe('writes', () => {
      it('upsert adds and replaces a listing, remove takes it out; counts follow', async () => {
        const before = await search({ country: ['SI'] });
        const original = documents.find((d) => d.id === 'ie-nmbi')!;
        const added: SearchDocument = {
          ...original,
          id: 'si-contract-test-listing',
          name: 'Quokkaberry Zeppelin Workshop',
          countries: ['SI'],
          organisation: null,
        };
        await engine.upsert([added]);
        const found = await search({ q: 'quokkaberry' });
        expect(found.hits.map((h) => h.id)).toEqual(['si-contract-test-listing']);
        expect((await search({ country: ['SI'] })).total).toBe(before.total + 1);

        await engine.upsert([{ ...added, name: 'Wombatplum Zeppelin Workshop', countries: ['SK'] }]);
        expect((await search({ q: 'quokkaberry' })).total).toBe(0);
        expect((await search({ q: 'wombatplum', country: ['SK'] })).hits.map((h) => h.id)).toEqual([
          'si-contract-test-listing',
        ]);
        expect((await search({ country: ['SI'] })).total).toBe(before.total);

        await engine.remove(['si-contract-test-listing', 'no-such-listing']);
        expect((await search({ q: 'wombatplum' })).total).toBe(0);
        expect(await search({ country: ['SI'] })).toMatchObject({ total: before.total, facets: before.facets });
      });
    });
  });
}
