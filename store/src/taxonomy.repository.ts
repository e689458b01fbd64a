import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { foldText, tokenize, UI_LANGUAGES, type OccupationSuggestion } from '@skillway/core';
import type { DB } from './database';
import { chunked, insertRows } from './batch-insert';
import { isPostgres } from './dialect';

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

/**
 * data/taxonomy/skillway-labels.json: the project's OWN labels, not ESCO's, for languages ESCO lacks
 * (uk, fa) and words people use that ESCO does not have (Arabic "صيدلي" beside ESCO's "صيدلاني").
 * Stored beside ESCO's labels with `source = 'skillway'`.
 */
export interface SkillwayLabels {
  /** one title per group and language (the table's key is code + lang) */
  isco_groups: { code: string; labels: Record<string, string> }[];
  /** several words per occupation and language, the most common first */
  occupations: { uri: string; labels: Record<string, string[]> }[];
}

export interface Taxonomy {
  iscoGroups: IscoGroupEntry[];
  occupations: OccupationEntry[];
  skills: SkillEntry[];
  occupationSkills: OccupationSkillsMap;
  /** the project's own labels (optional: the ESCO files alone are a complete taxonomy) */
  skillwayLabels?: SkillwayLabels;
}

export interface TaxonomyCounts {
  iscoGroups: number;
  iscoGroupLabels: number;
  occupations: number;
  occupationLabels: number;
  skills: number;
  occupationSkills: number;
  /** labels (of ISCO groups and occupations) with source = 'skillway', included in the counts above */
  skillwayLabels: number;
}

export interface ReplaceTaxonomyResult extends TaxonomyCounts {
  /** true when the stored taxonomy already came from identical input and nothing was written */
  unchanged: boolean;
  /**
   * project labels not written because ESCO already says the same (same occupation, language and
   * folded wording) or already has a title for that group in that language; 0 when unchanged
   */
  skillwayLabelsSkipped: number;
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
    skillwayLabels: await countSkillwayLabels(db),
  };
}

async function countSkillwayLabels(db: Kysely<DB>): Promise<number> {
  let total = 0;
  for (const table of ['occupation_label', 'isco_group_label'] as const) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('source', '=', 'skillway')
      .executeTakeFirstOrThrow();
    total += Number(row.n);
  }
  return total;
}

/** How two labels are compared for duplicates: folded, one space between words, none around a slash. */
export function labelKey(label: string): string {
  return foldText(label)
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/ ?\/ ?/g, '/');
}

/**
 * The rows of the project's labels that add something to ESCO's: a group title in a language ESCO has
 * none in, an occupation label whose folded wording ESCO (or an earlier project label) does not already
 * have in that language. The first project label of a language the occupation has no ESCO preferred
 * label in becomes its preferred label (what lists show); the rest are alternatives.
 */
