import type SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely } from 'kysely';
import {
  ESCO_OCCUPATION_URI_PATTERN,
  FACETS,
  foldText,
  tokenize,
  type Facet,
  type FacetCounts,
  type SearchHit,
  understoodKey,
} from '@skillway/core';
import { TypoCorrector, type PlanConcept } from '@skillway/query';
import type { DB } from '../database';
import type { Store } from '../db';
import { DocSet, FacetCounter } from './doc-set';
import { FacetCodes } from './facet-codes';
import { ftsPhraseQuery, ftsTermQuery } from './fts-query';
import {
  ACTIVE_STATES,
  FACET_VOCABULARY,
  codePrefixes,
  normaliseQuery,
  skillKey,
  type NormalisedQuery,
  type SearchTerm,
} from './search-fields';
import { SEARCH_TEXT_FIELDS, SNIPPET_FIELD_ORDER, type SearchTextField } from './search-ranking';
import type {
  EngineSearchQuery,
  EngineSearchResponse,
  ProgressCallback,
  SearchDocument,
  SearchEngine,
} from './search-engine';
import { buildSnippet, FoldedLabels, type SnippetSource } from './text-snippet';
import { topDocuments } from './top-documents';
import { POINT_BITMAPS_SQL, docPoints, nearestFirst, type DocPoints } from '../geo/distance-order';
import { FRESH_DATES_SQL, isStale } from '../freshness/fresh-since';
import {
  SEARCH_FTS_TABLES,
  SEARCH_GENERATION_KEY,
  rebuildSqliteSearchTables,
  removeSqliteSearchDocuments,
  upsertSqliteSearchDocuments,
  type SearchFtsField,
} from './sqlite-index.writer';

const ESCO_URI = new RegExp(ESCO_OCCUPATION_URI_PATTERN);
const SNAPSHOT_FIELDS = [...FACETS, 'active'] as const;
const FTS_FIELDS = Object.keys(SEARCH_FTS_TABLES) as SearchFtsField[];
const FIELD_WEIGHT = new Map<SearchTextField, number>(SEARCH_TEXT_FIELDS.map((f) => [f.field, f.weight]));
/** Fields by falling weight: a document's score for a word is the weight of the first one it matches in. */
const FIELDS_BY_WEIGHT = [...SEARCH_TEXT_FIELDS].sort((a, b) => b.weight - a.weight).map((f) => f.field);

/** Where one query word occurs: per field, and the occupation codes whose labels it matched. */
interface WordMatch {
  fields: Map<SearchTextField, DocSet>;
  all: DocSet;
  refs: string[];
}

/**
 * What every query needs from the index, read once per index generation: the facet and active bitmaps
 * (a few kB each) and the alphabetical order of all documents; plus what queries found since (the
 * bitmaps of occupation and skill filters, the matches of recent words), dropped when the index changes.
 */
interface Snapshot {
  generation: string | undefined;
  sets: Map<string, DocSet>;
  languages: string[];
  /** doc_ids in name order */
  nameOrder: Uint32Array;
  /** doc_id -> position in nameOrder, the last tie-break of relevance */
  nameRank: Uint32Array;
  size: number;
  docCount: number;
  lazy: Map<string, DocSet>;
  words: Map<string, WordMatch>;
  /** bytes of the bitmaps in `words` */
  wordBytes: number;
  phrases: Map<string, DocSet>;
  /** the index's own words, for typo lookups; read on the first unknown word */
  corrector?: TypoCorrector;
  /** occupation ref -> its labels, folded once per generation for the label snippets (on first need) */
  labels: Map<string, FoldedLabels>;
  /** per doc_id, the freshness dates (see freshness/fresh-since.ts); read on first need */
  fresh?: { since: (string | null)[]; checked: (string | null)[] };
  /** listings unconfirmed and unchecked for 12 months (they sink), as of `staleDay` (UTC date) */
  stale?: DocSet;
  staleDay?: string;
  /** doc_ids in the order of sort=checked, and of browsing without words; built on first need */
  orders: Map<'checked' | 'browse', Uint32Array>;
  /** per doc_id, its point and near group (near me: docs/near-me.md); read on the first `near` */
  points?: DocPoints;
  /** the documents of recent pages, parsed (HIT_CACHE_SIZE, least recently shown go first) */
  docs: Map<number, PageDoc>;
  /** every document's facet values as codes, for counting facets over few candidates; on first need */
  facetCodes?: { codes: FacetCodes; byKey: Map<string, number> };
}

/**
 * A document as a page shows it: its hit without name and summary (shared by every answer that shows
 * it: never changed), the texts its snippets are cut from, and its occupations (for label snippets).
 */
interface PageDoc extends SnippetSource {
  hit: Omit<SearchHit, 'snippet' | 'name' | 'summary'>;
  /** its index terms as JSON, read into `refs` only when a label snippet is asked for */
  terms: string;
  refs?: readonly string[];
}

