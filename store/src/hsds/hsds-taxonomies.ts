import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import {
  AUDIENCES,
  CATEGORIES,
  DELIVERY_MODES,
  ESCO_OCCUPATION_URI_PATTERN,
  ESCO_SKILL_URI_PATTERN,
  ISCO_CODE_PATTERN,
  KINDS,
  PROTECTION_STATUSES,
  VOCABULARY_LABELS,
  type ProtectionStatus,
} from '@skillway/core';
import type { DB } from '../database';
import { chunked } from '../batch-insert';
import { hsdsId } from './hsds-ids';
import type { HsdsTaxonomy, HsdsTaxonomyTerm } from './hsds.types';

/** ESCO's licence asks for this sentence wherever its data are shown. */
export const ESCO_ATTRIBUTION = 'This service uses the ESCO classification of the European Commission.';

export const TAXONOMY_KEYS = [
  'skillway-categories',
  'skillway-audiences',
  'skillway-protection-statuses',
  'skillway-delivery',
  'skillway-kinds',
  'isco-08',
  'esco-occupations',
  'esco-skills',
] as const;
export type TaxonomyKey = (typeof TAXONOMY_KEYS)[number];

const ESCO_TERMS =
  `${ESCO_ATTRIBUTION} ESCO (European Skills, Competences, Qualifications and Occupations) © European Union, ` +
  'CC BY 4.0; Skillway uses a subset of v1.1.1 with labels from several releases (modified: reduced and reshaped).';

const TAXONOMIES: Record<TaxonomyKey, Omit<HsdsTaxonomy, 'id'>> = {
  'skillway-categories': {
    name: 'Skillway categories',
    description: 'What a service does for a refugee on the way to work: skills assessment, recognition, language, …',
  },
  'skillway-audiences': { name: 'Skillway audiences', description: 'Whom a service is for.' },
  'skillway-protection-statuses': {
    name: 'Skillway protection statuses',
    description: 'The legal statuses a service is open to (its eligibility), named as in EU asylum law.',
  },
  'skillway-delivery': { name: 'Skillway delivery modes', description: 'In person or online.' },
  'skillway-kinds': {
    name: 'Skillway listing kinds',
    description: 'Whether a Skillway listing describes an organisation, a service or an initiative (a project).',
  },
  'isco-08': {
    name: 'ISCO-08',
    description: `International Standard Classification of Occupations (ISCO-08 © International Labour Organization), as shipped in ESCO. ${ESCO_TERMS}`,
    uri: 'http://data.europa.eu/esco/concept-scheme/isco',
    version: 'ISCO-08',
  },
  'esco-occupations': {
    name: 'ESCO occupations',
    description: ESCO_TERMS,
    uri: 'http://data.europa.eu/esco/concept-scheme/occupations',
    version: 'v1.1.1',
  },
  'esco-skills': {
    name: 'ESCO skills',
    description: ESCO_TERMS,
    uri: 'http://data.europa.eu/esco/concept-scheme/skills',
    version: 'v1.1.1',
  },
};

export function taxonomyId(key: TaxonomyKey): string {
  return hsdsId('taxonomy', key);
}

export function hsdsTaxonomies(): HsdsTaxonomy[] {
  return TAXONOMY_KEYS.map((key) => ({ id: taxonomyId(key), ...TAXONOMIES[key] }));
}

export const PROTECTION_STATUS_NAMES: Record<ProtectionStatus, string> = {
  refugee: 'Recognised refugees',
  'subsidiary-protection': 'Beneficiaries of subsidiary protection',
  'temporary-protection': 'Beneficiaries of temporary protection',
  'asylum-seeker': 'Applicants for international protection (asylum seekers)',
};

