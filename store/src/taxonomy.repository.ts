import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { foldText } from '@skillway/core';
import type { DB } from './database';
import { chunked, insertRows } from './batch-insert';

/** The shapes of data/taxonomy/*.json (see data/taxonomy/README.md). */
export interface IscoGroupEntry {
  code: string;
  level: number;
  labels: Record<string, string>;
}
export interface OccupationEntry {
  uri: string;
  /** ESCO occupation code, e.g. 2654.1.7 */
  code: string;
  /** ISCO-08 unit group */
  isco: string;
  labels: Record<string, string>;
  alt_en?: string[];
}
export interface SkillEntry {
  uri: string;
  type: string | null;
  reuse: string | null;
  labels: { en: string } & Record<string, string>;
}
/** occupation URI -> essential skill URIs */
export type OccupationSkillsMap = Record<string, string[]>;

export interface Taxonomy {
  iscoGroups: IscoGroupEntry[];
  occupations: OccupationEntry[];
  skills: SkillEntry[];
  occupationSkills: OccupationSkillsMap;
}

export interface TaxonomyCounts {
  iscoGroups: number;
  iscoGroupLabels: number;
  occupations: number;
  occupationLabels: number;
  skills: number;
  occupationSkills: number;
}

export interface ReplaceTaxonomyResult extends TaxonomyCounts {
  /** true when the stored taxonomy already came from identical input and nothing was written */
  unchanged: boolean;
}

export type TaxonomyProgress = (done: number, total: number) => void;

const TAXONOMY_HASH_KEY = 'taxonomy_hash';

export function taxonomyHash(taxonomy: Taxonomy): string {
  return createHash('sha256').update(JSON.stringify(taxonomy)).digest('hex');
}

export async function countTaxonomy(db: Kysely<DB>): Promise<TaxonomyCounts> {
  const count = async (table: keyof DB) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    iscoGroups: await count('isco_group'),
    iscoGroupLabels: await count('isco_group_label'),
    occupations: await count('occupation'),
    occupationLabels: await count('occupation_label'),
    skills: await count('skill'),
    occupationSkills: await count('occupation_skill'),
  };
}

/**
 * Replaces the whole taxonomy with `taxonomy`. The input's hash is kept in `meta`, so re-indexing
 * unchanged files skips ~100k label rows and their FTS upkeep (pass `force` to rewrite anyway).
 * Expects to run inside the caller's transaction; the foreign keys need every table written together.
 */