/** Documents kept parsed per generation: ~2-3 kB each on the heap, so a few MB. */
const HIT_CACHE_SIZE = 2_000;

interface ConceptSet {
  set: DocSet;
  boost: number;
  /** whether having it makes a listing a result (a country only ranks) */
  candidate: boolean;
}

/** How much a recognised concept adds to a listing that has it (a word in a name weighs 10 × idf). */
const CONCEPT_BOOST: Record<PlanConcept['kind'], number> = {
  occupation: 12,
  skill: 6,
  need: 8,
  audience: 10,
  country: 6,
  city: 0,
};

const key = (field: string, value: string) => `${field}\u0000${value}`;

const OCCUPATION_REFS_MATCHING = `select o.ref as v from search_occupation_fts f
  join search_occupation o on o.ref_id = f.rowid where search_occupation_fts match ?`;

/**
 * Parameterised SQL (the FTS5 MATCH queries are beyond Kysely's query builder). Table names in the
 * text come from SEARCH_FTS_TABLES, never from input; every value is a bound parameter.
 *
 * Given the store's better-sqlite3 handle, single-column reads use its prepared statements in pluck
 * mode: a common word's match list is 60k rowids at 100k listings, and building a row object for each
 * (what Kysely returns) costs more than the FTS5 lookup. The handle is the connection Kysely wraps, so
 * these reads run inside the same transaction.
 */
class Reader {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly raw: SQLite.Database | undefined,
    private readonly prepared: Map<string, SQLite.Statement>,
  ) {}

  private statement(text: string): SQLite.Statement {
    let statement = this.prepared.get(text);
    if (!statement) this.prepared.set(text, (statement = this.raw!.prepare(text)));
    return statement;
  }

  async rows<T>(text: string, parameters: readonly unknown[]): Promise<T[]> {
    if (this.raw) return this.statement(text).all(...parameters) as T[];
    return (await this.db.executeQuery<T>(CompiledQuery.raw(text, [...parameters]))).rows;
  }

  /** A statement that returns no rows (creating the temporary vocabulary tables). */
  async exec(text: string): Promise<void> {
    if (this.raw) this.statement(text).run();
    else await this.db.executeQuery(CompiledQuery.raw(text, []));
  }

  /** The `v` column of every row. */
  async column<T>(text: string, parameters: readonly unknown[]): Promise<T[]> {
    if (this.raw)
      return this.statement(text)
        .pluck()
        .all(...parameters) as T[];
    return (await this.rows<{ v: T }>(text, parameters)).map((row) => row.v);
  }
}

export interface SqliteSearchEngineOptions {
  /**
   * How many query words' matches to keep per index generation (default 500). A common word's match
   * list is the costliest part of a query; real traffic repeats words.
   */
  wordCacheSize?: number;
  /**
   * And at most this many bytes of their bitmaps (default 16 MiB): a word's per-field sets take up to
   * ~60 kB at 100,000 listings, so 500 words would hold ~30 MB in every API process.
   */
  wordCacheBytes?: number;
}

/**
 * The embedded engine (see migrations/0002-search-index.ts for its tables).
 *
 * A query: each word becomes, per field, the set of documents it occurs in (FTS5 rowid lists, and
 * occupation labels through the codes' bitmaps); the words' sets are intersected; filters and
 * disjunctive facet counts are AND/OR/popcount over bitmaps; the page is the best documents by
 * (exact phrase, field-weighted word score, name). A search reads in one transaction, so a rebuild
 * committed by another process meanwhile is seen entirely or not at all.
 * Writes go through Kysely (sqlite-index.writer.ts), so the indexer can run them in its transaction.
 */
export class SqliteSearchEngine implements SearchEngine {
  readonly name = 'sqlite' as const;
  private snapshot: Snapshot | undefined;
  private readonly wordCacheSize: number;
  private readonly wordCacheBytes: number;

  private readonly db: Kysely<DB>;
  private readonly raw: SQLite.Database | undefined;
  private readonly prepared = new Map<string, SQLite.Statement>();

  /** Pass the store (not only its Kysely instance) to read through better-sqlite3 directly: faster. */
  constructor(source: Kysely<DB> | Pick<Store, 'db' | 'sqlite'>, options: SqliteSearchEngineOptions = {}) {
    if (source instanceof Kysely) this.db = source;
    else [this.db, this.raw] = [source.db, source.sqlite];
    this.wordCacheSize = options.wordCacheSize ?? 500;
    this.wordCacheBytes = options.wordCacheBytes ?? 16 * 1024 * 1024;
  }