function skillwayRows(
  taxonomy: Taxonomy,
  firstId: number,
): { groupLabels: unknown[][]; occupationLabels: unknown[][]; skipped: number } {
  const extra = taxonomy.skillwayLabels;
  if (!extra) return { groupLabels: [], occupationLabels: [], skipped: 0 };
  let skipped = 0;
  const escoGroupLangs = new Set(
    taxonomy.iscoGroups.flatMap((g) => Object.keys(g.labels).map((lang) => `${g.code}\t${lang}`)),
  );
  const groupLabels: unknown[][] = [];
  for (const group of extra.isco_groups) {
    for (const [lang, label] of Object.entries(group.labels)) {
      const key = `${group.code}\t${lang}`;
      if (escoGroupLangs.has(key)) skipped++;
      else {
        escoGroupLangs.add(key);
        groupLabels.push([group.code, lang, label.trim(), 'skillway']);
      }
    }
  }

  // uri \t lang -> folded labels already there; and which uri \t lang have a preferred label
  const seen = new Map<string, Set<string>>();
  const hasPreferred = new Set<string>();
  const seenOf = (key: string) => seen.get(key) ?? seen.set(key, new Set()).get(key)!;
  for (const o of taxonomy.occupations) {
    for (const [lang, label] of Object.entries(o.labels)) {
      seenOf(`${o.uri}\t${lang}`).add(labelKey(label));
      hasPreferred.add(`${o.uri}\t${lang}`);
    }
    for (const label of o.alt_en ?? []) seenOf(`${o.uri}\ten`).add(labelKey(label));
  }
  const occupationLabels: unknown[][] = [];
  let id = firstId;
  for (const o of extra.occupations) {
    for (const [lang, labels] of Object.entries(o.labels)) {
      const key = `${o.uri}\t${lang}`;
      const known = seenOf(key);
      for (const raw of labels) {
        const label = raw.trim().replace(/\s+/g, ' ');
        if (known.has(labelKey(label))) {
          skipped++;
          continue;
        }
        known.add(labelKey(label));
        const preferred = hasPreferred.has(key) ? 0 : 1;
        hasPreferred.add(key);
        occupationLabels.push([++id, o.uri, lang, label, preferred, 'skillway']);
      }
    }
  }
  return { groupLabels, occupationLabels, skipped };
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
    return { ...counts, unchanged: true, skillwayLabelsSkipped: 0 };
  }

  const groups = taxonomy.iscoGroups.map((g) => [g.code, g.level, g.code.length > 1 ? g.code.slice(0, -1) : null]);
  const groupLabels: unknown[][] = taxonomy.iscoGroups.flatMap((g) =>
    Object.entries(g.labels).map(([lang, label]) => [g.code, lang, label, 'esco']),
  );
  const occupations = taxonomy.occupations.map((o) => [o.uri, o.code, o.isco]);
  // Explicit ids keep the table (and its FTS index) identical from one run to the next.
  let labelId = 0;
  const occupationLabels: unknown[][] = taxonomy.occupations.flatMap((o) => [
    ...Object.entries(o.labels).map(([lang, label]) => [++labelId, o.uri, lang, label, 1, 'esco']),
    ...(o.alt_en ?? []).map((label) => [++labelId, o.uri, 'en', label, 0, 'esco']),
  ]);
  // The project's own labels come after ESCO's, so ESCO's keep their ids whatever the project adds.
  const skillway = skillwayRows(taxonomy, labelId);
  groupLabels.push(...skillway.groupLabels);
  occupationLabels.push(...skillway.occupationLabels);
  const skills = taxonomy.skills.map((s) => [s.uri, s.type, s.reuse, s.labels.en]);
  const links = Object.entries(taxonomy.occupationSkills).flatMap(([occupation, skillUris]) =>
    skillUris.map((skill) => [occupation, skill]),
  );

  const total =
    groups.length + groupLabels.length + occupations.length + occupationLabels.length + skills.length + links.length;
  let done = 0;
  const step = (base: number) => (written: number) => options.onProgress?.(base + written, total);

  // Children before parents: occupation.isco_code has no ON DELETE action.
  const postgres = isPostgres(db);
  if (postgres) await db.deleteFrom('occupation_label_word').execute();
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
  await insertRows(db, 'isco_group_label', ['code', 'lang', 'label', 'source'], groupLabels, {
    onChunk: step(done),
  });
  done += groupLabels.length;
  await insertRows(db, 'occupation', ['uri', 'esco_code', 'isco_code'], occupations, { onChunk: step(done) });
  done += occupations.length;
  await insertRows(db, 'occupation_label', ['id', 'uri', 'lang', 'label', 'preferred', 'source'], occupationLabels, {
    onChunk: step(done),
  });
  done += occupationLabels.length;
  if (postgres) {
    // PostgreSQL's counterpart of the FTS5 index that SQLite's triggers keep (migration 0001).
    const words = occupationLabels.flatMap(([id, , , label]) =>
      tokenize(label as string).map((word, position) => [id, position, word]),
    );
    await insertRows(db, 'occupation_label_word', ['label_id', 'position', 'word'], words);
  }
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
    skillwayLabels: skillway.groupLabels.length + skillway.occupationLabels.length,
    unchanged: false,
    skillwayLabelsSkipped: skillway.skipped,
  };
}

/** An occupation as GET /taxonomy/occupations answers it (core's OccupationSuggestionSchema). */
export type { OccupationSuggestion };

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