export async function replaceTaxonomy(
  db: Kysely<DB>,
  taxonomy: Taxonomy,
  options: { force?: boolean; onProgress?: TaxonomyProgress } = {},
): Promise<ReplaceTaxonomyResult> {
  const hash = taxonomyHash(taxonomy);
  const stored = await db.selectFrom('meta').select('value').where('key', '=', TAXONOMY_HASH_KEY).executeTakeFirst();
  if (stored?.value === hash && !options.force) {
    const counts = await countTaxonomy(db);
    options.onProgress?.(1, 1);
    return { ...counts, unchanged: true };
  }

  const groups = taxonomy.iscoGroups.map((g) => [g.code, g.level, g.code.length > 1 ? g.code.slice(0, -1) : null]);
  const groupLabels = taxonomy.iscoGroups.flatMap((g) =>
    Object.entries(g.labels).map(([lang, label]) => [g.code, lang, label]),
  );
  const occupations = taxonomy.occupations.map((o) => [o.uri, o.code, o.isco]);
  // Explicit ids keep the table (and its FTS index) identical from one run to the next.
  let labelId = 0;
  const occupationLabels = taxonomy.occupations.flatMap((o) => [
    ...Object.entries(o.labels).map(([lang, label]) => [++labelId, o.uri, lang, label, 1]),
    ...(o.alt_en ?? []).map((label) => [++labelId, o.uri, 'en', label, 0]),
  ]);
  const skills = taxonomy.skills.map((s) => [s.uri, s.type, s.reuse, s.labels.en]);
  const links = Object.entries(taxonomy.occupationSkills).flatMap(([occupation, skillUris]) =>
    skillUris.map((skill) => [occupation, skill]),
  );

  const total =
    groups.length + groupLabels.length + occupations.length + occupationLabels.length + skills.length + links.length;
  let done = 0;
  const step = (base: number) => (written: number) => options.onProgress?.(base + written, total);

  // Children before parents: occupation.isco_code has no ON DELETE action.
  for (const table of [
    'occupation_skill',
    'occupation_label',
    'occupation',
    'skill',
    'isco_group_label',
    'isco_group',
  ] as const) {
    await db.deleteFrom(table).execute();
  }
  options.onProgress?.(0, total);
  // Groups come in hierarchical order, so a parent is always inserted before its children.
  await insertRows(db, 'isco_group', ['code', 'level', 'parent_code'], groups, { onChunk: step(done) });
  done += groups.length;
  await insertRows(db, 'isco_group_label', ['code', 'lang', 'label'], groupLabels, { onChunk: step(done) });
  done += groupLabels.length;
  await insertRows(db, 'occupation', ['uri', 'esco_code', 'isco_code'], occupations, { onChunk: step(done) });
  done += occupations.length;
  await insertRows(db, 'occupation_label', ['id', 'uri', 'lang', 'label', 'preferred'], occupationLabels, {
    onChunk: step(done),
  });
  done += occupationLabels.length;
  await insertRows(db, 'skill', ['uri', 'type', 'reuse', 'label'], skills, { onChunk: step(done) });
  done += skills.length;
  await insertRows(db, 'occupation_skill', ['occupation_uri', 'skill_uri'], links, { onChunk: step(done) });

  await db
    .insertInto('meta')
    .values({ key: TAXONOMY_HASH_KEY, value: hash })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: hash }))
    .execute();

  return {
    iscoGroups: groups.length,
    iscoGroupLabels: groupLabels.length,
    occupations: occupations.length,
    occupationLabels: occupationLabels.length,
    skills: skills.length,
    occupationSkills: links.length,
    unchanged: false,
  };
}

export interface OccupationSuggestion {
  uri: string;
  isco_code: string;
  esco_code: string;
  label: string;
  /** the language of `label`: the one asked for, or `en` when the occupation has no label in it */
  lang: string;
}

export const SUGGEST_MAX_LIMIT = 50;
const SUGGEST_MAX_TOKENS = 8;