const en = VOCABULARY_LABELS.en;
/** The small vocabularies of core: code -> English name and a one-line description. */
const SMALL: Partial<Record<TaxonomyKey, { codes: readonly string[]; name: (code: string) => string }>> = {
  'skillway-categories': { codes: CATEGORIES, name: (c) => en.categories[c as keyof typeof en.categories] },
  'skillway-audiences': { codes: AUDIENCES, name: (c) => en.audiences[c as keyof typeof en.audiences] },
  'skillway-protection-statuses': {
    codes: PROTECTION_STATUSES,
    name: (c) => PROTECTION_STATUS_NAMES[c as ProtectionStatus],
  },
  'skillway-delivery': { codes: DELIVERY_MODES, name: (c) => en.delivery[c as keyof typeof en.delivery] },
  'skillway-kinds': { codes: KINDS, name: (c) => en.kinds[c as keyof typeof en.kinds] },
};

/**
 * A term's identity: its taxonomy and the code Skillway stores (a category slug, an ISCO code, an ESCO
 * URI). The HSDS id is derived from it, so listings can name their terms without reading the taxonomy.
 */
export interface TermRef {
  taxonomy: TaxonomyKey;
  code: string;
}

export function termId(ref: TermRef): string {
  return hsdsId('taxonomy_term', ref.taxonomy, ref.code);
}

const isIsco = (v: string) => new RegExp(ISCO_CODE_PATTERN).test(v);
const isEscoOccupation = (v: string) => new RegExp(ESCO_OCCUPATION_URI_PATTERN).test(v);
const isEscoSkill = (v: string) => new RegExp(ESCO_SKILL_URI_PATTERN).test(v);

/** The term a stored listing value stands for; free skill tags stand for none. */
export function termOfValue(field: string, value: string): TermRef | undefined {
  switch (field) {
    case 'categories':
      return { taxonomy: 'skillway-categories', code: value };
    case 'audiences':
      return { taxonomy: 'skillway-audiences', code: value };
    case 'delivery':
      return { taxonomy: 'skillway-delivery', code: value };
    case 'kind':
      return { taxonomy: 'skillway-kinds', code: value };
    case 'eligibility':
      return { taxonomy: 'skillway-protection-statuses', code: value };
    case 'occupations':
      return isIsco(value)
        ? { taxonomy: 'isco-08', code: value }
        : isEscoOccupation(value)
          ? { taxonomy: 'esco-occupations', code: value }
          : undefined;
    case 'skills':
      return isEscoSkill(value) ? { taxonomy: 'esco-skills', code: value } : undefined;
    default:
      return undefined;
  }
}

const ISCO_LEVELS = ['', 'major group', 'sub-major group', 'minor group', 'unit group'];

/** The codes of one of Skillway's own (small) taxonomies; none for ISCO and ESCO. */
export function smallTermCodes(key: TaxonomyKey): readonly string[] {
  return SMALL[key]?.codes ?? [];
}

function smallTerm(key: TaxonomyKey, code: string): HsdsTaxonomyTerm | undefined {
  const small = SMALL[key];
  if (!small?.codes.includes(code)) return undefined;
  const name = small.name(code);
  return {
    id: termId({ taxonomy: key, code }),
    code,
    name,
    description: `${TAXONOMIES[key].name}: ${name}.`,
    taxonomy: TAXONOMIES[key].name,
    taxonomy_id: taxonomyId(key),
    language: 'en',
  };
}

interface IscoRow {
  code: string;
  level: number;
  parent_code: string | null;
  label: string | null;
}
function iscoTerm(row: IscoRow): HsdsTaxonomyTerm {
  const key: TaxonomyKey = 'isco-08';
  return {
    id: termId({ taxonomy: key, code: row.code }),
    code: row.code,
    name: row.label ?? `ISCO-08 ${row.code}`,
    description: `ISCO-08 ${ISCO_LEVELS[row.level] ?? 'group'} ${row.code}.`,
    ...(row.parent_code && { parent_id: termId({ taxonomy: key, code: row.parent_code }) }),
    taxonomy: TAXONOMIES[key].name,
    taxonomy_id: taxonomyId(key),
    language: 'en',
    term_uri: `http://data.europa.eu/esco/isco/C${row.code}`,
  };
}

