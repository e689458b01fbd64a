import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compileValidator,
  createAjv,
  MatchReasonSchema,
  MatchResponseSchema,
  SearchHitSchema,
  SnippetSchema,
  PointSchema,
  UnderstoodConceptSchema,
  UnderstoodSchema,
  UI_LANGUAGES,
  type MatchRequest,
  type MatchResponse,
} from '@skillway/core';
import type { Store } from '../db';
import { createSearchEngine } from '../search/rebuild';
import { loadSearchDocuments } from '../search/search-document';
import { fixtureListing, openMatchFixture } from './match.fixture';
import { createMatcher, MatchInputError, type Matcher } from './matcher';
import { MATCH_WEIGHTS } from './match.weights';

/**
 * The ranking rules one by one, on real SQLite (the real ESCO/ISCO taxonomy, a handful of listings)
 * with the real embedded search engine. Each rule gets its own country so the listings of one test
 * do not compete with another's.
 */
const NURSE_GENERAL_CARE = 'http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50';

const listings = [
  // IE: the ISCO hierarchy
  fixtureListing('ie-exact', { occupations: ['2221'] }),
  fixtureListing('ie-esco-uri', { occupations: [NURSE_GENERAL_CARE] }),
  fixtureListing('ie-minor', { occupations: ['222'] }),
  fixtureListing('ie-submajor', { occupations: ['22'], languages: ['en', 'ar'] }),
  fixtureListing('ie-major', { occupations: ['2'] }),
  fixtureListing('ie-open', {}),
  fixtureListing('ie-sibling-minor', { occupations: ['2222'] }),
  fixtureListing('ie-sibling-submajor', { occupations: ['2211'] }),
  fixtureListing('ie-other', { occupations: ['7411'] }),
  // BE: needs
  fixtureListing('be-recognition', { countries: ['BE'], categories: ['qualification-recognition'] }),
  fixtureListing('be-mentoring', { countries: ['BE'], categories: ['mentoring'] }),
  fixtureListing('be-both', { countries: ['BE'], categories: ['qualification-recognition', 'mentoring'] }),
  fixtureListing('be-neither', { countries: ['BE'], categories: ['information'] }),
  // NL: national over EU-wide, other countries out
  fixtureListing('nl-national', { countries: ['NL'] }),
  fixtureListing('eu-wide', { countries: ['EU'] }),
  fixtureListing('gb-elsewhere', { countries: ['GB'] }),
  // IT: languages
  fixtureListing('it-arabic', { countries: ['IT'], languages: ['it', 'ar'] }),
  fixtureListing('it-italian', { countries: ['IT'], languages: ['it'] }),
  // ES: audiences
  fixtureListing('es-refugees', { countries: ['ES'], audiences: ['refugees'] }),
  fixtureListing('es-refugees-and-employers', { countries: ['ES'], audiences: ['refugees', 'employers'] }),
  fixtureListing('es-asylum', { countries: ['ES'], audiences: ['asylum-seekers'] }),
  fixtureListing('es-employers', { countries: ['ES'], audiences: ['employers'] }),
  // SK: ended listings never come back
  fixtureListing('sk-ended', { countries: ['SK'], occupations: ['2221'], active: false }),
  fixtureListing('sk-unknown', { countries: ['SK'], occupations: ['2221'], active: null }),
  fixtureListing('sk-active', { countries: ['SK'], occupations: ['2221'], active: true }),
  // SI: ties
  fixtureListing('si-b', { countries: ['SI'] }),
  fixtureListing('si-a', { countries: ['SI'] }),
  // GB: skills
  fixtureListing('gb-plab', { countries: ['GB'], skills: ['PLAB exam', 'medicine'] }),
  // HU: text relevance through the engine
  fixtureListing('hu-pharmacy', {
    countries: ['HU'],
    summary: 'Advice for pharmacists and pharmacy technicians who trained abroad.',
  }),
  fixtureListing('hu-general', { countries: ['HU'], summary: 'General advice for newcomers about work.' }),
];

let store: Store;
let matcher: Matcher;

