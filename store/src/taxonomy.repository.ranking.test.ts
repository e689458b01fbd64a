import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { openStore, type SqliteStore as Store } from './db';
import { replaceTaxonomy, suggestOccupations, getIscoGroups, type Taxonomy } from './taxonomy.repository';

/**
 * The project's own labels (data/taxonomy/skillway-labels.json) beside ESCO's, and the order of
 * autocomplete suggestions, over a small taxonomy shaped like ESCO's nursing, teaching, engineering
 * and medical corners (real labels, fewer occupations), in a real SQLite database.
 */

const occ = (code: string) => `http://data.europa.eu/esco/occupation/test-${code}`;
const group = (code: string, en: string, more: Record<string, string> = {}) => ({
  code,
  level: code.length,
  labels: { en, ...more },
});
const o = (code: string, labels: Record<string, string>, alt_en: string[] = []) => ({
  uri: occ(code),
  code,
  isco: code.split('.')[0]!,
  labels: labels as { en: string } & Record<string, string>,
  alt_en,
});

const esco: Taxonomy = {
  iscoGroups: [
    group('2', 'Professionals'),
    group('21', 'Science and engineering professionals'),
    group('214', 'Engineering professionals (excluding electrotechnology)'),
    group('2144', 'Mechanical engineers'),
    group('22', 'Health professionals'),
    group('221', 'Medical doctors'),
    group('2211', 'Generalist medical practitioners'),
    group('2212', 'Specialist medical practitioners'),
    group('222', 'Nursing and midwifery professionals'),
    group('2221', 'Nursing professionals', { hu: 'Ápolási szakemberek' }),
    group('23', 'Teaching professionals'),
    group('233', 'Secondary education teachers'),
    group('2330', 'Secondary education teachers'),
    group('3', 'Technicians and associate professionals'),
    group('31', 'Science and engineering associate professionals'),
    group('311', 'Physical and engineering science technicians'),
    group('3115', 'Mechanical engineering technicians'),
    group('32', 'Health associate professionals'),
    group('324', 'Veterinary technicians and assistants'),
    group('3240', 'Veterinary technicians and assistants'),
    group('325', 'Other health associate professionals'),
    group('3256', 'Medical assistants'),
    group('5', 'Service and sales workers'),
    group('53', 'Personal care workers'),
    group('531', 'Child care workers and teachers’ aides'),
    group('5312', 'Teachers’ aides'),
    group('532', 'Personal care workers in health services'),
    group('5321', 'Health care assistants'),
    group('5329', 'Personal care workers in health services not elsewhere classified'),
    group('7', 'Craft and related trades workers'),
    group('75', 'Food processing, wood working, garment and other craft and related trades workers'),
    group('754', 'Other craft and related workers'),
    group('7541', 'Underwater divers'),
  ],
  occupations: [
    o('2144.1', { en: 'mechanical engineer' }),
    o('2144.2', { en: 'automotive engineer' }),
    o('2211.1', {
      en: 'general practitioner',
      es: 'médico generalista/médica generalista',
      ar: 'طبيب عام / طبيبة عامة',
    }),
    o('2212.1', { en: 'specialised doctor' }),
    o(
      '2221.1',
      {
        en: 'advanced nurse practitioner',
        es: 'enfermero de práctica avanzada/enfermera de práctica avanzada',
        nl: 'leidinggevend verpleegkundige',
        hu: 'osztályvezető ápoló',
        ar: 'ممارس تمريض متقدم / ممارسة تمريض متقدم',
      },
      ['head of community nursing'],
    ),
    o('2221.2', {
      en: 'nurse responsible for general care',
      es: 'enfermero responsable de cuidados generales/enfermera responsable de cuidados generales',
      nl: 'algemeen verpleegkundige',
      hu: 'betegápoló',
      ar: 'ممرض مسؤول عن الرعاية العامة / ممرضة مسؤولة عن الرعاية العامة',
    }),
    o(
      '2221.3',
      {
        en: 'specialist nurse',
        es: 'enfermero especialista/enfermera especialista',
        nl: 'gespecialiseerd verpleegkundige',
        hu: 'szakápoló',
        ar: 'ممرض متخصص / ممرضة متخصصة',
      },
      ['nurse practitioner'],
    ),
    o('2330.1', { en: 'secondary school teacher' }),
    o('2330.1.1', { en: 'mathematics teacher at secondary school' }, ['teacher of mathematics']),
    o('2330.1.2', { en: 'art teacher secondary school' }, ['teacher of art']),
    o('3115.1', { en: 'mechanical engineering technician' }),
    o('3115.2', { en: 'automotive engineering technician' }),
    o('3115.3', { en: 'tool designer' }),
    o('3240.1', { en: 'veterinary technician' }),
    o('3240.2', { en: 'veterinary nurse', nl: 'dierenverpleegkundige', ar: 'ممرض بيطري / ممرضة بيطرية' }),
    o('3240.3', { en: 'animal care attendant' }),
    o('3256.1', { en: "doctors' surgery assistant" }),
    o('5312.1', { en: 'teaching assistant' }, ['teacher assistant']),
    o('5321.1', { en: 'healthcare assistant', hu: 'ápolási asszisztens' }),
    o('5321.1.1', {
      en: 'nurse assistant',
      es: 'auxiliar de enfermería',
      nl: 'verpleeghulp',
      ar: 'مساعد ممرض / مساعدة ممرض',
    }),
    // ESCO's Spanish label of the phlebotomist really is "enfermero/enfermera".
    o('5329.1', { en: 'phlebotomist', es: 'enfermero/enfermera' }),
    o('5329.2', { en: 'hospital porter' }),
    // Polish is not a language of the site: "nurek" (diver) must not make divers a "nur..." group.
    o('7541.1', { en: 'commercial diver', pl: 'nurek' }),
    o('7541.2', { en: 'scuba diver', pl: 'nurek rekreacyjny' }),
  ],
  skills: [],
  occupationSkills: {},
};

