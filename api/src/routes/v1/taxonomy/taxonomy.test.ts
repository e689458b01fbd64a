import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES, COUNTRIES, UI_LANGUAGES, VOCABULARY_LABELS } from '@skillway/core';
import { DATA_DIR, readTaxonomy, type TempStore } from '@skillway/store/testing';
import { replaceTaxonomy, type SkillwayLabels } from '@skillway/store';
import {
  createTestStore,
  expectProblem,
  responseValidator,
  startTestApi,
  type TestApi,
} from '../../../testing/test-api';
import { OccupationSuggestResponseSchema, TaxonomyResponseSchema } from '@skillway/core';

let store: TempStore;
let api: TestApi;
const isTaxonomy = responseValidator(TaxonomyResponseSchema);
const isSuggestions = responseValidator(OccupationSuggestResponseSchema);
/** ESCO 2221.2 "nurse responsible for general care" */
const NURSE = 'http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50';

beforeAll(async () => {
  store = await createTestStore();
  api = await startTestApi(store.path);
});
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

const labelOf = (terms: { value: string; label: string }[], value: string) =>
  terms.find((t) => t.value === value)?.label;

describe('GET /api/v1/taxonomy', () => {
  it('gives every vocabulary in English by default', async () => {
    const res = await api.json('/api/v1/taxonomy');
    expect(res.status).toBe(200);
    expect(isTaxonomy.errors(res.body)).toEqual([]);
    expect(res.body.lang).toBe('en');
    expect(res.body.countries.map((t: { value: string }) => t.value)).toEqual([...COUNTRIES]);
    expect(labelOf(res.body.countries, 'EU')).toBe('European Union');
    expect(res.body.categories.map((t: { value: string }) => t.value)).toEqual([...CATEGORIES]);
    expect(labelOf(res.body.costs, 'free')).toBe('Free');
  });

  it('lists the languages listings use, named and sorted in the asked language', async () => {
    const res = await api.json('/api/v1/taxonomy?lang=fr');
    const languages = res.body.languages as { value: string; label: string }[];
    expect(languages.map((t) => t.value)).toEqual(expect.arrayContaining(['ar', 'en', 'ku', 'uk', 'ti']));
    expect(labelOf(languages, 'ar')).toBe('Arabe');
    expect(labelOf(languages, 'ku')).toBe('Kurde');
    const labels = languages.map((t) => t.label);
    expect(labels).toEqual([...labels].sort(new Intl.Collator('fr').compare));
  });

  it.each(UI_LANGUAGES)('labels everything in %s', async (lang) => {
    const res = await api.json(`/api/v1/taxonomy?lang=${lang}`);
    expect(res.status).toBe(200);
    expect(isTaxonomy.errors(res.body)).toEqual([]);
    expect(labelOf(res.body.categories, 'qualification-recognition')).toBe(
      VOCABULARY_LABELS[lang].categories['qualification-recognition'],
    );
    for (const term of res.body.countries) expect(term.label).not.toBe(term.value);
  });

  it.each([
    ['lang=de', 'querystring.lang', /^"de" is not one of en, nl, fr/],
    ['lang=en&lang=fr', 'querystring.lang', /^must be string, not an array/],
    ['language=fr', 'querystring.language', /^is not a known field$/],
  ])('refuses ?%s naming %s', async (query, field, reason) => {
    const errors = expectProblem(await api.json(`/api/v1/taxonomy?${query}`), 400);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.field).toBe(field);
    expect(errors[0]!.reason).toMatch(reason);
  });

  it('has an ETag and a long max-age', async () => {
    const res = await api.fetch('/api/v1/taxonomy?lang=ar');
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    const again = await api.fetch('/api/v1/taxonomy?lang=ar', {
      headers: { 'if-none-match': res.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
  });
});

describe('GET /api/v1/taxonomy/occupations', () => {
  it('completes a word prefix in English', async () => {
    const res = await api.json('/api/v1/taxonomy/occupations?q=nurse%20responsible');
    expect(res.status).toBe(200);
    expect(isSuggestions.errors(res.body)).toEqual([]);
    const few = await api.json('/api/v1/taxonomy/occupations?q=nurse&limit=3');
    expect(few.body.occupations).toHaveLength(3);
    // Alternative labels count too ("nanny" is also a "nursemaid"), so check a sure hit rather than every label.
    expect(res.body.occupations.map((o: { uri: string }) => o.uri)).toContain(NURSE);
  });

  it('finds an occupation typed in another language, without accents, labelled in the asked language', async () => {
    const es = await api.json('/api/v1/taxonomy/occupations?q=enfermero&lang=es&limit=50');
    expect(es.status).toBe(200);
    expect(es.body.occupations[0].lang).toBe('es');
    expect(es.body.occupations.map((o: { uri: string }) => o.uri)).toContain(NURSE);
    const hu = await api.json('/api/v1/taxonomy/occupations?q=apolo&lang=hu');
    expect(hu.body.occupations.length).toBeGreaterThan(0);
    for (const o of hu.body.occupations) expect(o.label).toMatch(/ápol/);
  });

  it('falls back to English labels for a language with no labels at all', async () => {
    const res = await api.json('/api/v1/taxonomy/occupations?q=nurse&lang=ti&limit=50');
    expect(res.status).toBe(200);
    for (const o of res.body.occupations) expect(o.lang).toBe('en');
    expect(res.body.occupations.map((o: { uri: string }) => o.uri)).toContain(NURSE);
  });

  it('puts the general occupation first: nursing professionals before "nurse assistant"', async () => {
    const res = await api.json('/api/v1/taxonomy/occupations?q=nurse&limit=5');
    const groups = res.body.occupations.map((o: { isco_code: string }) => o.isco_code);
    // all three ESCO occupations of 2221 Nursing professionals, then the rest (nurse assistant: 5321)
    expect(groups.slice(0, 3)).toEqual(['2221', '2221', '2221']);
    expect(res.body.occupations[0].source).toBe('esco');
    const es = await api.json('/api/v1/taxonomy/occupations?q=enferm&lang=es&limit=3');
    expect(es.body.occupations.map((o: { isco_code: string }) => o.isco_code)).toEqual(['2221', '2221', '2221']);
  });

  it('answers an empty list for text with no word in it', async () => {
    const res = await api.json('/api/v1/taxonomy/occupations?q=%22*');
    expect(res.status).toBe(200);
    expect(res.body.occupations).toEqual([]);
  });

  it.each([
    ['', 'querystring.q', 'is required'],
    ['q=', 'querystring.q', 'must be at least 1 characters long'],
    [`q=${'a'.repeat(101)}`, 'querystring.q', 'must be at most 100 characters long'],
    [
      'q=nurse&lang=english',
      'querystring.lang',
      '"english" is not well-formed (expected ISO 639-1 code of the label language (ESCO has 27); English where a label is missing)',
    ],
    ['q=nurse&limit=0', 'querystring.limit', '0 must be >= 1'],
    ['q=nurse&limit=51', 'querystring.limit', '51 must be <= 50'],
    ['q=nurse&limit=ten', 'querystring.limit', 'must be integer, not a string "ten"'],
    ['q=nurse&isco=2221', 'querystring.isco', 'is not a known field'],
  ])('refuses ?%s naming %s', async (query, field, reason) => {
    const errors = expectProblem(await api.json(`/api/v1/taxonomy/occupations?${query}`), 400);
    expect(errors).toEqual([{ field, reason }]);
  });
});

describe('GET /api/v1/taxonomy/occupations with the project labels (data/taxonomy/skillway-labels.json)', () => {
  let labelled: TempStore;
  let labelledApi: TestApi;
  beforeAll(async () => {
    // The seed store holds ESCO only; load the project's labels into it the way the indexer does.
    labelled = await createTestStore();
    const skillwayLabels = JSON.parse(
      readFileSync(join(DATA_DIR, 'taxonomy', 'skillway-labels.json'), 'utf8'),
    ) as SkillwayLabels;
    await labelled.db
      .transaction()
      .execute((trx) => replaceTaxonomy(trx, { ...readTaxonomy(), skillwayLabels }, { force: true }));
    labelledApi = await startTestApi(labelled.path);
  });
  afterAll(async () => {
    await labelledApi?.close();
    await labelled?.dispose();
  });

  it.each([
    ['медсестра', 'uk', 'медсестра'],
    ['медсес', 'uk', 'медсестра'],
    ['پرستار', 'fa', 'پرستار'],
  ])('finds %s (%s) first, labelled with the project word and source skillway', async (q, lang, label) => {
    const res = await labelledApi.json(`/api/v1/taxonomy/occupations?q=${encodeURIComponent(q)}&lang=${lang}`);
    expect(res.status).toBe(200);
    expect(isSuggestions.errors(res.body)).toEqual([]);
    expect(res.body.occupations[0]).toEqual({
      uri: NURSE,
      isco_code: '2221',
      esco_code: '2221.2',
      label,
      lang,
      source: 'skillway',
    });
  });

  it('finds the everyday Arabic word ESCO lacks, and shows ESCO label where there is one', async () => {
    const res = await labelledApi.json(`/api/v1/taxonomy/occupations?q=${encodeURIComponent('صيدلي')}&lang=ar`);
    expect(res.body.occupations[0]).toMatchObject({ isco_code: '2262', label: 'صيدلاني / صيدلانية', source: 'esco' });
    const nurse = await labelledApi.json(`/api/v1/taxonomy/occupations?q=${encodeURIComponent('ممرض')}&lang=ar`);
    expect(nurse.body.occupations[0]).toMatchObject({ uri: NURSE, lang: 'ar' });
  });

  it('labels an occupation without a project label in English', async () => {
    const res = await labelledApi.json('/api/v1/taxonomy/occupations?q=astronomer&lang=uk&limit=1');
    expect(res.body.occupations[0]).toMatchObject({ label: 'astronomer', lang: 'en', source: 'esco' });
  });
  it('names ISCO codes and ESCO occupations in the asked language, English where there is none', async () => {
    const path = `/api/v1/taxonomy/occupations/names?ref=2221&ref=${encodeURIComponent(NURSE)}&ref=22&ref=9999`;
    const uk = await labelledApi.json(`${path}&lang=uk`);
    expect(uk.status).toBe(200);
    const byRef = Object.fromEntries(uk.body.names.map((n: { ref: string; label: string }) => [n.ref, n.label]));
    expect(Object.keys(byRef).sort()).toEqual(['2221', '22', NURSE].sort());
    expect(byRef['2221']).toMatch(/[а-яіїє]/i);
    const en = await api.json(`${path}&lang=en`);
    expect(en.body.names.find((n: { ref: string }) => n.ref === '2221').label).toBe('Nursing professionals');
  });

  it('refuses a reference that is neither a code nor a URI, naming it', async () => {
    const errors = expectProblem(await api.json('/api/v1/taxonomy/occupations/names?ref=nurse'), 400);
    expect(errors[0]!.field).toMatch(/ref/);
  });
});