const ajv = createAjv();
for (const schema of [
  SnippetSchema,
  PointSchema, // a hit's point (near me)
  SearchHitSchema,
  MatchReasonSchema,
  UnderstoodConceptSchema,
  UnderstoodSchema,
])
  ajv.addSchema(schema);
const validResponse = compileValidator(MatchResponseSchema, ajv);

async function match(request: MatchRequest): Promise<MatchResponse> {
  const response = await matcher.match(request);
  expect(validResponse.errors(response)).toEqual([]);
  return response;
}
const ids = (response: MatchResponse) => response.results.map((r) => r.listing.id);
const reasonsOf = (response: MatchResponse, id: string) => response.results.find((r) => r.listing.id === id)!.reasons;

beforeAll(async () => {
  store = await openMatchFixture(listings);
  matcher = createMatcher({ db: store.db, engine: createSearchEngine(store, {}) });
  await matcher.warm();
});
afterAll(async () => {
  await store?.close();
});

describe('ranking: occupation fit along the ISCO hierarchy', () => {
  it('orders exact unit group > minor > sub-major > major > open to all occupations', async () => {
    const order = ids(await match({ occupations: ['2221'], country: 'IE', limit: 50 }));
    const at = (id: string) => order.indexOf(id);
    expect(at('ie-exact')).toBeLessThan(at('ie-minor'));
    expect(at('ie-minor')).toBeLessThan(at('ie-submajor'));
    expect(at('ie-submajor')).toBeLessThan(at('ie-major'));
    expect(at('ie-major')).toBeLessThan(at('ie-open'));
    // listings for other occupations come after the general ones
    expect(at('ie-open')).toBeLessThan(at('ie-sibling-submajor'));
    expect(at('ie-sibling-submajor')).toBeLessThan(at('ie-other'));
  });

  it('resolves ESCO occupation URIs on both sides to their ISCO unit group', async () => {
    const byCode = await match({ occupations: ['2221'], country: 'IE' });
    const byUri = await match({ occupations: [NURSE_GENERAL_CARE], country: 'IE' });
    expect(ids(byUri)).toEqual(ids(byCode));
    expect(ids(byCode).slice(0, 2).sort()).toEqual(['ie-esco-uri', 'ie-exact']);
  });

  it('explains the fit with ISCO titles in the request language', async () => {
    const en = await match({ occupations: ['2221'], country: 'IE', limit: 50 });
    expect(reasonsOf(en, 'ie-submajor')).toContainEqual({
      kind: 'occupation',
      detail: 'Nursing professionals is within Health professionals',
      value: '22',
    });
    expect(reasonsOf(en, 'ie-exact')).toContainEqual({
      kind: 'occupation',
      detail: 'Specifically for Nursing professionals',
      value: '2221',
    });
    expect(reasonsOf(en, 'ie-open')).toContainEqual({ kind: 'occupation', detail: 'Open to all occupations' });
    const es = await match({ occupations: ['2221'], country: 'IE', lang: 'es', limit: 50 });
    expect(reasonsOf(es, 'ie-submajor')).toContainEqual({
      kind: 'occupation',
      detail: 'Profesionales de enfermería forma parte de Profesionales de la salud',
      value: '22',
    });
  });

  it('serves a person who named a broad group with the listings inside it', async () => {
    const response = await match({ occupations: ['22'], country: 'IE', limit: 50 });
    const order = ids(response);
    expect(order.indexOf('ie-exact')).toBeLessThan(order.indexOf('ie-open'));
    expect(order[0]).toBe('ie-submajor');
    expect(reasonsOf(response, 'ie-exact')).toContainEqual({
      kind: 'occupation',
      detail: 'For Nursing professionals, which is within Health professionals',
      value: '2221',
    });
  });
});