  async search(query: EngineSearchQuery): Promise<EngineSearchResponse> {
    const started = performance.now();
    const q = normaliseQuery(query);
    const result = await this.inTransaction(async (trx) => {
      const reader = new Reader(trx, this.raw, this.prepared);
      const found = await this.run(reader, q, true);
      // Nothing has the words or the concepts within the filters, but something was understood (a
      // place, a need): rank what the filters leave by the same rules rather than answer nothing.
      return found.total === 0 && q.understoodSomething ? this.run(reader, q, false) : found;
    });
    return { ...result, took_ms: Math.round((performance.now() - started) * 100) / 100, engine: this.name };
  }

  private inTransaction<T>(work: (db: Kysely<DB>) => Promise<T>): Promise<T> {
    return this.db.isTransaction ? work(this.db) : this.db.transaction().execute(work);
  }

  private async run(
    r: Reader,
    q: NormalisedQuery,
    restrict: boolean,
  ): Promise<Omit<EngineSearchResponse, 'took_ms' | 'engine'>> {
    const snap = await this.loadSnapshot(r);
    const base = DocSet.empty(snap.size);
    for (const state of q.active) {
      const set = snap.sets.get(key('active', state));
      if (set) base.or(set);
    }

    // Each term: where any of its forms occurs. A word found nowhere is read as its nearest words in
    // the index (typo tolerance), unless it was recognised as a concept.
    const terms: SearchTerm[] = [];
    const matches: WordMatch[] = [];
    const corrections: { from: string; to: string }[] = [];
    const usable = q.terms.filter((t) => ftsTermQuery(t.forms, false) !== undefined);
    for (let i = 0; i < usable.length; i++) {
      const term = usable[i]!;
      const isLast = i === usable.length - 1;
      let match = await this.matchWord(r, snap, ftsTermQuery(term.forms, isLast)!);
      // The word as typed found nowhere: read it as its nearest words in the listings, and say so
      // ("nurce" is "nurse", even when the occupation it names was recognised anyway).
      const own =
        term.forms.length > 1 ? await this.matchWord(r, snap, ftsTermQuery(term.forms.slice(0, 1), isLast)!) : match;
      if (own.all.count() === 0) {
        const nearest = (await this.corrector(r, snap)).correct(foldText(term.forms[0]!));
        if (nearest.length > 0) {
          const forms = [...new Set([...term.forms, ...nearest])];
          match = await this.matchWord(r, snap, ftsTermQuery(forms, isLast)!);
          corrections.push({ from: term.text, to: nearest[0]! });
          terms.push({ ...term, forms });
          matches.push(match);
          continue;
        }
      }
      terms.push(term);
      matches.push(match);
    }
    const concepts = await this.conceptSets(r, snap, q.boosts);
    if (terms.length > 0 || concepts.size > 0) {
      // A listing is a candidate when it has any of the words or any recognised concept: how much of
      // the query it covers decides its rank, not whether it is a result at all.
      const any = DocSet.empty(snap.size);
      for (const m of matches) any.or(m.all);
      for (const c of concepts.values()) if (c.candidate) any.or(c.set);
      if (restrict) base.and(any);
    } else if (q.hadText && q.boosts.length === 0 && q.words.length > 0) {
      // Text that holds nothing searchable (only symbols or marks) matches nothing.
      base.and(DocSet.empty());
    }

    if (q.occupations.length > 0) base.and(await this.occupationSet(r, snap, q.occupations));
    if (q.skills.length > 0)
      base.and(
        await this.lazySets(
          r,
          snap,
          q.skills.map((s) => ['skill', s]),
        ),
      );

    const selected = new Map<Facet, DocSet>();
    for (const facet of FACETS) {
      const values = q.facets[facet];
      if (!values) continue;
      const union = DocSet.empty(snap.size);
      for (const value of values) {
        const set = snap.sets.get(key(facet, value));
        if (set) union.or(set);
      }
      selected.set(facet, union);
    }
    const matching = base.clone();
    for (const set of selected.values()) matching.and(set);

    const facets = {} as FacetCounts;
    for (const facet of FACETS) facets[facet] = []; // in this order, whatever order they are counted in
    if (q.withFacets) {
      // The facets counted over each candidate set: `matching` serves every facet not ticked.
      const groups = new Map<DocSet, Facet[]>([[matching, []]]);
      for (const facet of FACETS) {
        if (!selected.has(facet)) {
          groups.get(matching)!.push(facet);
          continue;
        }
        const candidates = base.clone();
        for (const [other, set] of selected) if (other !== facet) candidates.and(set);
        groups.set(candidates, [facet]);
      }
      for (const [candidates, group] of groups) {
        if (group.length > 0) Object.assign(facets, this.countFacets(snap, group, candidates, q.facets));
      }
    }

    const total = matching.count();
    const offset = (q.page - 1) * q.perPage;
    let pageIds: number[] = [];
    if (offset < total) {
      if (q.nearPoint) {
        // Near me: every match in the order it has without `near`, then nearest first (stable).
        const all =
          q.sort === 'relevance' && (matches.length > 0 || concepts.size > 0)
            ? await this.topByRelevance(r, snap, matching, terms, matches, concepts, total)
            : inOrder(
                matching,
                q.sort === 'name'
                  ? snap.nameOrder
                  : await this.order(r, snap, q.sort === 'checked' ? 'checked' : 'browse'),
                0,
                total,
              );
        if (!snap.points) {
          const national = DocSet.empty(snap.size);
          for (const country of FACET_VOCABULARY.country)
            if (country !== 'EU') national.or(snap.sets.get(key('country', country)) ?? DocSet.empty());
          snap.points = docPoints(await r.rows(POINT_BITMAPS_SQL, []), national, snap.size);
        }
        pageIds = nearestFirst(all, snap.points, q.nearPoint, offset + q.perPage).slice(offset);
      } else if (q.sort === 'relevance' && (matches.length > 0 || concepts.size > 0))
        pageIds = (await this.topByRelevance(r, snap, matching, terms, matches, concepts, offset + q.perPage)).slice(
          offset,
        );
      else {
        const order =
          q.sort === 'name' ? snap.nameOrder : await this.order(r, snap, q.sort === 'checked' ? 'checked' : 'browse');
        pageIds = inOrder(matching, order, offset, q.perPage);
      }
    }
    const hits = await this.hits(
      r,
      snap,
      pageIds,
      terms.flatMap((t) => t.forms),
      matches,
    );
    return { hits, total, page: q.page, per_page: q.perPage, facets, corrections };
  }

