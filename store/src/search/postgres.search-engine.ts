import { sql, type Kysely, type RawBuilder } from 'kysely';
import {
  ESCO_OCCUPATION_URI_PATTERN,
  FACETS,
  foldText,
  understoodKey,
  type Facet,
  type FacetCounts,
  type SearchHit,
} from '@skillway/core';
import { TypoCorrector, type PlanConcept } from '@skillway/query';
import type { DB } from '../database';
import { chunked } from '../batch-insert';
import { staleBefore } from '../freshness/fresh-since';
import { bumpIndexGeneration, readIndexGeneration } from '../index-generation/index-generation';
import { searchableSummary } from '../listing-texts';
import { forEachSearchDocumentBatch } from './search-document';
import { wordMatchRule } from './fts-query';
import {
  FACET_VOCABULARY,
  activeState,
  codePrefixes,
  documentToHit,
  nameSortKey,
  normaliseQuery,
  occupationTerms,
  skillKey,
  type NormalisedQuery,
  type SearchTerm,
} from './search-fields';
import type {
  EngineSearchQuery,
  EngineSearchResponse,
  ProgressCallback,
  SearchDocument,
  SearchEngine,
} from './search-engine';
import { buildSnippet } from './text-snippet';

/**
 * The search engine of PostgreSQL deployments for when Meilisearch is down (degraded mode): PostgreSQL's
 * own full-text search over one table, pg_search_doc (migrations/0015-postgres-search.ts), which this
 * engine writes like any index (rebuild/upsert/remove, fed by the indexer and the outbox).
 *
 * What it keeps of the other engines: the query understanding in front (the same plan: forms, concepts,
 * places), word-prefix matching by the same rule (fts-query.ts wordMatchRule), accent- and
 * case-insensitive matching (texts and queries folded by core's foldText), typo correction against the
 * index's own words, the same filters and disjunctive facet counts, and the same order of signals:
 * how many of the query's words (or their recognised concepts) a listing covers, fresh before stale,
 * the exact phrase, then a score (ts_rank with the field weights of search-ranking.ts, plus the
 * concepts' boosts), then the name. What it gives up: idf in the score (ts_rank has none), and speed
 * at scale (a common word scans its whole GIN posting list; the embedded engine's bitmaps and
 * Meilisearch do better). Every answer says `engine: 'postgres'`, so a client and the result cache
 * (search.service.ts) know it came from the stand-in.
 */

const ESCO_URI = new RegExp(ESCO_OCCUPATION_URI_PATTERN);

/** ts_rank weights in PostgreSQL's order {D, C, B, A}: summary 1, skills/organisation 4.5, labels 6, name 10. */
const RANK_WEIGHTS = '{0.1, 0.45, 0.6, 1.0}';
/** ts_rank of one word is ~0.1-0.6; this puts a word in the name (x100) above any concept boost (<= 12). */
const RANK_SCALE = 100;

/** As in the embedded engine (sqlite.search-engine.ts CONCEPT_BOOST). */
const CONCEPT_BOOST: Record<PlanConcept['kind'], number> = {
  occupation: 12,
  skill: 6,
  need: 8,
  audience: 10,
  country: 6,
  city: 0,
};

/** The table's array columns per facet (kind and cost are single values). */
const ARRAY_FACETS = new Set<Facet>(['country', 'category', 'audience', 'language', 'delivery']);

const INSERT_BATCH = 400; // 27 parameters a row, well under PostgreSQL's 65,535