describe('ranking: needs, country, audience, languages, skills, text', () => {
  it('puts listings offering more of the categories asked for first', async () => {
    const order = ids(
      await match({ skills: ['gardening'], country: 'BE', needs: ['qualification-recognition', 'mentoring'] }),
    );
    expect(order.slice(0, 3)).toEqual(['be-both', 'be-mentoring', 'be-recognition']);
    expect(order.indexOf('be-neither')).toBeGreaterThan(2);
  });

  it('ranks national listings above EU-wide ones and leaves other countries out', async () => {
    const response = await match({ skills: ['gardening'], country: 'NL', limit: 50 });
    const order = ids(response);
    expect(order[0]).toBe('nl-national');
    expect(order).toContain('eu-wide');
    expect(order.every((id) => id === 'nl-national' || id === 'eu-wide')).toBe(true);
    expect(reasonsOf(response, 'nl-national')).toContainEqual({
      kind: 'country',
      detail: 'Offered in the Netherlands',
      value: 'NL',
    });
    expect(reasonsOf(response, 'eu-wide')).toContainEqual({
      kind: 'country',
      detail: 'Available across the EU',
      value: 'EU',
    });
  });

  it('counts the audience, with asylum seekers close to refugees and single-audience services first', async () => {
    const refugees = ids(await match({ skills: ['gardening'], country: 'ES', limit: 50 }));
    const at = (id: string) => refugees.indexOf(id);
    expect(at('es-refugees')).toBeLessThan(at('es-refugees-and-employers'));
    expect(at('es-refugees-and-employers')).toBeLessThan(at('es-asylum'));
    expect(at('es-asylum')).toBeLessThan(at('es-employers'));
    const employers = ids(await match({ skills: ['gardening'], country: 'ES', audience: 'employers', limit: 50 }));
    expect(employers.slice(0, 2)).toEqual(['es-employers', 'es-refugees-and-employers']);
  });

  it('prefers listings offered in a language the person speaks, and names it in the UI language', async () => {
    const en = await match({ skills: ['gardening'], country: 'IT', languages: ['ar'] });
    expect(ids(en)[0]).toBe('it-arabic');
    expect(reasonsOf(en, 'it-arabic')).toContainEqual({ kind: 'language', detail: 'Offered in Arabic', value: 'ar' });
    const fr = await match({ skills: ['gardening'], country: 'IT', languages: ['ar'], lang: 'fr' });
    expect(reasonsOf(fr, 'it-arabic')).toContainEqual({ kind: 'language', detail: 'Proposé en arabe', value: 'ar' });
    const none = ids(await match({ skills: ['gardening'], country: 'IT' }));
    expect(none.slice(0, 2)).toEqual(['it-arabic', 'it-italian']); // tie, broken by id
  });

  it('matches skills to listing tags, by whole tag or by its words', async () => {
    for (const skills of [['PLAB exam'], ['plab'], ['Medicine']]) {
      const response = await match({ skills, country: 'GB' });
      expect(ids(response)[0], skills[0]).toBe('gb-plab');
      expect(reasonsOf(response, 'gb-plab')).toContainEqual(expect.objectContaining({ kind: 'skill' }));
    }
  });

  it('uses text relevance from the search engine, in English even for words in another language', async () => {
    const response = await match({ text: 'gyógyszerész vagyok', country: 'HU', lang: 'hu' });
    expect(response.interpreted.occupations).toMatchObject([{ code: '2262' }]);
    expect(ids(response)[0]).toBe('hu-pharmacy');
    expect(reasonsOf(response, 'hu-pharmacy').map((r) => r.kind)).toContain('text');
    expect(response.results[0]!.listing.snippet).not.toBeNull();
  });
});

describe('ranking: what is never returned, and ties', () => {
  it('never returns ended listings, whatever they match', async () => {
    const response = await match({ occupations: ['2221'], country: 'SK', limit: 50 });
    expect(ids(response)).not.toContain('sk-ended');
    expect(ids(response).slice(0, 2)).toEqual(['sk-active', 'sk-unknown']);
    expect(response.results[0]!.score - response.results[1]!.score).toBe(MATCH_WEIGHTS.knownActive);
  });

  it('breaks ties by listing id and gives the same answer every time', async () => {
    const first = await match({ skills: ['gardening'], country: 'SI' });
    expect(ids(first).slice(0, 2)).toEqual(['si-a', 'si-b']);
    expect(first.results[0]!.score).toBe(first.results[1]!.score);
    const again = await match({ skills: ['gardening'], country: 'SI' });
    expect(again.results).toEqual(first.results);
  });

  it('returns at most `limit` results, 10 by default and never more than 50', async () => {
    expect((await match({ occupations: ['2221'], country: 'IE' })).results).toHaveLength(10);
    expect((await match({ occupations: ['2221'], country: 'IE', limit: 2 })).results).toHaveLength(2);
    const all = await matcher.match({ occupations: ['2221'], limit: 500 });
    expect(all.results.length).toBeLessThanOrEqual(50);
  });
});