  /** The listings that have each recognised concept, by its key (`occupation:2221`). */
  private async conceptSets(
    r: Reader,
    snap: Snapshot,
    boosts: readonly PlanConcept[],
  ): Promise<Map<string, ConceptSet>> {
    const out = new Map<string, ConceptSet>();
    for (const concept of boosts) {
      let set: DocSet | undefined;
      if (concept.kind === 'occupation') set = await this.occupationSet(r, snap, [concept.value]);
      else if (concept.kind === 'need') set = snap.sets.get(key('category', concept.value));
      else if (concept.kind === 'audience') set = snap.sets.get(key('audience', concept.value));
      else if (concept.kind === 'country') set = snap.sets.get(key('country', concept.value));
      else if (concept.kind === 'skill' && concept.value.startsWith('tag:'))
        set = await this.lazySets(r, snap, [['skill', skillKey(concept.value.slice(4))]]);
      if (set)
        out.set(understoodKey(concept.kind, concept.value), {
          set,
          boost: CONCEPT_BOOST[concept.kind] * (concept.kind === 'country' ? 1 : concept.weight),
          // A country raises its listings among the candidates; it does not make every one a candidate.
          candidate: concept.kind !== 'country',
        });
    }
    return out;
  }

  /**
   * The typo lookup over the words of the listings (FTS5's own vocabulary), built once per generation.
   * Occupation labels in 27 languages are left out: a Ukrainian word one letter from a Slovak label is
   * not a typo, and the interpreter already reads occupations with typos.
   */
  private async corrector(r: Reader, snap: Snapshot): Promise<TypoCorrector> {
    if (snap.corrector) return snap.corrector;
    const words = new Set<string>();
    for (const table of Object.values(SEARCH_FTS_TABLES)) {
      const vocab = `temp.${table}_vocab`;
      await r.exec(`create virtual table if not exists ${vocab} using fts5vocab(main, '${table}', 'row')`);
      for (const term of await r.column<string>(`select term as v from ${vocab}`, [])) words.add(term);
    }
    snap.corrector = new TypoCorrector(words);
    return snap.corrector;
  }

  /** Where a word (as its FTS5 query) occurs, per field; cached per index generation (LRU). */
  private async matchWord(r: Reader, snap: Snapshot, match: string): Promise<WordMatch> {
    const cached = snap.words.get(match);
    if (cached) {
      snap.words.delete(match);
      snap.words.set(match, cached);
      return cached;
    }
    const fields = new Map<SearchTextField, DocSet>();
    const all = DocSet.empty(snap.size);
    for (const field of FTS_FIELDS) {
      const table = SEARCH_FTS_TABLES[field];
      const ids = await r.column<number>(`select rowid as v from ${table} where ${table} match ?`, [match]);
      // Only as long as its last id (nothing for a field the word is not in): the sets are cached.
      const set = DocSet.fromIds(ids);
      fields.set(field, set);
      all.or(set);
    }
    const refs = await r.column<string>(OCCUPATION_REFS_MATCHING, [match]);
    const occupations = await this.lazySets(
      r,
      snap,
      refs.map((ref) => ['occupation_ref', ref]),
    );
    fields.set('occupation_labels', occupations);
    all.or(occupations);
    const result = { fields, all, refs };
    snap.words.set(match, result);
    snap.wordBytes += wordMatchBytes(result);
    for (const [word, old] of snap.words) {
      if (snap.words.size <= this.wordCacheSize && snap.wordBytes <= this.wordCacheBytes) break;
      if (old === result) break;
      snap.words.delete(word);
      snap.wordBytes -= wordMatchBytes(old);
    }
    return result;
  }