/** Folded word tokens, as the index holds them: letters and digits only, so a token is never tsquery syntax. */
function tokens(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** One tsquery operand for a form of a word: its tokens (a phrase if several), prefixes per wordMatchRule. */
function formQuery(form: string, isLast: boolean): string | undefined {
  const parts = tokens(form);
  if (parts.length === 0) return undefined;
  if (parts.length > 1) return `(${parts.map((p, i) => lexeme(p, i === parts.length - 1 && isLast)).join(' <-> ')})`;
  const rule = wordMatchRule(parts[0]!, isLast);
  const alternatives = [...rule.exact.map((e) => `'${e}'`), ...rule.prefixes.map((p) => `'${p}':*`)];
  return alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(' | ')})`;
}

function lexeme(token: string, prefix: boolean): string {
  return prefix && [...token].length >= 2 ? `'${token}':*` : `'${token}'`;
}

/** A term's tsquery text: any of its forms. Undefined when no form has a searchable token. */
export function termQuery(forms: readonly string[], isLast: boolean): string | undefined {
  const parts = [...new Set(forms.map((f) => formQuery(f, isLast)).filter((f): f is string => f !== undefined))];
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : `(${parts.join(' | ')})`;
}

/** The words next to each other in this order, the last one as a prefix. Undefined under two words. */
function phraseQuery(words: readonly string[]): string | undefined {
  const parts = words.flatMap(tokens);
  if (parts.length < 2) return undefined;
  return parts.map((p, i) => lexeme(p, i === parts.length - 1)).join(' <-> ');
}

const tsquery = (text: string) => sql`to_tsquery('simple', ${text})`;
const textArray = (values: readonly string[]) => sql`${[...values]}::text[]`;
const or = (parts: readonly RawBuilder<unknown>[]) =>
  parts.length === 0 ? sql`false` : sql`(${sql.join(parts, sql` or `)})`;
const and = (parts: readonly RawBuilder<unknown>[]) =>
  parts.length === 0 ? sql`true` : sql`(${sql.join(parts, sql` and `)})`;

interface Concept {
  key: string;
  condition: RawBuilder<unknown>;
  boost: number;
  /** a country ranks, it does not make a listing a result */
  candidate: boolean;
}

interface PageRow {
  listing_id: string;
  hit: Omit<SearchHit, 'snippet'>;
  name: string;
  skills: string;
  summary: string;
  occupation_labels: string;
}

interface CountRow {
  facet: string;
  value: string;
  n: number;
}

interface PgSearchDocRow {
  listing_id: string;
  name_key: string;
  hit: string;
  name: string;
  skills: string;
  summary: string;
  occupations: string[];
  occupation_labels: string;
  fold_name: string;
  fold_labels: string;
  fold_skills_org: string;
  fold_summary: string;
  country: string[];
  category: string[];
  audience: string[];
  kind: string;
  language: string[];
  cost: string;
  delivery: string[];
  active: string;
  occupation_codes: string[];
  occupation_paths: string[];
  skill_keys: string[];
  checked_at: string | null;
  fresh_since: string | null;
  national: boolean;
}

/** What a document is stored as. Exported for the engine's test. */
export function documentRow(doc: SearchDocument): PgSearchDocRow {
  const { exact, paths } = occupationTerms(doc.occupation_codes);
  const summary = searchableSummary(doc);
  return {
    listing_id: doc.id,
    name_key: nameSortKey(doc.name, doc.id),
    hit: JSON.stringify(documentToHit(doc)),
    name: doc.name,
    skills: doc.skills.join('\n'),
    summary,
    occupations: [...doc.occupations],
    occupation_labels: doc.occupation_labels.join('\n'),
    fold_name: foldText(doc.name),
    fold_labels: foldText(doc.occupation_labels.join('\n')),
    fold_skills_org: foldText([...doc.skills, doc.organisation?.name ?? ''].join('\n')),
    fold_summary: foldText(summary),
    country: [...doc.countries],
    category: [...doc.categories],
    audience: [...doc.audiences],
    kind: doc.kind,
    language: [...doc.languages],
    cost: doc.cost,
    delivery: [...doc.delivery],
    active: activeState(doc.active),
    occupation_codes: exact,
    occupation_paths: paths,
    skill_keys: [...new Set(doc.skills.map(skillKey))],
    checked_at: doc.checked_at ?? null,
    fresh_since: doc.fresh?.since ?? doc.checked_at ?? null,
    national: doc.countries.some((c) => c !== 'EU'),
  };
}

export class PostgresSearchEngine implements SearchEngine {
  readonly name = 'postgres' as const;
  /** The typo lookup over the index's words, rebuilt when the index generation moves. */
  private corrector: { generation: number; corrector: TypoCorrector } | undefined;

  constructor(private readonly db: Kysely<DB>) {}

  async search(query: EngineSearchQuery): Promise<EngineSearchResponse> {
    const started = performance.now();
    const q = normaliseQuery(query);
    const result = await this.read(async (db) => {
      const found = await this.run(db, q, true);
      // Nothing has the words, but something was understood (a place, a need): rank what the filters
      // leave by the same rules rather than answer nothing (as both other engines do).
      return found.total === 0 && q.understoodSomething ? this.run(db, q, false) : found;
    });
    return { ...result, took_ms: Math.round((performance.now() - started) * 100) / 100, engine: this.name };
  }

  /** A search reads in one snapshot, so a rebuild committed meanwhile is seen entirely or not at all. */
  private read<T>(work: (db: Kysely<DB>) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return work(this.db);
    return this.db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(work);
  }

  private async run(
    db: Kysely<DB>,
    q: NormalisedQuery,
    restrict: boolean,
  ): Promise<Omit<EngineSearchResponse, 'took_ms' | 'engine'>> {
    const { terms, corrections } = await this.correctedTerms(db, q.terms);
    const termQueries = terms.map((t, i) => termQuery(t.forms, i === terms.length - 1)!);
    const concepts = await this.concepts(db, q.boosts);

    const base: RawBuilder<unknown>[] = [sql`active = any(${textArray(q.active)})`];
    const anyWord = termQueries.length > 0 ? tsquery(termQueries.join(' | ')) : undefined;
    if (termQueries.length > 0 || concepts.length > 0) {
      // A listing is a candidate when it has any of the words or any recognised concept: how much of the
      // query it covers decides its rank, not whether it is a result at all.
      if (restrict)
        base.push(
          or([
            ...(anyWord ? [sql`document @@ ${anyWord}`] : []),
            ...concepts.filter((c) => c.candidate).map((c) => c.condition),
          ]),
        );
    } else if (q.hadText && q.boosts.length === 0 && q.words.length > 0) {
      // Text that holds nothing searchable (only symbols or marks) matches nothing.
      base.push(sql`false`);
    }
    if (q.occupations.length > 0) base.push(await this.occupationCondition(db, q.occupations));
    if (q.skills.length > 0) base.push(sql`skill_keys && ${textArray(q.skills)}`);

    const selected = FACETS.filter((f) => q.facets[f]);
    const facetCondition = (facet: Facet) =>
      ARRAY_FACETS.has(facet)
        ? sql`${sql.ref(facet)} && ${textArray(q.facets[facet]!)}`
        : sql`${sql.ref(facet)} = any(${textArray(q.facets[facet]!)})`;
    const all = and([...base, ...selected.map(facetCondition)]);

    // Totals and the facets' counts in one statement: each facet counts the listings that pass every
    // filter but its own (disjunctive facets), grouped by its values.
    // `base`: the listings that pass every filter but the facets', read once (one index scan) with only
    // the facet columns; the total and each facet's counts are then taken from it.
    const facetsOnly = (facets: readonly Facet[]) => and(facets.map(facetCondition));
    const counts: RawBuilder<unknown>[] = [
      sql`select '' as facet, '' as value, count(*) as n from base where ${facetsOnly(selected)}`,
    ];
    if (q.withFacets)
      for (const facet of FACETS) {
        const where = facetsOnly(selected.filter((f) => f !== facet));
        counts.push(
          ARRAY_FACETS.has(facet)
            ? sql`select ${facet}, v, count(*) from base cross join unnest(${sql.ref(facet)}) v where ${where} group by v`
            : sql`select ${facet}, ${sql.ref(facet)}, count(*) from base where ${where} group by ${sql.ref(facet)}`,
        );
      }
    const countRows = (
      await sql<CountRow>`with base as materialized (
          select ${sql.join(FACETS.map((f) => sql.ref(f)))} from pg_search_doc where ${and(base)})
        ${sql.join(counts, sql` union all `)}`.execute(db)
    ).rows;
    const total = Number(countRows.find((r) => r.facet === '')?.n ?? 0);
    const facets = this.facetCounts(q, countRows);

    const offset = (q.page - 1) * q.perPage;
    let rows: PageRow[] = [];
    if (offset < total) {
      const order = this.order(q, termQueries, terms, concepts, anyWord);
      rows = (
        await sql<PageRow>`select listing_id, hit, name, skills, summary, occupation_labels from pg_search_doc
          where ${all} order by ${order} limit ${q.perPage} offset ${offset}`.execute(db)
      ).rows;
    }
    const words = terms.flatMap((t) => t.forms);
    const hits = rows.map((row): SearchHit => ({
      ...row.hit,
      snippet: words.length > 0 ? buildSnippet(row, words) : null,
    }));
    return { hits, total, page: q.page, per_page: q.perPage, facets, corrections };
  }

  /**
   * The page's order:
   * - relevance: covered query words (a word counts when the listing has it or a concept it was
   *   recognised as), fresh before stale, the exact phrase, ts_rank × field weights + concept boosts;
   * - name; checked (most recently checked first); browse (country-specific before EU-wide, live before
   *   unknown before ended, most recently checked first). Names break every tie, then ids;
   * - with a `near` place, distance first (see below).
   */
  private order(
    q: NormalisedQuery,
    termQueries: readonly string[],
    terms: readonly SearchTerm[],
    concepts: readonly Concept[],
    anyWord: RawBuilder<unknown> | undefined,
  ): RawBuilder<unknown> {
    const without = this.orderWithoutNear(q, termQueries, terms, concepts, anyWord);
    if (!q.nearPoint) return without;
    // Near me (docs/near-me.md): listings with a point nearest first, then national and online ones,
    // then EU-wide; ties keep the order without `near`. Sorting by the haversine term orders as the
    // distance does (distanceKm in geo/listing-point.ts is a monotonic function of it).
    const { lat, lon } = q.nearPoint;
    const pLat = sql`((hit->'point'->>'lat')::float8)`;
    const pLon = sql`((hit->'point'->>'lon')::float8)`;
    const group = sql`(case when hit ? 'point' then 0 when national then 1 else 2 end)`;
    const haversine = sql`(power(sin(radians(${pLat} - ${lat}::float8) / 2), 2) + cos(radians(${lat}::float8)) * cos(radians(${pLat})) * power(sin(radians(${pLon} - ${lon}::float8) / 2), 2))`;
    return sql`${group}, (case when hit ? 'point' then ${haversine} else 0 end), ${without}`;
  }

  private orderWithoutNear(
    q: NormalisedQuery,
    termQueries: readonly string[],
    terms: readonly SearchTerm[],
    concepts: readonly Concept[],
    anyWord: RawBuilder<unknown> | undefined,
  ): RawBuilder<unknown> {
    const byName = sql`name_key collate "C"`;
    const checkedDesc = sql`checked_at collate "C" desc nulls last`;
    if (q.sort === 'name') return byName;
    if (q.sort === 'checked') return sql`${checkedDesc}, ${byName}`;
    if (q.sort === 'browse' || (termQueries.length === 0 && concepts.length === 0))
      return sql`national desc, case active when 'active' then 0 when 'unknown' then 1 else 2 end, ${checkedDesc}, ${byName}`;
    const byKey = new Map(concepts.map((c) => [c.key, c]));
    const covered = termQueries.map((text, i) => {
      const own = terms[i]!.concepts.flatMap((k) => byKey.get(k)?.condition ?? []);
      return sql`(${or([sql`document @@ ${tsquery(text)}`, ...own])})::int`;
    });
    const stale = sql`(fresh_since is null or fresh_since < ${staleBefore(new Date())})`;
    const phrase = phraseQuery(terms.map((t) => t.text));
    const boosts = concepts.map((c) => sql`case when ${c.condition} then ${c.boost}::float8 else 0 end`);
    const score = [
      ...(anyWord ? [sql`${RANK_SCALE}::float8 * ts_rank(${RANK_WEIGHTS}::float4[], document, ${anyWord})`] : []),
      ...boosts,
    ];
    // (A bare constant in ORDER BY would be read as a column position: absent signals are left out.)
    return sql.join(
      [
        ...(covered.length > 0 ? [sql`${sql.join(covered, sql` + `)} desc`] : []),
        sql`${stale} asc`,
        ...(phrase ? [sql`(document @@ ${tsquery(phrase)}) desc`] : []),
        ...(score.length > 0 ? [sql`${sql.join(score, sql` + `)} desc`] : []),
        byName,
      ],
      sql`, `,
    );
  }

  private facetCounts(q: NormalisedQuery, rows: readonly CountRow[]): FacetCounts {
    const facets = {} as FacetCounts;
    for (const facet of FACETS) {
      if (!q.withFacets) {
        facets[facet] = [];
        continue;
      }
      const counted = new Map(rows.filter((r) => r.facet === facet).map((r) => [r.value, Number(r.n)]));
      if (facet !== 'language') {
        facets[facet] = FACET_VOCABULARY[facet].map((value) => ({ value, count: counted.get(value) ?? 0 }));
        continue;
      }
      const chosen = q.facets.language ?? [];
      facets.language = [...new Set([...counted.keys(), ...chosen])]
        .map((value) => ({ value, count: counted.get(value) ?? 0 }))
        .filter((v) => v.count > 0 || chosen.includes(v.value))
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    }
    return facets;
  }

  /**
   * The terms that can be searched for, each word found nowhere in the index read as its nearest
   * words there (typo tolerance, as the embedded engine does), with the corrections made.
   */
  private async correctedTerms(
    db: Kysely<DB>,
    all: readonly SearchTerm[],
  ): Promise<{ terms: SearchTerm[]; corrections: { from: string; to: string }[] }> {
    const terms = all.filter((t) => termQuery(t.forms, false) !== undefined);
    const corrections: { from: string; to: string }[] = [];
    if (terms.length === 0) return { terms, corrections };
    // The word as typed (its first form), per term: which ones no listing has, in one statement.
    const asTyped = terms.map((t, i) => termQuery(t.forms.slice(0, 1), i === terms.length - 1) ?? "''");
    const missing = (
      await sql<{ i: number }>`select i::int as i from unnest(${asTyped}::text[]) with ordinality as t(q, i)
        where not exists (select 1 from pg_search_doc where document @@ to_tsquery('simple', t.q))`.execute(db)
    ).rows.map((r) => r.i - 1);
    if (missing.length === 0) return { terms, corrections };
    const corrector = await this.typoCorrector(db);
    const out = terms.map((term, i) => {
      if (!missing.includes(i)) return term;
      const nearest = corrector.correct(foldText(term.forms[0]!));
      if (nearest.length === 0) return term;
      corrections.push({ from: term.text, to: nearest[0]! });
      return { ...term, forms: [...new Set([...term.forms, ...nearest])] };
    });
    return { terms: out, corrections };
  }

  /**
   * The words of the listings' names, skills, organisations and summaries (ts_stat, weights A, C, D),
   * read once per index generation. Occupation labels (B) are left out as in the embedded engine: a
   * Ukrainian word one letter from a Slovak label is not a typo.
   */
  private async typoCorrector(db: Kysely<DB>): Promise<TypoCorrector> {
    const generation = await readIndexGeneration(db);
    if (this.corrector?.generation === generation) return this.corrector.corrector;
    const words = (
      await sql<{ word: string }>`select word from ts_stat('select document from pg_search_doc', 'ACD')`.execute(db)
    ).rows.map((r) => r.word);
    this.corrector = { generation, corrector: new TypoCorrector(words) };
    return this.corrector.corrector;
  }

  /** The recognised concepts as SQL conditions (occupation, need, audience, country, skill tag). */
  private async concepts(db: Kysely<DB>, boosts: readonly PlanConcept[]): Promise<Concept[]> {
    const out: Concept[] = [];
    for (const concept of boosts) {
      let condition: RawBuilder<unknown> | undefined;
      if (concept.kind === 'occupation') condition = await this.occupationCondition(db, [concept.value]);
      else if (concept.kind === 'need') condition = sql`category @> ${textArray([concept.value])}`;
      else if (concept.kind === 'audience') condition = sql`audience @> ${textArray([concept.value])}`;
      else if (concept.kind === 'country') condition = sql`country @> ${textArray([concept.value])}`;
      else if (concept.kind === 'skill' && concept.value.startsWith('tag:'))
        condition = sql`skill_keys @> ${textArray([skillKey(concept.value.slice(4))])}`;
      if (condition)
        out.push({
          key: understoodKey(concept.kind, concept.value),
          condition,
          boost: CONCEPT_BOOST[concept.kind] * (concept.kind === 'country' ? 1 : concept.weight),
          candidate: concept.kind !== 'country',
        });
    }
    return out;
  }

  /**
   * Either code a prefix of the other (see SqliteSearchEngine.occupationSet): `222` finds listings
   * tagged `2221`, and `2221` finds listings tagged `22`. ESCO URIs are resolved to their unit group.
   */
  private async occupationCondition(db: Kysely<DB>, refs: readonly string[]): Promise<RawBuilder<unknown>> {
    const codes = refs.filter((r) => !ESCO_URI.test(r));
    const uris = refs.filter((r) => ESCO_URI.test(r));
    if (uris.length > 0) {
      const rows = await db.selectFrom('occupation').select('isco_code').where('uri', 'in', uris).execute();
      codes.push(...rows.map((r) => r.isco_code));
    }
    if (codes.length === 0) return sql`false`;
    const unique = [...new Set(codes)];
    return sql`(occupation_paths && ${textArray(unique)} or occupation_codes && ${textArray([
      ...new Set(unique.flatMap(codePrefixes)),
    ])})`;
  }

  /** Replaces every document in one transaction: searches see the old index or the new one. */
  rebuild(documents: readonly SearchDocument[], onProgress?: ProgressCallback): Promise<void> {
    return this.rebuildFrom((emit) => emit(documents), documents.length, onProgress);
  }

  /** The same, from documents produced in batches (the indexer streams 100k listings). */
  async rebuildFrom(
    batches: (emit: (documents: readonly SearchDocument[]) => Promise<void>) => Promise<void>,
    total: number,
    onProgress?: ProgressCallback,
  ): Promise<void> {
    await this.write(async (db) => {
      // DELETE, not TRUNCATE: TRUNCATE would lock searches out until the rebuild commits.
      await sql`delete from pg_search_doc`.execute(db);
      let done = 0;
      await batches(async (documents) => {
        for (const batch of chunked([...documents], INSERT_BATCH)) await this.insert(db, batch);
        done += documents.length;
        onProgress?.(done, total);
      });
    });
  }

  async upsert(documents: readonly SearchDocument[]): Promise<void> {
    if (documents.length === 0) return;
    await this.write(async (db) => {
      for (const batch of chunked([...documents], INSERT_BATCH)) await this.insert(db, batch);
    });
  }

  async remove(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.write(async (db) => {
      await sql`delete from pg_search_doc where listing_id = any(${textArray(ids)})`.execute(db);
    });
  }

  private async insert(db: Kysely<DB>, documents: readonly SearchDocument[]): Promise<void> {
    const rows = documents.map(documentRow);
    const columns = Object.keys(rows[0]!) as (keyof PgSearchDocRow)[];
    const values = rows.map((row) => sql`(${sql.join(columns.map((c) => sql`${row[c]}`))})`);
    const updates = columns.filter((c) => c !== 'listing_id').map((c) => sql`${sql.id(c)} = excluded.${sql.id(c)}`);
    await sql`insert into pg_search_doc (${sql.join(columns.map((c) => sql.id(c)))}) values ${sql.join(values)}
      on conflict (listing_id) do update set ${sql.join(updates)}`.execute(db);
  }

  /** Writes bump the index generation in their transaction, so every instance's caches follow. */
  private write(work: (db: Kysely<DB>) => Promise<void>): Promise<void> {
    const run = async (db: Kysely<DB>) => {
      await work(db);
      await bumpIndexGeneration(db);
    };
    return this.db.isTransaction ? run(this.db) : this.db.transaction().execute(run);
  }

  async ping(): Promise<boolean> {
    try {
      await sql`select 1 from pg_search_doc limit 1`.execute(this.db);
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    // The store belongs to whoever opened it; only the engine's cache goes.
    this.corrector = undefined;
  }
}

/**
 * Rebuilds the Postgres engine's table from the listing tables through `db` (the indexer's transaction
 * on a PostgreSQL store), documents streamed in batches so memory stays flat.
 */
export async function rebuildPostgresSearchIndex(db: Kysely<DB>, onProgress?: ProgressCallback): Promise<void> {
  const { n } = await db
    .selectFrom('listing')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  await new PostgresSearchEngine(db).rebuildFrom(
    (emit) => forEachSearchDocumentBatch(db, (documents) => emit(documents)),
    Number(n),
    onProgress,
  );
}