const withProjectLabels: Taxonomy = {
  ...esco,
  skillwayLabels: {
    isco_groups: [
      { code: '2221', labels: { uk: 'Медичні сестри та брати (професіонали)', fa: 'پرستاران', hu: 'Ápolók' } },
      { code: '2330', labels: { uk: 'Вчителі середньої школи' } },
    ],
    occupations: [
      {
        uri: occ('2221.2'),
        labels: {
          uk: ['медсестра', 'медичний брат', 'Медсестра'],
          fa: ['پرستار'],
          // ESCO already says the first (folded: case, spaces around the slash); the others are new.
          ar: ['ممرض مسؤول عن الرعاية العامة/ممرضة مسؤولة عن الرعاية العامة', 'ممرض', 'ممرضة'],
          es: ['enfermera', 'enfermero'],
          hu: ['ápoló', 'ápolónő'],
        },
      },
      { uri: occ('2221.3'), labels: { uk: ['медсестра-спеціаліст'], fa: ['پرستار متخصص'] } },
      { uri: occ('5321.1.1'), labels: { uk: ['помічник медсестри'], fa: ['کمک پرستار'] } },
      { uri: occ('2211.1'), labels: { en: ['doctor', 'GP'], uk: ['лікар', 'лікарка'], ar: ['طبيب'] } },
      { uri: occ('2330.1'), labels: { uk: ['вчитель', 'вчителька'] } },
    ],
  },
};

describe('replaceTaxonomy with the project labels', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore(':memory:');
  });
  afterEach(async () => {
    await store.close();
  });
  const rows = (query: string) => store.sqlite.prepare(query).all();

  it('stores them with source skillway beside ESCO labels, skipping what ESCO already says', async () => {
    const result = await store.db.transaction().execute((trx) => replaceTaxonomy(trx, withProjectLabels));
    // 3 group titles and 20 occupation labels; skipped: the hu title (ESCO has one), "Медсестра" (the
    // same as "медсестра" folded) and ESCO's own Arabic label
    expect(result).toMatchObject({ unchanged: false, skillwayLabels: 23, skillwayLabelsSkipped: 3 });
    expect(rows(`select lang, label, source from isco_group_label where code = '2221' order by lang`)).toEqual([
      { lang: 'en', label: 'Nursing professionals', source: 'esco' },
      { lang: 'fa', label: 'پرستاران', source: 'skillway' },
      { lang: 'hu', label: 'Ápolási szakemberek', source: 'esco' },
      { lang: 'uk', label: 'Медичні сестри та брати (професіонали)', source: 'skillway' },
    ]);
    // The first project label of a language without an ESCO label is the preferred one; in Arabic,
    // where ESCO has a preferred label, the project's words are alternatives.
    expect(
      rows(`select lang, label, preferred, source from occupation_label
            where uri = '${occ('2221.2')}' and lang in ('uk', 'ar') order by id`),
    ).toEqual([
      {
        lang: 'ar',
        label: 'ممرض مسؤول عن الرعاية العامة / ممرضة مسؤولة عن الرعاية العامة',
        preferred: 1,
        source: 'esco',
      },
      { lang: 'uk', label: 'медсестра', preferred: 1, source: 'skillway' },
      { lang: 'uk', label: 'медичний брат', preferred: 0, source: 'skillway' },
      { lang: 'ar', label: 'ممرض', preferred: 0, source: 'skillway' },
      { lang: 'ar', label: 'ممرضة', preferred: 0, source: 'skillway' },
    ]);
    // ESCO's labels keep their ids whatever the project adds.
    const plain = await openStore(':memory:');
    await plain.db.transaction().execute((trx) => replaceTaxonomy(trx, esco));
    const ids = (s: Store) =>
      s.sqlite.prepare(`select id, label from occupation_label where source = 'esco' order by id`).all();
    expect(ids(store)).toEqual(ids(plain));
    await plain.close();
  });

  it('rewrites when only the project labels changed, and the ISCO titles read in uk and fa', async () => {
    await store.db.transaction().execute((trx) => replaceTaxonomy(trx, esco));
    expect(await getIscoGroups(store.db, ['2221'], 'uk')).toEqual(new Map([['2221', 'Nursing professionals']]));
    const again = await store.db.transaction().execute((trx) => replaceTaxonomy(trx, withProjectLabels));
    expect(again.unchanged).toBe(false);
    expect(await getIscoGroups(store.db, ['2221', '2330'], 'uk')).toEqual(
      new Map([
        ['2221', 'Медичні сестри та брати (професіонали)'],
        ['2330', 'Вчителі середньої школи'],
      ]),
    );
    const same = await store.db.transaction().execute((trx) => replaceTaxonomy(trx, withProjectLabels));
    expect(same).toMatchObject({ unchanged: true, skillwayLabels: 23 });
  });
});