/** The words of a label or query as compared for an exact match: folded, letters and digits only. */
const wordsOf = (text: string) => (foldText(text).match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');

/** A label hit: one label of an occupation that matched the query, and how well. */
interface LabelHit {
  uri: string;
  isco_code: string;
  esco_code: string;
  lang: string;
  tier: number;
  preferred: number;
  in_lang: number;
  len: number;
  label: string;
}

/** Languages whose labels say what people mean: the ones they read the site in (and type). */
const PEOPLES_LANGUAGES: ReadonlySet<string> = new Set(UI_LANGUAGES);

/**
 * Occupation autocomplete: word-prefix and diacritic-insensitive over labels in every language (ESCO's
 * and the project's own), so a person can type in their own language. One row per occupation, labelled
 * in `lang` (English when it has none).
 *
 * The order answers "which occupation does a person most likely mean by these words?", on these keys
 * in turn:
 *
 * 1. A label (or one of its gendered forms: "cocinero/cocinera", "طاهي / طاهية") that IS the query:
 *    the person typed a whole occupation name ("nurse", "медсестра", "صيدلي").
 * 2. How much of the occupation's ISCO unit group the words describe: the share of the group's
 *    occupations with a matching label in a language of the site, as matching / (group size + 1). A
 *    word that names a whole group ("nurse": all 3 occupations of 2221 Nursing professionals) is the
 *    general word for that group; where it touches one occupation among others (5321 "nurse
 *    assistant", 3240 "veterinary nurse") it is a modifier there. The +1 keeps a one-occupation group
 *    from beating a group where several occupations say the same (2222 has one "nurse midwife": 1/2 <
 *    3/4). Labels in the other ESCO languages still find occupations but do not count here, or the
 *    Polish "nurek" (diver) would make divers a "nur..." group. This key works in every language at
 *    once and while the word is still being typed ("nur", "enferm"), without a list of favourites.
 * 3. The broader occupation in ESCO's own hierarchy: fewer parts in its ESCO code (2330.1 "secondary
 *    school teacher" before its narrower 2330.1.11 "mathematics teacher at secondary school").
 * 4. How the words sit in the best label: it starts with them as typed ("nurse assistant"), starts with
 *    a word they begin ("nursery nurse"), holds them as whole words, holds words they begin.
 * 5. The shorter best label (the query is more of it: "enfermera" before "enfermera especialista");
 *    a preferred label before an alternative one; a label in the asked language; then code-point
 *    order, so equal input gives equal output.
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
  const query = (foldText(params.q).match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, SUGGEST_MAX_TOKENS).join(' ');

  // One row per occupation (its best label), plus the short whole-word hits that may be the whole
  // label; aggregating in SQL keeps a one-letter query from carrying 20,000 label rows into JS.
  const maxExactLength = 3 * query.length + 10;
  const postgres = isPostgres(db);
  const hits = await sql<LabelHit & { counted: number; is_best: number }>`
    with ${
      postgres
        ? postgresLabelHits(query.split(' '))
        : sql`hit as (
      select rowid as id, 3 as tier from occupation_label_fts where occupation_label_fts match ${startWhole}
      union all
      select rowid as id, 2 as tier from occupation_label_fts where occupation_label_fts match ${start}
      union all
      select rowid as id, 1 as tier from occupation_label_fts where occupation_label_fts match ${whole}
      union all
      select rowid as id, 0 as tier from occupation_label_fts where occupation_label_fts match ${anywhere}
    )`
    },
    scored as (
      select ol.uri, ol.lang, max(h.tier) as tier, ol.preferred,
        ${postgres ? sql`(ol.lang = ${lang})::int` : sql`ol.lang = ${lang}`} as in_lang,
        length(ol.label) as len, ol.label
      from hit h join occupation_label ol on ol.id = h.id
      group by ${postgres ? sql`ol.id` : sql`h.id`}
    ),
    ranked as (
      select *,
        row_number() over (partition by uri order by tier desc, len, preferred desc, in_lang desc, label) as rn,
        ${
          postgres
            ? sql`(bool_or(lang in (${sql.join([...PEOPLES_LANGUAGES])})) over (partition by uri))::int`
            : sql`max(lang in (${sql.join([...PEOPLES_LANGUAGES])})) over (partition by uri)`
        } as counted
      from scored
    )
    select r.uri, o.isco_code, o.esco_code, r.lang, r.tier, r.preferred, r.in_lang, r.len, r.label, r.counted,
      r.rn = 1 as is_best
    from ranked r join occupation o on o.uri = r.uri
    where r.rn = 1 or (r.tier in (1, 3) and r.len <= ${maxExactLength})
  `.execute(db);
  if (hits.rows.length === 0) return [];

  // The best label of each occupation, whether one of its labels is the query, and whether a label in
  // a language of the site matched it.
  const best = new Map<string, LabelHit>();
  const exact = new Set<string>();
  const counted = new Set<string>();
  for (const hit of hits.rows) {
    if (hit.is_best) best.set(hit.uri, hit);
    if (hit.counted) counted.add(hit.uri);
    // Only a whole-word hit can be the whole label; a label's gendered forms are split on "/".
    if ((hit.tier === 3 || hit.tier === 1) && hit.label.split('/').some((form) => wordsOf(form) === query)) {
      exact.add(hit.uri);
    }
  }
  const better = (a: LabelHit, b: LabelHit) =>
    b.tier - a.tier || a.len - b.len || b.preferred - a.preferred || b.in_lang - a.in_lang || compare(a.label, b.label);

  const matchingInGroup = new Map<string, number>();
  for (const hit of best.values())
    if (counted.has(hit.uri)) matchingInGroup.set(hit.isco_code, (matchingInGroup.get(hit.isco_code) ?? 0) + 1);
  const groupSize = new Map<string, number>();
  for (const part of chunked([...matchingInGroup.keys()])) {
    const rows = await db
      .selectFrom('occupation')
      .select((eb) => ['isco_code', eb.fn.countAll<number>().as('n')])
      .where('isco_code', 'in', part)
      .groupBy('isco_code')
      .execute();
    for (const row of rows) groupSize.set(row.isco_code, Number(row.n));
  }
  const ranked = [...best.values()].map((hit) => ({
    hit,
    exact: exact.has(hit.uri) ? 1 : 0,
    share: (matchingInGroup.get(hit.isco_code) ?? 0) / ((groupSize.get(hit.isco_code) ?? 0) + 1),
    depth: hit.esco_code.split('.').length,
  }));
  ranked.sort(
    (a, b) =>
      b.exact - a.exact ||
      b.share - a.share ||
      a.depth - b.depth ||
      better(a.hit, b.hit) ||
      compare(a.hit.uri, b.hit.uri),
  );
  const uris = ranked.slice(0, limit).map(({ hit }) => hit.uri);

  const rows = await db
    .selectFrom('occupation as o')
    .innerJoin('occupation_label as l', 'l.uri', 'o.uri')
    .select(['o.uri', 'o.isco_code', 'o.esco_code', 'l.lang', 'l.label', 'l.source'])
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

/**
 * PostgreSQL's `hit` (label id, tier) for suggestOccupations, with the FTS5 tiers' meaning over
 * occupation_label_word: each folded query word begins (or is) a word of the label; the first one
 * at the label's start for tiers 3 and 2; whole words for tiers 3 and 1. A label is one row per tier
 * it reaches, as the FTS5 union gives.
 */
function postgresLabelHits(words: readonly string[]) {
  // Each word is letters and digits only (tokenize), so it has no LIKE wildcard to escape.
  const perWord = words.map(
    (word, i) => sql`${sql.id(`w${i}`)} as (
      select label_id, bool_or(word = ${word}) as whole, bool_or(position = 0) as at_start,
        bool_or(position = 0 and word = ${word}) as at_start_whole
      from occupation_label_word where word like ${`${word}%`} group by label_id
    )`,
  );
  const [first, ...rest] = words.map((_, i) => sql.id(`w${i}`));
  const joined = sql.join([first!, ...rest.map((w) => sql`join ${w} using (label_id)`)], sql` `);
  const all = (column: string) =>
    sql.join(
      words.map((_, i) => sql.ref(`w${i}.${column}`)),
      sql` and `,
    );
  const others = (column: string) =>
    rest.length
      ? sql.join(
          words.slice(1).map((_, i) => sql.ref(`w${i + 1}.${column}`)),
          sql` and `,
        )
      : sql`true`;
  return sql`${sql.join(perWord)},
    matched as (select label_id, ${all('whole')} as whole, w0.at_start, w0.at_start_whole and ${others('whole')} as start_whole
      from ${joined}),
    hit as (
      select label_id as id, 3 as tier from matched where start_whole
      union all select label_id, 2 from matched where at_start
      union all select label_id, 1 from matched where whole
      union all select label_id, 0 from matched
    )`;
}

/** Code-point order, the same in every locale. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

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

/**
 * Names of occupation references (ISCO-08 codes or ESCO URIs) in `lang`, English where the taxonomy
 * has none in it; unknown references are left out. For pages that show a listing's occupations or an
 * occupation filter: people read names, not codes.
 */
export async function occupationNames(
  db: Kysely<DB>,
  refs: readonly string[],
  lang: string,
): Promise<Map<string, string>> {
  const codes = refs.filter((r) => /^[0-9]{1,4}$/.test(r));
  const uris = refs.filter((r) => !/^[0-9]{1,4}$/.test(r));
  const langs = [...new Set([lang, 'en'])];
  const names = new Map<string, string>();
  const rank = (l: string) => (l === lang ? 0 : 1);
  if (codes.length > 0) {
    const rows = await db
      .selectFrom('isco_group_label')
      .select(['code', 'lang', 'label'])
      .where('code', 'in', codes)
      .where('lang', 'in', langs)
      .execute();
    rows.sort((a, b) => rank(b.lang) - rank(a.lang));
    for (const row of rows) names.set(row.code, row.label);
  }
  if (uris.length > 0) {
    const rows = await db
      .selectFrom('occupation_label')
      .select(['uri', 'lang', 'label'])
      .where('uri', 'in', uris)
      .where('lang', 'in', langs)
      .where('preferred', '=', 1)
      .execute();
    rows.sort((a, b) => rank(b.lang) - rank(a.lang));
    for (const row of rows) names.set(row.uri, row.label);
  }
  return names;
}
