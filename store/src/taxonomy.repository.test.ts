import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeEachDatabase, type TestStore } from './testing/test-databases';
import {
  getIscoGroups,
  occupationPrefixQuery,
  replaceTaxonomy,
  resolveOccupationUris,
  suggestOccupations,
  type Taxonomy,
} from './taxonomy.repository';

const occ = (n: number) =>
  `http://data.europa.eu/esco/occupation/00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
const skill = (n: number) => `http://data.europa.eu/esco/skill/00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;

const taxonomy: Taxonomy = {
  iscoGroups: [
    { code: '2', level: 1, labels: { en: 'Professionals', hu: 'Szakemberek' } },
    { code: '22', level: 2, labels: { en: 'Health professionals', es: 'Profesionales de la salud' } },
    { code: '222', level: 3, labels: { en: 'Nursing and midwifery professionals' } },
    { code: '2221', level: 4, labels: { en: 'Nursing professionals', hu: 'Ápolási szakemberek' } },
    { code: '5', level: 1, labels: { en: 'Service and sales workers' } },
    { code: '53', level: 2, labels: { en: 'Personal care workers' } },
    { code: '532', level: 3, labels: { en: 'Personal care workers in health services' } },
    { code: '5321', level: 4, labels: { en: 'Health care assistants' } },
    { code: '9', level: 1, labels: { en: 'Elementary occupations' } },
    { code: '96', level: 2, labels: { en: 'Refuse workers and other elementary workers' } },
    { code: '961', level: 3, labels: { en: 'Refuse workers' } },
    { code: '9613', level: 4, labels: { en: 'Sweepers and related labourers' } },
  ],
  occupations: [
    {
      uri: occ(1),
      code: '2221.1',
      isco: '2221',
      labels: { en: 'specialist nurse', hu: 'szakápoló', es: 'enfermero especialista/enfermera especialista' },
      alt_en: ['nurse specialist', 'clinical nurse'],
    },
    {
      uri: occ(2),
      code: '5321.1',
      isco: '5321',
      labels: { en: 'nurse assistant', hu: 'ápolási asszisztens', es: 'auxiliar de enfermería' },
      alt_en: ['nursing aide'],
    },
    {
      uri: occ(3),
      code: '2221.2',
      isco: '2221',
      labels: { en: 'advanced nurse practitioner', hu: 'ápoló' },
    },
    {
      uri: occ(4),
      code: '9613.1',
      isco: '9613',
      labels: { en: 'street sweeper', de: 'Straßenkehrer/Straßenkehrerin' },
    },
    { uri: occ(5), code: '2221.3', isco: '2221', labels: { en: 'nursery nurse' }, alt_en: ['nurse in a nursery'] },
  ],
  skills: [
    { uri: skill(1), type: 'skill/competence', reuse: 'sector-specific', labels: { en: 'administer medication' } },
    { uri: skill(2), type: null, reuse: null, labels: { en: 'sweep streets' } },
  ],
  occupationSkills: { [occ(1)]: [skill(1)], [occ(2)]: [skill(1)], [occ(4)]: [skill(2)] },
};