describe('suggestOccupations: the general occupation a person most likely means comes first', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(':memory:');
    await store.db.transaction().execute((trx) => replaceTaxonomy(trx, withProjectLabels));
  });
  afterAll(async () => {
    await store.close();
  });
  const codes = async (q: string, lang = 'en') =>
    (await suggestOccupations(store.db, { q, lang })).map((s) => s.esco_code);

  it.each([
    // English: the group the word names (2221: 3 of 3) before nurse assistant (5321) and veterinary nurse (3240)
    ['nurse', 'en', ['2221.2', '2221.3', '2221.1'], ['5321.1.1', '3240.2']],
    // still being typed; Polish "nurek" does not lift the divers
    ['nur', 'en', ['2221.2', '2221.3', '2221.1'], ['5321.1.1', '7541.1']],
    // ESCO's broader 2330.1 before its narrower subject teachers, and before "teacher assistant"
    ['teacher', 'en', ['2330.1', '2330.1.2', '2330.1.1'], ['5312.1']],
    ['engineer', 'en', ['2144.2', '2144.1'], ['3115.1', '3115.2']],
    // a whole occupation name (the project's "doctor") before "doctors' surgery assistant"
    ['doctor', 'en', ['2211.1'], ['3256.1', '2212.1']],
    // Spanish: the project's "enfermera" and ESCO's phlebotomist "enfermero/enfermera" are both whole
    // names; the group the word names decides
    ['enfermera', 'es', ['2221.2'], ['5329.1', '5321.1.1']],
    ['enferm', 'es', ['2221.2', '2221.3', '2221.1'], ['5329.1', '5321.1.1']],
    ['ápoló', 'hu', ['2221.2'], ['2221.1']],
    ['apolo', 'hu', ['2221.2'], ['2221.1']],
    ['verpleegkundige', 'nl', ['2221.2'], ['2221.1', '2221.3']],
    ['медсестра', 'uk', ['2221.2'], ['2221.3', '5321.1.1']],
    ['медсес', 'uk', ['2221.2', '2221.3'], ['5321.1.1']],
    ['پرستار', 'fa', ['2221.2'], ['2221.3', '5321.1.1']],
    ['ممرض', 'ar', ['2221.2'], ['3240.2', '5321.1.1']],
  ])('"%s" (%s)', async (q, lang, first, later) => {
    const found = await codes(q, lang);
    // `first` in any order: within a group, the order depends on label lengths (tested below)
    expect([...found.slice(0, first.length)].sort()).toEqual([...first].sort());
    // each of `later` comes after them, or is not suggested at all
    for (const code of later) expect(found.slice(0, first.length), found.join(' ')).not.toContain(code);
  });

  it('puts the broader occupation and the whole name first within the group', async () => {
    expect((await codes('teacher'))[0]).toBe('2330.1');
    expect((await codes('enfermera', 'es'))[0]).toBe('2221.2');
    // the project's "enfermera" is the shortest label starting with "enferm"
    expect((await codes('enferm', 'es'))[0]).toBe('2221.2');
    expect((await codes('медсес', 'uk'))[0]).toBe('2221.2');
  });

  it('labels a suggestion with the project word in uk and fa, and says where the label comes from', async () => {
    const [uk] = await suggestOccupations(store.db, { q: 'медсестра', lang: 'uk', limit: 1 });
    expect(uk).toEqual({
      uri: occ('2221.2'),
      isco_code: '2221',
      esco_code: '2221.2',
      label: 'медсестра',
      lang: 'uk',
      source: 'skillway',
    });
    const [fa] = await suggestOccupations(store.db, { q: 'پرستار', lang: 'fa', limit: 1 });
    expect(fa).toMatchObject({ label: 'پرستار', lang: 'fa', source: 'skillway' });
    // Arabic keeps ESCO's preferred label for display, found through the project's everyday word.
    const [ar] = await suggestOccupations(store.db, { q: 'ممرضة', lang: 'ar', limit: 1 });
    expect(ar).toMatchObject({ esco_code: '2221.2', lang: 'ar', source: 'esco' });
    // No Ukrainian label: English, from ESCO.
    const [en] = await suggestOccupations(store.db, { q: 'veterinary', lang: 'uk', limit: 1 });
    expect(en).toMatchObject({ label: 'veterinary nurse', lang: 'en', source: 'esco' });
  });
});