interface OccupationRow {
  uri: string;
  esco_code: string;
  isco_code: string;
  label: string | null;
}
function occupationTerm(row: OccupationRow): HsdsTaxonomyTerm {
  const key: TaxonomyKey = 'esco-occupations';
  return {
    id: termId({ taxonomy: key, code: row.uri }),
    code: row.esco_code,
    name: row.label ?? row.esco_code,
    description: `ESCO occupation ${row.esco_code}, in ISCO-08 unit group ${row.isco_code}.`,
    taxonomy: TAXONOMIES[key].name,
    taxonomy_id: taxonomyId(key),
    language: 'en',
    term_uri: row.uri,
  };
}

interface SkillRow {
  uri: string;
  type: string | null;
  reuse: string | null;
  label: string;
}
function skillTerm(row: SkillRow): HsdsTaxonomyTerm {
  const key: TaxonomyKey = 'esco-skills';
  const what = [row.type ? `ESCO ${row.type}` : 'ESCO skill concept', row.reuse].filter(Boolean).join(', ');
  return {
    id: termId({ taxonomy: key, code: row.uri }),
    // ESCO skills have no code of their own: the last part of the URI is what identifies them.
    code: row.uri.slice(row.uri.lastIndexOf('/') + 1),
    name: row.label,
    description: `${what}.`,
    taxonomy: TAXONOMIES[key].name,
    taxonomy_id: taxonomyId(key),
    language: 'en',
    term_uri: row.uri,
  };
}

/** The HSDS terms of these refs, by term id; refs the taxonomy does not hold are left out. */
export async function termsOf(db: Kysely<DB>, refs: readonly TermRef[]): Promise<Map<string, HsdsTaxonomyTerm>> {
  const out = new Map<string, HsdsTaxonomyTerm>();
  const codes = (key: TaxonomyKey) => [...new Set(refs.filter((r) => r.taxonomy === key).map((r) => r.code))];
  for (const ref of refs) {
    const term = smallTerm(ref.taxonomy, ref.code);
    if (term) out.set(term.id, term);
  }
  for (const part of chunked(codes('isco-08'))) {
    for (const row of await iscoQuery(db).where('g.code', 'in', part).execute())
      out.set(termId({ taxonomy: 'isco-08', code: row.code }), iscoTerm(row));
  }
  for (const part of chunked(codes('esco-occupations'))) {
    for (const row of await occupationQuery(db).where('o.uri', 'in', part).execute())
      out.set(termId({ taxonomy: 'esco-occupations', code: row.uri }), occupationTerm(row));
  }
  for (const part of chunked(codes('esco-skills'))) {
    for (const row of await skillQuery(db).where('uri', 'in', part).execute())
      out.set(termId({ taxonomy: 'esco-skills', code: row.uri }), skillTerm(row));
  }
  return out;
}

const iscoQuery = (db: Kysely<DB>) =>
  db
    .selectFrom('isco_group as g')
    .leftJoin('isco_group_label as l', (j) => j.onRef('l.code', '=', 'g.code').on('l.lang', '=', 'en'))
    .select(['g.code', 'g.level', 'g.parent_code', 'l.label']);
const occupationQuery = (db: Kysely<DB>) =>
  db
    .selectFrom('occupation as o')
    .leftJoin('occupation_label as l', (j) =>
      j.onRef('l.uri', '=', 'o.uri').on('l.lang', '=', 'en').on('l.preferred', '=', 1),
    )
    .select(['o.uri', 'o.esco_code', 'o.isco_code', 'l.label']);
const skillQuery = (db: Kysely<DB>) => db.selectFrom('skill').select(['uri', 'type', 'reuse', 'label']);

export interface TermFilter {
  taxonomy?: TaxonomyKey;
  /** an ISCO-08 group code: its direct subgroups */
  parentCode?: string;
  /** words in the English name */
  search?: string;
  /** only terms without a parent */
  topOnly?: boolean;
}