  /** Documents in which the words occur next to each other, in any one field or occupation label. */
  private async phraseSet(r: Reader, snap: Snapshot, words: readonly string[]): Promise<DocSet | undefined> {
    const phrase = ftsPhraseQuery(words);
    if (phrase === undefined) return undefined;
    const cached = snap.phrases.get(phrase);
    if (cached) return cached;
    const set = DocSet.empty(snap.size);
    for (const field of FTS_FIELDS) {
      const table = SEARCH_FTS_TABLES[field];
      for (const id of await r.column<number>(`select rowid as v from ${table} where ${table} match ?`, [phrase])) {
        set.add(id);
      }
    }
    const refs = await r.column<string>(OCCUPATION_REFS_MATCHING, [phrase]);
    set.or(
      await this.lazySets(
        r,
        snap,
        refs.map((ref) => ['occupation_ref', ref]),
      ),
    );
    snap.phrases.set(phrase, set);
    if (snap.phrases.size > this.wordCacheSize) snap.phrases.delete(snap.phrases.keys().next().value!);
    return set;
  }

  /**
   * The best `limit` documents of `matching`, by (how many of the query's words they cover, exact
   * phrase, score). A listing covers a word when it has the word (in any form) or a concept the word
   * was recognised as (a listing tagged with nursing covers "медсестра"). The score sums, per word,
   * idf(word) × the weight of the heaviest field it occurs in, plus the boosts of the recognised
   * concepts the listing has; names break ties.
   */
  private async topByRelevance(
    r: Reader,
    snap: Snapshot,
    matching: DocSet,
    terms: readonly SearchTerm[],
    matches: readonly WordMatch[],
    concepts: ReadonlyMap<string, ConceptSet>,
    limit: number,
  ): Promise<number[]> {
    const phrase = mayHoldPhrase(matching, terms, matches)
      ? await this.phraseSet(
          r,
          snap,
          terms.map((t) => t.text),
        )
      : undefined;
    const weighted = matches.map((m) => {
      const n = m.all.count();
      const idf = Math.log(1 + (snap.docCount - n + 0.5) / (n + 0.5));
      return FIELDS_BY_WEIGHT.map((f) => ({ set: m.fields.get(f)!, score: idf * FIELD_WEIGHT.get(f)! }));
    });
    const covering = terms.map((t, i) => [
      matches[i]!.all,
      ...t.concepts.flatMap((k) => {
        const c = concepts.get(k);
        return c ? [c.set] : [];
      }),
    ]);
    return topDocuments(
      matching,
      { covering, weighted, phrase, boosts: [...concepts.values()], stale: await this.staleSet(r, snap) },
      snap.nameRank,
      limit,
    );
  }

  /**
   * Per doc_id, when it was last checked (from the `checked` bitmaps: one per day) and the newest of
   * that, its provider's confirmation and an approved change (those two from their own small tables).
   * An index built before the `checked` bitmaps existed is read from the listing table instead.
   */
  private async freshDates(r: Reader, snap: Snapshot): Promise<NonNullable<Snapshot['fresh']>> {
    if (snap.fresh) return snap.fresh;
    const since = new Array<string | null>(snap.size).fill(null);
    const checked = new Array<string | null>(snap.size).fill(null);
    const days = await r.rows<{ value: string; bits: Uint8Array }>(
      "select value, bits from search_bitmap where field = 'checked'",
      [],
    );
    if (days.length > 0) {
      for (const day of days)
        for (const id of DocSet.decode(day.bits).ids()) if (id < snap.size) checked[id] = day.value;
      for (let id = 0; id < snap.size; id++) since[id] = checked[id]!;
      const later = await r.rows<{ id: number; at: string | null }>(
        `select d.doc_id as id, f.confirmed_at as at from listing_freshness f
           join search_doc d on d.listing_id = f.listing_id where f.confirmed_at is not null
         union all
         select d.doc_id as id, max(s.reviewed_at) as at from submission s
           join search_doc d on d.listing_id = s.listing_id where s.status = 'approved' group by d.doc_id`,
        [],
      );
      for (const { id, at } of later) if (at && id < snap.size && (since[id] ?? '') < at) since[id] = at;
    } else {
      const rows = await r.rows<{ id: number; checked: string | null; since: string }>(
        `select d.doc_id as id, x.checked as checked, x.since as since from search_doc d
          join (${FRESH_DATES_SQL}) x on x.listing_id = d.listing_id`,
        [],
      );
      for (const row of rows) {
        if (row.id >= snap.size) continue;
        since[row.id] = row.since || null;
        checked[row.id] = row.checked;
      }
    }
    snap.fresh = { since, checked };
    return snap.fresh;
  }