describe('free text', () => {
  it.each([
    ['soy enfermera', 'es', 'Profesionales de enfermería'],
    ['ik ben verpleegkundige', 'nl', 'Verpleegkundigen met hogere opleiding'],
    ['nurse', 'en', 'Nursing professionals'],
  ])('understands "%s" and labels it in %s', async (text, lang, label) => {
    const response = await match({ text, lang: lang as MatchRequest['lang'], country: 'IE' });
    expect(response.interpreted.occupations).toEqual([
      { uri: null, code: '2221', label, matched: text.split(' ').at(-1) },
    ]);
    expect(ids(response).slice(0, 2).sort()).toEqual(['ie-esco-uri', 'ie-exact']);
  });

  it('labels an ESCO occupation in the UI language, English where the taxonomy has none', async () => {
    const nl = await match({ text: 'I was a pharmacist in Syria', lang: 'nl' });
    expect(nl.interpreted.occupations).toMatchObject([{ code: '2262', label: 'apotheker', matched: 'pharmacist' }]);
    const uk = await match({ text: 'I was a pharmacist in Syria', lang: 'uk' });
    expect(uk.interpreted.occupations).toMatchObject([{ code: '2262', label: 'pharmacist' }]);
  });

  it('reports skills recognised in the text and ranks the listings tagged with them', async () => {
    const response = await match({ text: 'PLAB exam preparation', country: 'GB' });
    expect(response.interpreted.skills).toEqual([{ uri: null, code: null, label: 'PLAB exam', matched: 'PLAB exam' }]);
    expect(ids(response)[0]).toBe('gb-plab');
  });

  it('never throws on hostile text, however long or strange', async () => {
    let text = '';
    while (text.length < 10_000)
      text += '"nurse" OR 1=1; DROP TABLE listing; -- NEAR(a b) * ^ ' + '💥'.repeat(5) + ' ممرضة ';
    const response = await match({ text, country: 'IE' });
    expect(response.results.length).toBeGreaterThan(0);
    const symbols = await match({ text: '%%% *** ^^^ """ \u0000 \u202e' });
    expect(symbols.interpreted).toEqual({ occupations: [], skills: [] });
  });
});