/** `%` and `_` of a user's words match themselves. */
const likePattern = (words: string) => `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

interface TermSource {
  key: TaxonomyKey;
  count(filter: TermFilter): Promise<number>;
  list(filter: TermFilter, offset: number, limit: number): Promise<HsdsTaxonomyTerm[]>;
}

function smallSource(key: TaxonomyKey): TermSource {
  const all = (filter: TermFilter) =>
    filter.parentCode !== undefined
      ? []
      : SMALL[key]!.codes.map((c) => smallTerm(key, c)!).filter(
          (t) => !filter.search || t.name.toLowerCase().includes(filter.search.toLowerCase()),
        );
  return {
    key,
    count: async (filter) => all(filter).length,
    list: async (filter, offset, limit) => all(filter).slice(offset, offset + limit),
  };
}

/** A source of terms read from the taxonomy tables: its filtered query, its order and its rows as terms. */
function sqlSource<R>(
  key: TaxonomyKey,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each source's query has its own row type
  query: (filter: TermFilter) => SelectQueryBuilder<any, any, R> | undefined,
  order: string[],
  toTerm: (row: R) => HsdsTaxonomyTerm,
): TermSource {
  return {
    key,
    count: async (filter) => {
      const q = query(filter);
      if (!q) return 0;
      const row = (await q
        .clearSelect()
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirst()) as { n: number };
      return Number(row.n);
    },
    list: async (filter, offset, limit) => {
      let q = query(filter);
      if (!q) return [];
      for (const column of order) q = q.orderBy(column);
      return (await q.limit(limit).offset(offset).execute()).map(toTerm);
    },
  };
}

const labelLike = (column: string, words: string) =>
  sql<boolean>`${sql.ref(column)} like ${likePattern(words)} escape '\\'`;

/** Every term source in the order /taxonomy_terms pages through them. */
function termSources(db: Kysely<DB>): TermSource[] {
  const small = [
    'skillway-categories',
    'skillway-audiences',
    'skillway-protection-statuses',
    'skillway-delivery',
    'skillway-kinds',
  ] as const;
  return [
    ...small.map(smallSource),
    sqlSource<IscoRow>(
      'isco-08',
      (f) =>
        iscoQuery(db)
          .$if(f.parentCode !== undefined, (q) => q.where('g.parent_code', '=', f.parentCode!))
          .$if(!!f.topOnly, (q) => q.where('g.parent_code', 'is', null))
          .$if(!!f.search, (q) => q.where(labelLike('l.label', f.search!))),
      ['g.code'],
      iscoTerm,
    ),
    sqlSource<OccupationRow>(
      'esco-occupations',
      (f) =>
        f.parentCode !== undefined
          ? undefined
          : occupationQuery(db).$if(!!f.search, (q) => q.where(labelLike('l.label', f.search!))),
      ['o.esco_code', 'o.uri'],
      occupationTerm,
    ),
    sqlSource<SkillRow>(
      'esco-skills',
      (f) =>
        f.parentCode !== undefined
          ? undefined
          : skillQuery(db).$if(!!f.search, (q) => q.where(labelLike('label', f.search!))),
      ['uri'],
      skillTerm,
    ),
  ];
}

/** One page of taxonomy terms across the taxonomies (in TAXONOMY_KEYS order), and how many match in all. */
export async function pageTerms(
  db: Kysely<DB>,
  filter: TermFilter,
  offset: number,
  limit: number,
): Promise<{ total: number; terms: HsdsTaxonomyTerm[] }> {
  const sources = termSources(db).filter((s) => !filter.taxonomy || s.key === filter.taxonomy);
  let total = 0;
  const terms: HsdsTaxonomyTerm[] = [];
  for (const source of sources) {
    const n = await source.count(filter);
    const start = Math.max(0, offset - total);
    const wanted = limit - terms.length;
    if (wanted > 0 && start < n) terms.push(...(await source.list(filter, start, wanted)));
    total += n;
  }
  return { total, terms };
}

/** The taxonomy an HSDS taxonomy id stands for. */
export function taxonomyKeyOf(id: string): TaxonomyKey | undefined {
  return TAXONOMY_KEYS.find((key) => taxonomyId(key) === id);
}