let store: TestStore;
const countOf = async (table: 'occupation_skill' | 'occupation_label_word') =>
  (
    await store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

describeEachDatabase('taxonomy repository', (database) => {
  beforeEach(async () => {
    store = await database.openEmpty();
    await store.db.transaction().execute((trx) => replaceTaxonomy(trx, taxonomy));
  });
  afterEach(async () => {
    await store.dispose();
  });

  describe('replaceTaxonomy', () => {
    it('writes groups with their parents, labels, occupations, alt labels, skills and links', async () => {
      expect(
        await store.db
          .selectFrom('isco_group')
          .select(['code', 'level', 'parent_code'])
          .where('code', 'like', '222%')
          .orderBy('code')
          .execute(),
      ).toEqual([
        { code: '222', level: 3, parent_code: '22' },
        { code: '2221', level: 4, parent_code: '222' },
      ]);
      expect(await store.db.selectFrom('isco_group').select('parent_code').where('code', '=', '2').execute()).toEqual([
        { parent_code: null },
      ]);
      expect(
        await store.db
          .selectFrom('occupation_label')
          .select(['lang', 'label', 'preferred'])
          .where('uri', '=', occ(2))
          .orderBy('id')
          .execute(),
      ).toEqual([
        { lang: 'en', label: 'nurse assistant', preferred: 1 },
        { lang: 'hu', label: 'ápolási asszisztens', preferred: 1 },
        { lang: 'es', label: 'auxiliar de enfermería', preferred: 1 },
        { lang: 'en', label: 'nursing aide', preferred: 0 },
      ]);
      expect(await store.db.selectFrom('skill').selectAll().where('uri', '=', skill(2)).execute()).toEqual([
        { uri: skill(2), type: null, reuse: null, label: 'sweep streets' },
      ]);
      expect(await countOf('occupation_skill')).toBe(3);
    });

    it('skips identical input, rewrites when forced or changed, and keeps the FTS index in step', async () => {
      const again = await store.db.transaction().execute((trx) => replaceTaxonomy(trx, taxonomy));
      expect(again).toMatchObject({ unchanged: true, occupations: 5, occupationLabels: 15, iscoGroups: 12 });
      const forced = await store.db.transaction().execute((trx) => replaceTaxonomy(trx, taxonomy, { force: true }));
      expect(forced).toMatchObject({
        unchanged: false,
        occupations: 5,
        occupationLabels: 15,
        skills: 2,
        occupationSkills: 3,
      });

      const smaller: Taxonomy = {
        ...taxonomy,
        occupations: taxonomy.occupations.filter((o) => o.uri !== occ(4)),
        occupationSkills: { [occ(1)]: [skill(1)] },
      };
      await store.db.transaction().execute((trx) => replaceTaxonomy(trx, smaller));
      expect(await suggestOccupations(store.db, { q: 'street' })).toEqual([]);
      const sqlite = store.sqlite;
      if (sqlite) {
        expect(
          sqlite
            .prepare(`select count(*) from occupation_label_fts where occupation_label_fts match 'nurse*'`)
            .pluck()
            .get(),
        ).toBe(7);
        // FTS5's own consistency check fails if the external-content index drifted from its table.
        expect(() =>
          sqlite.prepare(`insert into occupation_label_fts(occupation_label_fts) values ('integrity-check')`).run(),
        ).not.toThrow();
      } else {
        // PostgreSQL's word table: the same 7 labels have a word beginning with "nurse", and no word is left
        // of a label that went.
        const nurse = await store.db
          .selectFrom('occupation_label_word')
          .select('label_id')
          .distinct()
          .where('word', 'like', 'nurse%')
          .execute();
        expect(nurse).toHaveLength(7);
        const orphans = await store.db
          .selectFrom('occupation_label_word as w')
          .leftJoin('occupation_label as l', 'l.id', 'w.label_id')
          .select('w.label_id')
          .where('l.id', 'is', null)
          .execute();
        expect(orphans).toEqual([]);
      }
    });

    it('rolls back with the transaction when a link points to an unknown skill', async () => {
      const broken: Taxonomy = { ...taxonomy, occupationSkills: { [occ(1)]: [skill(99)] } };
      await expect(store.db.transaction().execute((trx) => replaceTaxonomy(trx, broken))).rejects.toThrow(
        /FOREIGN KEY|foreign key/,
      );
      expect(await countOf('occupation_skill')).toBe(3);
    });
  });

  describe('suggestOccupations', () => {
    it('matches word prefixes in any language, ignoring case and diacritics', async () => {
      expect((await suggestOccupations(store.db, { q: 'APOLO' })).map((s) => s.uri)).toEqual([occ(3)]);
      expect((await suggestOccupations(store.db, { q: 'enferm' })).map((s) => s.uri).sort()).toEqual([occ(1), occ(2)]);
      expect((await suggestOccupations(store.db, { q: 'straßenk' })).map((s) => s.uri)).toEqual([occ(4)]);
      // Words in any order, each a prefix.
      expect((await suggestOccupations(store.db, { q: 'sweep str' })).map((s) => s.uri)).toEqual([occ(4)]);
      expect((await suggestOccupations(store.db, { q: 'sweep nurse' })).map((s) => s.uri)).toEqual([]);
    });

    it('labels results in the requested language, in English when there is none, with codes', async () => {
      const results = await suggestOccupations(store.db, { q: 'ápoló', lang: 'hu' });
      expect(results[0]).toEqual({
        uri: occ(3),
        isco_code: '2221',
        esco_code: '2221.2',
        label: 'ápoló',
        lang: 'hu',
        source: 'esco',
      });
      const spanish = await suggestOccupations(store.db, { q: 'advanced', lang: 'es' });
      expect(spanish).toEqual([
        {
          uri: occ(3),
          isco_code: '2221',
          esco_code: '2221.2',
          label: 'advanced nurse practitioner',
          lang: 'en',
          source: 'esco',
        },
      ]);
    });

    it('ranks the group the word names first, then label starts and whole words, one row per occupation', async () => {
      const results = await suggestOccupations(store.db, { q: 'nurse', lang: 'en' });
      // "nurse" is in every occupation of 2221 (3 of 3) and in one of 5321 (1 of 1): 3/4 beats 1/2.
      // Within 2221, labels starting with the word "nurse" come first: the alt labels "nurse specialist"
      // (of specialist nurse) and "nurse in a nursery" (of nursery nurse), shorter first; then a label
      // holding the whole word elsewhere.
      expect(results.map((r) => r.label)).toEqual([
        'specialist nurse',
        'nursery nurse',
        'advanced nurse practitioner',
        'nurse assistant',
      ]);
      expect(await suggestOccupations(store.db, { q: 'nurse', limit: 2 })).toHaveLength(2);
    });

    it('never lets input reach FTS5 as syntax', async () => {
      for (const q of [
        '"',
        '*',
        'NEAR(nurse',
        'nurse OR',
        'AND',
        '^',
        '-nurse',
        'col:nurse',
        "nurse's",
        '',
        '   ',
        '()',
      ]) {
        await expect(suggestOccupations(store.db, { q })).resolves.toBeInstanceOf(Array);
      }
      expect((await suggestOccupations(store.db, { q: '"nurse' })).length).toBe(4);
      expect(occupationPrefixQuery('Straße nurse')).toBe('("strasse"* OR "straße"*) AND "nurse"*');
      expect(occupationPrefixQuery('  -- ')).toBeUndefined();
    });
  });

  describe('lookups', () => {
    it('gives ISCO titles in a language with English fallback, skipping unknown codes', async () => {
      const titles = await getIscoGroups(store.db, ['2221', '5321', '9999'], 'hu');
      expect(titles).toEqual(
        new Map([
          ['2221', 'Ápolási szakemberek'],
          ['5321', 'Health care assistants'],
        ]),
      );
    });

    it('resolves ESCO URIs to ISCO unit groups', async () => {
      expect(await resolveOccupationUris(store.db, [occ(1), occ(4), occ(42)])).toEqual(
        new Map([
          [occ(1), '2221'],
          [occ(4), '9613'],
        ]),
      );
    });
  });
});