  /**
   * The listings that sink (freshness/fresh-since.ts: neither confirmed nor checked for 12 months).
   * Recomputed when the index generation changes (a confirmation bumps it) and when the date changes.
   */
  private async staleSet(r: Reader, snap: Snapshot): Promise<DocSet> {
    const now = new Date();
    const day = now.toISOString().slice(0, 10);
    if (snap.stale && snap.staleDay === day) return snap.stale;
    const { since } = await this.freshDates(r, snap);
    const stale = DocSet.empty(snap.size);
    for (const id of snap.nameOrder) if (isStale(since[id], now)) stale.add(id);
    snap.stale = stale;
    snap.staleDay = day;
    return stale;
  }

  /**
   * Orders other than relevance and name, each a permutation of all doc_ids built once per generation:
   * - `checked`: most recently checked first, never-checked last, then by name;
   * - `browse` (no words): country-specific before EU-wide only, live (active) before unknown before
   *   ended, most recently checked first, then by name.
   */
  private async order(r: Reader, snap: Snapshot, sort: 'checked' | 'browse'): Promise<Uint32Array> {
    const cached = snap.orders.get(sort);
    if (cached) return cached;
    const { checked } = await this.freshDates(r, snap);
    const ids = Array.from(snap.nameOrder);
    const byChecked = (a: number, b: number) => {
      const x = checked[a] ?? '';
      const y = checked[b] ?? '';
      return x === y ? 0 : x > y ? -1 : 1;
    };
    let compare: (a: number, b: number) => number = byChecked;
    if (sort === 'browse') {
      const national = DocSet.empty(snap.size);
      for (const country of FACET_VOCABULARY.country)
        if (country !== 'EU') national.or(snap.sets.get(key('country', country)) ?? DocSet.empty());
      const active = snap.sets.get(key('active', 'active'))!;
      const unknown = snap.sets.get(key('active', 'unknown'))!;
      const scope = (id: number) => (national.has(id) ? 0 : 1);
      const live = (id: number) => (active.has(id) ? 0 : unknown.has(id) ? 1 : 2);
      compare = (a, b) => scope(a) - scope(b) || live(a) - live(b) || byChecked(a, b);
    }
    // Stable: equal keys stay in name order.
    ids.sort(compare);
    const order = Uint32Array.from(ids);
    snap.orders.set(sort, order);
    return order;
  }

  /**
   * The counts of `group`'s facet values among `candidates`: one walk over the candidates' facet codes
   * when they are few (a query's matches), one popcount pass per value when they are many.
   */
  private countFacets(
    snap: Snapshot,
    group: readonly Facet[],
    candidates: DocSet,
    ticked: NormalisedQuery['facets'],
  ): Partial<FacetCounts> {
    const valuesOf = (facet: Facet) =>
      facet === 'language' ? [...new Set([...snap.languages, ...(ticked[facet] ?? [])])] : FACET_VOCABULARY[facet];
    const counter = new FacetCounter(candidates);
    const codes = facetCodes(snap);
    const byCode = codes.codes.cheaperThanBitmaps(
      counter.size,
      counter.nonEmptyWords,
      group.reduce((n, facet) => n + valuesOf(facet).length, 0),
    )
      ? codes.codes.count(candidates)
      : undefined;
    const out: Partial<FacetCounts> = {};
    for (const facet of group) {
      const count = (value: string) => {
        const k = key(facet, value);
        if (byCode) {
          const code = codes.byKey.get(k);
          return code === undefined ? 0 : byCode[code]!;
        }
        const set = snap.sets.get(k);
        return set ? counter.countAnd(set) : 0;
      };
      const values = valuesOf(facet);
      if (facet !== 'language') {
        out[facet] = values.map((value) => ({ value, count: count(value) }));
        continue;
      }
      const selected = ticked[facet] ?? [];
      out[facet] = values
        .map((value) => ({ value, count: count(value) }))
        .filter((v) => v.count > 0 || selected.includes(v.value))
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    }
    return out;
  }

  /**
   * An occupation filter matches a listing when either code is a prefix of the other: `222` finds
   * listings tagged `2221`, and `2221` finds listings tagged `22` (a service for all health professionals
   * serves nurses too). ESCO URIs are resolved to their unit group first; unknown ones match nothing.
   */
  private async occupationSet(r: Reader, snap: Snapshot, refs: readonly string[]): Promise<DocSet> {
    const codes = refs.filter((r) => !ESCO_URI.test(r));
    for (const uri of refs.filter((r) => ESCO_URI.test(r))) {
      const [code] = await r.column<string>('select isco_code as v from occupation where uri = ?', [uri]);
      if (code) codes.push(code);
    }
    const terms: [string, string][] = [];
    for (const code of new Set(codes)) {
      terms.push(['occupation_path', code]);
      for (const prefix of codePrefixes(code)) terms.push(['occupation', prefix]);
    }
    return this.lazySets(r, snap, terms);
  }