/** `"term"`, with any double quote doubled, the only escape FTS5 strings know. */
function ftsString(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/**
 * Builds an FTS5 query of word prefixes from free text. Only letters and digits survive, each term is
 * a quoted string, so no input can produce FTS5 syntax. Each word is asked for in its folded form and
 * as typed, because unicode61 strips accents but does not fold ß, ø, ł or æ the way foldText does.
 * Returns undefined when the input has no word at all.
 */
export function occupationPrefixQuery(
  q: string,
  options: { atStart?: boolean; wholeWords?: boolean } = {},
): string | undefined {
  const words = (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, SUGGEST_MAX_TOKENS);
  if (words.length === 0) return undefined;
  const parts = words.map((word, i) => {
    const forms = [...new Set([foldText(word), word])];
    const caret = options.atStart && i === 0 ? '^' : '';
    const star = options.wholeWords ? '' : '*';
    const alternatives = forms.map((f) => `${caret}${ftsString(f)}${star}`);
    return alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(' OR ')})`;
  });
  return parts.join(' AND ');
}

/**
 * Occupation autocomplete: word-prefix and diacritic-insensitive over labels in every language, so a
 * person can type in their own language. Ranked by where the words sit in the label (below), then a
 * preferred (not alternative) label, a label in the requested language, then the shorter label. One row per occupation, labelled in `lang` (English
 * when it has none).
 */
export async function suggestOccupations(
  db: Kysely<DB>,
  params: { q: string; lang?: string; limit?: number },
): Promise<OccupationSuggestion[]> {
  const lang = params.lang ?? 'en';
  const limit = Math.min(Math.max(Math.trunc(params.limit ?? 10), 1), SUGGEST_MAX_LIMIT);
  // Four nested tiers, each an FTS5 query: the label starts with the words as typed ("nurse" in
  // "nurse assistant"), starts with a word they begin ("nursery nurse"), holds them as whole words,
  // or holds words they begin.
  const tiers = [
    occupationPrefixQuery(params.q, { atStart: true, wholeWords: true }),
    occupationPrefixQuery(params.q, { atStart: true }),
    occupationPrefixQuery(params.q, { wholeWords: true }),
    occupationPrefixQuery(params.q),
  ];
  if (tiers.some((t) => t === undefined)) return [];
  const [startWhole, start, whole, anywhere] = tiers as string[];

  const ranked = await sql<{ uri: string }>`
    with hit as (
      select rowid as id, 3 as tier from occupation_label_fts where occupation_label_fts match ${startWhole}
      union all
      select rowid as id, 2 as tier from occupation_label_fts where occupation_label_fts match ${start}
      union all
      select rowid as id, 1 as tier from occupation_label_fts where occupation_label_fts match ${whole}
      union all
      select rowid as id, 0 as tier from occupation_label_fts where occupation_label_fts match ${anywhere}
    ),
    scored as (
      select ol.uri, max(h.tier) as tier, ol.preferred, ol.lang = ${lang} as in_lang, length(ol.label) as len, ol.label
      from hit h join occupation_label ol on ol.id = h.id
      group by h.id
    ),
    best as (
      select uri, tier, preferred, in_lang, len, label,
        row_number() over (partition by uri order by tier desc, preferred desc, in_lang desc, len, label) as rn
      from scored
    )
    select uri from best where rn = 1
    order by tier desc, preferred desc, in_lang desc, len, label, uri
    limit ${limit}
  `.execute(db);
  const uris = ranked.rows.map((r) => r.uri);
  if (uris.length === 0) return [];

  const rows = await db
    .selectFrom('occupation as o')
    .innerJoin('occupation_label as l', 'l.uri', 'o.uri')
    .select(['o.uri', 'o.isco_code', 'o.esco_code', 'l.lang', 'l.label'])
    .where('o.uri', 'in', uris)
    .where('l.preferred', '=', 1)
    .where('l.lang', 'in', [lang, 'en'])
    .execute();
  const byUri = new Map<string, OccupationSuggestion>();
  for (const row of rows) {
    const seen = byUri.get(row.uri);
    if (!seen || (row.lang === lang && seen.lang !== lang)) byUri.set(row.uri, { ...row });
  }
  return uris.flatMap((uri) => byUri.get(uri) ?? []);
}

/** ISCO group code -> its title in `lang`, English when that language has none. Unknown codes are absent. */
export async function getIscoGroups(
  db: Kysely<DB>,
  codes: readonly string[],
  lang = 'en',
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunked([...new Set(codes)])) {
    const rows = await db
      .selectFrom('isco_group_label')
      .select(['code', 'lang', 'label'])
      .where('code', 'in', part)
      .where('lang', 'in', [lang, 'en'])
      .execute();
    for (const row of rows) if (row.lang === lang || !out.has(row.code)) out.set(row.code, row.label);
  }
  return out;
}

/** ESCO occupation URI -> its ISCO-08 unit group. Unknown URIs are absent. */
export async function resolveOccupationUris(db: Kysely<DB>, uris: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunked([...new Set(uris)])) {
    const rows = await db.selectFrom('occupation').select(['uri', 'isco_code']).where('uri', 'in', part).execute();
    for (const row of rows) out.set(row.uri, row.isco_code);
  }
  return out;
}