describe('reasons in every UI language', () => {
  it.each(UI_LANGUAGES.map((lang) => [lang]))('writes every reason in %s', async (lang) => {
    const response = await match({
      occupations: ['2221'],
      skills: ['PLAB exam'],
      country: 'IE',
      languages: ['ar'],
      needs: ['information'],
      lang,
      limit: 50,
    });
    const reasons = response.results.flatMap((r) => r.reasons);
    const kinds = new Set(reasons.map((r) => r.kind));
    for (const kind of ['occupation', 'category', 'country', 'language', 'audience']) expect(kinds).toContain(kind);
    for (const reason of reasons) {
      expect(reason.detail.length).toBeGreaterThan(3);
      expect(reason.detail).not.toMatch(/undefined|null|\$\{/);
    }
  });

  it('falls back to English ISCO titles where a language has none', async () => {
    const ar = await match({ occupations: ['2221'], country: 'IE', lang: 'ar' });
    expect(reasonsOf(ar, 'ie-exact')).toContainEqual({
      kind: 'occupation',
      detail: 'مخصص لهذه المهنة: Nursing professionals',
      value: '2221',
    });
  });
});

describe('bad input', () => {
  const failure = async (request: MatchRequest) => {
    const error = await matcher.match(request).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MatchInputError);
    return error as MatchInputError;
  };

  it('asks for at least one of occupations, skills, text, needs or country, naming all five', async () => {
    for (const request of [{}, { languages: ['en'] }, { occupations: [], skills: [], text: '   ' }] as MatchRequest[]) {
      const error = await failure(request);
      expect(error.errors.map((e) => e.field)).toEqual(['occupations', 'skills', 'text', 'needs', 'country']);
      expect(error.field).toBe('occupations');
      expect(error.reason).toBe('give at least one of occupations, skills, text, needs or country');
    }
  });

  it('matches on needs and country alone (someone who only wants mentoring in Belgium)', async () => {
    const result = await matcher.match({ needs: ['mentoring'], country: 'BE' });
    const top = result.results.slice(0, 2).map((r) => r.listing.id);
    expect(top.sort()).toEqual(['be-both', 'be-mentoring']);
  });

  it('reads needs, the country and the audience from the text and says so in the request language', async () => {
    const result = await matcher.match({ text: 'хочу вивчити англійську мову в Ірландії', lang: 'uk' });
    const kinds = result.understood!.concepts.map((c) => `${c.kind}:${c.value}`);
    expect(kinds).toEqual(expect.arrayContaining(['need:language-training', 'country:IE']));
    expect(result.understood!.concepts.find((c) => c.kind === 'country')!.label).toBe('Ірландія');
  });

  it('names the occupation or skill that is not in the taxonomy', async () => {
    const code = await failure({ occupations: ['2221', '9999'] });
    expect(code.errors).toEqual([{ field: 'occupations[1]', reason: '"9999" is not an ISCO-08 group code' }]);
    const uri = await failure({
      occupations: ['http://data.europa.eu/esco/occupation/00000000-0000-0000-0000-000000000000'],
    });
    expect(uri.field).toBe('occupations[0]');
    expect(uri.reason).toMatch(/is not an ESCO occupation/);
    const skill = await failure({
      skills: ['nursing', 'http://data.europa.eu/esco/skill/00000000-0000-0000-0000-000000000000'],
    });
    expect(skill.field).toBe('skills[1]');
  });
});

describe('other countries when nothing else matches', () => {
  let bare: Store;
  beforeAll(async () => {
    bare = await openMatchFixture([fixtureListing('gb-only', { countries: ['GB'] })], ':memory:', {
      withoutTaxonomy: true,
    });
  });
  afterAll(async () => {
    await bare?.close();
  });

  it('falls back to listings from other countries, without a country reason', async () => {
    const local = createMatcher({ db: bare.db, engine: createSearchEngine(bare, {}) });
    const response = await local.match({ skills: ['gardening'], country: 'SK' });
    expect(ids(response)).toEqual(['gb-only']);
    expect(response.results[0]!.reasons.map((r) => r.kind)).not.toContain('country');
    const home = await local.match({ skills: ['gardening'], country: 'GB' });
    expect(home.results[0]!.reasons.map((r) => r.kind)).toContain('country');
  });
});

describe('answers kept per index generation', () => {
  it('answers the same request with the same answer until a listing changes', async () => {
    const engine = createSearchEngine(store, {});
    const cached = createMatcher({ db: store.db, engine, resultCacheSize: 10 });
    const request: MatchRequest = { text: 'pharmacist', country: 'HU' };
    const first = await cached.match(request);
    expect(ids(first)[0]).toBe('hu-pharmacy');
    // kept as bytes: the same answer, parsed again; the API gets the very bytes kept
    expect(await cached.match({ ...request })).toEqual(first);
    const bytes = await cached.matchEncoded({ ...request });
    expect(await cached.matchEncoded(request)).toBe(bytes);
    expect(JSON.parse(bytes.body.toString('utf8'))).toEqual(first);
    expect(await cached.matchEncoded({ ...request, limit: 3 })).not.toBe(bytes);
    // any change of a listing moves the search generation
    const [doc] = await loadSearchDocuments(store.db, ['hu-general']);
    await engine.upsert([{ ...doc!, summary: 'General advice for pharmacists about work.' }]);
    expect(await cached.matchEncoded(request)).not.toBe(bytes);
    const after = await cached.match(request);
    const score = (r: MatchResponse) => r.results.find((x) => x.listing.id === 'hu-general')!.score;
    expect(score(after)).toBeGreaterThan(score(first));
  });
});