  /** The union of these terms' bitmaps, each read once per generation. */
  private async lazySets(r: Reader, snap: Snapshot, terms: readonly [string, string][]): Promise<DocSet> {
    const union = DocSet.empty(snap.size);
    for (const [field, value] of terms) {
      const k = key(field, value);
      let set = snap.lazy.get(k);
      if (!set) {
        const [bits] = await r.column<Uint8Array>('select bits as v from search_bitmap where field = ? and value = ?', [
          field,
          value,
        ]);
        set = bits ? DocSet.decode(bits) : DocSet.empty();
        snap.lazy.set(k, set);
      }
      union.or(set);
    }
    return union;
  }

  private async loadSnapshot(r: Reader): Promise<Snapshot> {
    const [generation] = await r.column<string>('select value as v from meta where key = ?', [SEARCH_GENERATION_KEY]);
    if (this.snapshot && this.snapshot.generation === generation) return this.snapshot;

    const sets = new Map<string, DocSet>();
    const languages: string[] = [];
    const bitmaps = await r.rows<{ field: string; value: string; bits: Uint8Array }>(
      `select field, value, bits from search_bitmap where field in (${SNAPSHOT_FIELDS.map(() => '?').join(', ')})`,
      SNAPSHOT_FIELDS,
    );
    for (const b of bitmaps) {
      sets.set(key(b.field, b.value), DocSet.decode(b.bits));
      if (b.field === 'language') languages.push(b.value);
    }
    const nameOrder = Uint32Array.from(
      await r.column<number>('select doc_id as v from search_doc order by name_key, doc_id', []),
    );
    const size = nameOrder.reduce((m, id) => Math.max(m, id), 0) + 1;
    const nameRank = new Uint32Array(size);
    nameOrder.forEach((id, i) => (nameRank[id] = i));
    for (const state of ACTIVE_STATES)
      if (!sets.has(key('active', state))) sets.set(key('active', state), DocSet.empty());
    this.snapshot = {
      generation,
      sets,
      languages,
      nameOrder,
      nameRank,
      size,
      docCount: nameOrder.length,
      lazy: new Map(),
      words: new Map(),
      wordBytes: 0,
      phrases: new Map(),
      labels: new Map(),
      orders: new Map(),
      docs: new Map(),
    };
    return this.snapshot;
  }

  /**
   * The page's hits. Each gets the snippet of one field: the first of SNIPPET_FIELD_ORDER in which a
   * query word occurs (known from the words' per-field bitmaps), so the other fields are never
   * tokenised; an occupation-label snippet is the first matching label of a matched occupation, found
   * once per generation and word list (the labels run to hundreds of lines in many languages).
   */
  private async hits(
    r: Reader,
    snap: Snapshot,
    ids: readonly number[],
    words: readonly string[],
    matches: readonly WordMatch[],
  ): Promise<SearchHit[]> {
    if (ids.length === 0) return [];
    const docs = await this.pageDocs(r, snap, ids);
    const matchedIn = (field: SearchTextField, id: number) => matches.some((m) => m.fields.get(field)?.has(id));
    // the occupations the words matched, gathered once per page (a word can match hundreds)
    let matchedRefs: Set<string> | undefined;
    const out: SearchHit[] = [];
    for (const id of ids) {
      const doc = docs.get(id);
      if (!doc) continue;
      let snippet: SearchHit['snippet'] = null;
      if (words.length > 0) {
        for (const field of SNIPPET_FIELD_ORDER) {
          if (field === 'occupations') {
            if (!matchedIn('occupation_labels', id)) continue;
            matchedRefs ??= new Set(matches.flatMap((m) => m.refs));
            doc.refs ??= (JSON.parse(doc.terms) as [string, string][])
              .filter(([f]) => f === 'occupation_ref')
              .map(([, v]) => v);
            snippet = await this.labelSnippet(r, snap, doc.refs, matchedRefs, words);
          } else if (matchedIn(field, id)) {
            snippet = buildSnippet(doc, words, [field]);
          }
          if (snippet) break;
        }
      }
      out.push({ ...doc.hit, name: doc.name, summary: doc.summary, snippet });
    }
    return out;
  }

  /**
   * The page's documents, read and parsed once per generation for the most recently shown
   * (HIT_CACHE_SIZE): the best documents for common words come back page after page.
   */
  private async pageDocs(r: Reader, snap: Snapshot, ids: readonly number[]): Promise<Map<number, PageDoc>> {
    const docs = new Map<number, PageDoc>();
    const missing: number[] = [];
    for (const id of ids) {
      const doc = snap.docs.get(id);
      if (doc) {
        // Most recently used last.
        snap.docs.delete(id);
        snap.docs.set(id, doc);
        docs.set(id, doc);
      } else missing.push(id);
    }
    if (missing.length === 0) return docs;
    const rows = await r.rows<{
      doc_id: number;
      hit: string;
      name: string;
      skills: string;
      summary: string;
      terms: string;
    }>(
      `select doc_id, hit, name, skills, summary, terms from search_doc where doc_id in (${missing.map(() => '?').join(', ')})`,
      missing,
    );
    for (const row of rows) {
      const doc: PageDoc = {
        hit: JSON.parse(row.hit) as PageDoc['hit'],
        name: row.name,
        skills: row.skills,
        summary: row.summary,
        terms: row.terms,
      };
      docs.set(row.doc_id, doc);
      snap.docs.set(row.doc_id, doc);
    }
    for (const id of snap.docs.keys()) {
      if (snap.docs.size <= HIT_CACHE_SIZE) break;
      snap.docs.delete(id);
    }
    return docs;
  }

  /**
   * The first label of the listing's matched occupations that has a query word, marked. The labels
   * (hundreds of lines in many languages) are folded once per generation, so a query looks its words
   * up with indexOf and marks one label.
   */
  private async labelSnippet(
    r: Reader,
    snap: Snapshot,
    docRefs: readonly string[],
    matchedRefs: ReadonlySet<string>,
    words: readonly string[],
  ): Promise<SearchHit['snippet']> {
    for (const ref of docRefs) {
      if (!matchedRefs.has(ref)) continue;
      let labels = snap.labels.get(ref);
      if (!labels) {
        const [text] = await r.column<string>('select labels as v from search_occupation where ref = ?', [ref]);
        labels = new FoldedLabels(text ? text.split('\n') : []);
        snap.labels.set(ref, labels);
      }
      const snippet = labels.snippet(words);
      if (snippet) return snippet;
    }
    return null;
  }

  rebuild(documents: readonly SearchDocument[], onProgress?: ProgressCallback): Promise<void> {
    return this.write((db) => rebuildSqliteSearchTables(db, (emit) => emit(documents), documents.length, onProgress));
  }

  upsert(documents: readonly SearchDocument[]): Promise<void> {
    return this.write((db) => upsertSqliteSearchDocuments(db, documents));
  }

  remove(ids: readonly string[]): Promise<void> {
    return this.write((db) => removeSqliteSearchDocuments(db, ids));
  }

  private write(work: (db: Kysely<DB>) => Promise<void>): Promise<void> {
    return this.inTransaction(work);
  }

  async ping(): Promise<boolean> {
    try {
      await this.db.selectFrom('search_doc').select('doc_id').limit(1).execute();
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    // The store belongs to whoever opened it; only the engine's caches go.
    this.snapshot = undefined;
    this.prepared.clear();
  }
}

/** The snapshot's facet codes (built on first need, once per generation). */
function facetCodes(snap: Snapshot): NonNullable<Snapshot['facetCodes']> {
  if (snap.facetCodes) return snap.facetCodes;
  const byKey = new Map<string, number>();
  const sets: DocSet[] = [];
  let size = snap.size;
  for (const facet of FACETS) {
    for (const [k, set] of snap.sets) {
      if (!k.startsWith(key(facet, ''))) continue;
      byKey.set(k, sets.length);
      sets.push(set);
      // Never fewer ids than the bitmaps hold: the counts must be DocSet.countAnd's.
      size = Math.max(size, set.words.length * 32);
    }
  }
  snap.facetCodes = { codes: new FacetCodes(sets, size), byKey };
  return snap.facetCodes;
}

/** Bytes of a word match's bitmaps. */
function wordMatchBytes(match: WordMatch): number {
  let bytes = match.all.words.byteLength;
  for (const set of match.fields.values()) bytes += set.words.byteLength;
  return bytes;
}

/**
 * Whether a document of `matching` can hold the words as a phrase: it must have every word (each
 * word's match set is a superset of where it occurs as a phrase word, its forms being looser than the
 * phrase's token). The phrase only ranks documents of `matching`, so when none has every word its
 * FTS5 queries (one per field, a new one for every distinct pair of words) are skipped. Words that
 * are not one token each (an apostrophe, a hyphen) are always asked for.
 */
function mayHoldPhrase(matching: DocSet, terms: readonly SearchTerm[], matches: readonly WordMatch[]): boolean {
  if (terms.length < 2 || terms.some((t) => tokenize(t.text).length !== 1)) return true;
  const every = matching.clone();
  for (const m of matches) every.and(m.all);
  return !every.isEmpty();
}

/** The page of `matching` in a precomputed order of all documents. */
function inOrder(matching: DocSet, order: Uint32Array, offset: number, count: number): number[] {
  const out: number[] = [];
  let skipped = 0;
  for (const id of order) {
    if (!matching.has(id)) continue;
    if (skipped < offset) skipped++;
    else {
      out.push(id);
      if (out.length === count) break;
    }
  }
  return out;
}
