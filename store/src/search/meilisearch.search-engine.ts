import {
  Meilisearch,
  type EnqueuedTaskPromise,
  type MultiSearchQuery,
  type SearchResponse as MeiliSearchResponse,
  type Task,
} from 'meilisearch';
import {
  foldText,
  ESCO_OCCUPATION_URI_PATTERN,
  FACETS,
  type Facet,
  type FacetCounts,
  type FacetValue,
  type SearchHit,
  type SearchResponse,
  type Snippet,
} from '@skillway/core';
import { createMeilisearchHttpClient, type MeilisearchHttpClient } from './meilisearch-http.client';
import { FACET_VOCABULARY, codePrefixes, normaliseQuery, skillKey, type NormalisedQuery } from './search-fields';
import { SNIPPET_FIELD_ORDER, SNIPPET_WORDS } from './search-ranking';
import { MARK_END, MARK_START, markedToParts } from './snippet-marks';
import { FoldedLabels } from './text-snippet';
import type { PlanConcept } from '@skillway/query';
import type {
  EngineSearchQuery,
  EngineSearchResponse,
  ProgressCallback,
  SearchDocument,
  SearchEngine,
} from './search-engine';
import {
  MEILI_FACET_FIELD,
  MEILI_FILTER_FIELD,
  MEILI_RETRIEVED_FIELDS,
  MEILI_SETTINGS,
  dayNumber,
  meiliIndexUid,
  toMeiliDocument,
  type MeiliListingDocument,
} from './meilisearch.settings';
import { staleBefore } from '../freshness/fresh-since';

const ESCO_URI = new RegExp(ESCO_OCCUPATION_URI_PATTERN);
/** Documents per upload (1-4 kB each: 5-20 MB a request, well under Meilisearch's 100 MB payload limit). */
const UPLOAD_BATCH = 5_000;

export interface MeilisearchConnection {
  url: string;
  apiKey?: string;
  /** prepended to the index name (tests use a random one) */
  indexPrefix?: string;
  /** ESCO occupation URI -> ISCO unit group, for occupation filters given as URIs (the taxonomy is in SQLite) */
  resolveOccupationUris?: (uris: readonly string[]) => Promise<Map<string, string>>;
  /**
   * Occupation ref -> its labels (occupationLabelLookup), to show which label matched. Without it,
   * hits matched through an occupation label get a snippet from another field or none.
   */
  occupationLabels?: (refs: readonly string[]) => Promise<Map<string, readonly string[]>>;
  /** how long to wait for one indexing task (default 10 minutes: a 100k rebuild batch on a small machine) */
  taskTimeoutMs?: number;
  /** per HTTP request (default 10 s) */
  requestTimeoutMs?: number;
  /** documents per upload (default UPLOAD_BATCH; tests use a small one to rebuild in several) */
  uploadBatch?: number;
}

/** Meilisearch's filter strings: values double-quoted, with `\` and `"` escaped. */
export function filterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function inFilter(field: string, values: readonly string[]): string {
  return `${field} IN [${values.map(filterValue).join(', ')}]`;
}

/** Meilisearch's error code (`index_not_found`, ...) from anywhere in an error's cause chain. */
export function meiliErrorCode(error: unknown): string | undefined {
  let e = error as { code?: unknown; cause?: unknown; errno?: unknown } | undefined;
  for (let depth = 0; e && depth < 5; depth++) {
    // System errors (ECONNREFUSED ...) carry a code too; only Meilisearch's answers count here.
    if (typeof e.code === 'string' && e.errno === undefined) return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}

/**
 * Waits for a task by polling, then throws with Meilisearch's own reason if it did not succeed.
 * Not the client's waitTask: it hands one AbortSignal to every poll and leaves a listener on it each
 * time, thousands over a long rebuild.
 */
async function awaitTask(
  client: Meilisearch,
  what: string,
  enqueued: EnqueuedTaskPromise | number,
  timeout: number,
): Promise<Task> {
  const taskUid = typeof enqueued === 'number' ? enqueued : (await enqueued).taskUid;
  const deadline = Date.now() + timeout;
  for (let interval = 10; ; interval = Math.min(interval * 2, 250)) {
    const task = await client.tasks.getTask(taskUid);
    if (task.status === 'succeeded') return task;
    if (task.status !== 'enqueued' && task.status !== 'processing') {
      const reason = task.error ? `${task.error.message} (${task.error.code})` : task.status;
      throw new Error(`Meilisearch ${what} (task ${taskUid}) ${task.status}: ${reason}`);
    }
    if (Date.now() > deadline)
      throw new Error(`Meilisearch ${what} (task ${taskUid}) still ${task.status} after ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

type Formatted = Partial<Record<'name' | 'summary', string>> & { skills?: string[] };

/**
 * The Meilisearch engine. One request per search: a multi-search with the main query (all filters,
 * the hits, the counts of unselected facets) and one query per selected facet without its own
 * filter (that facet's disjunctive counts).
 */
export class MeilisearchSearchEngine implements SearchEngine {
  readonly name = 'meilisearch' as const;
  readonly indexUid: string;
  private readonly client: Meilisearch;
  private readonly http: MeilisearchHttpClient;
  private readonly taskTimeout: number;

  constructor(private readonly connection: MeilisearchConnection) {
    this.indexUid = meiliIndexUid(connection.indexPrefix);
    this.taskTimeout = connection.taskTimeoutMs ?? 600_000;
    this.http = createMeilisearchHttpClient();
    this.client = new Meilisearch({
      host: connection.url,
      apiKey: connection.apiKey,
      timeout: connection.requestTimeoutMs ?? 10_000,
      httpClient: this.http.httpClient,
    });
  }

  /**
   * Listings turn stale with the date, not only with writes: once a day (on the first search of the
   * day, in the background) the fresh ones whose newest confirmation or check is now older than 12
   * months get `stale: 1`. A confirmation makes a listing fresh again through the outbox, as any change.
   */
  private staleDay: string | undefined;
  refreshStale(now = new Date()): Promise<number> {
    return this.turnStale(now);
  }

  private maybeTurnStale(): void {
    const day = new Date().toISOString().slice(0, 10);
    if (this.staleDay === day) return;
    this.staleDay = day;
    this.turnStale(new Date()).catch(() => {
      this.staleDay = undefined; // try again on a later search
    });
  }

  private async turnStale(now: Date): Promise<number> {
    if (!(await this.indexExists(this.indexUid))) return 0;
    const index = this.client.index(this.indexUid);
    const cutoff = dayNumber(staleBefore(now));
    let turned = 0;
    for (;;) {
      const page = await index.getDocuments<{ id: string }>({
        filter: `${MEILI_FILTER_FIELD.stale} = 0 AND fresh_since_day < ${cutoff}`,
        fields: ['id'],
        limit: 1_000,
      });
      if (page.results.length === 0) return turned;
      await awaitTask(
        this.client,
        `marking ${page.results.length} listings stale`,
        index.updateDocuments(page.results.map((d) => ({ id: d.id, [MEILI_FILTER_FIELD.stale]: 1 }))),
        this.taskTimeout,
      );
      turned += page.results.length;
    }
  }

  async search(query: EngineSearchQuery): Promise<EngineSearchResponse> {
    this.maybeTurnStale();
    const started = performance.now();
    const q = normaliseQuery(query);
    const text = meiliText(q);
    const conceptFilter = this.conceptFilter(q);
    // Near me orders by distance (meiliSort), which the concept re-ranking would undo.
    const rerank = q.boosts.length > 0 && !q.nearPoint && q.page * q.perPage <= RERANK_POOL;
    let result =
      rerank && q.sort === 'relevance'
        ? await this.rerankWithConcepts(q, text, conceptFilter)
        : await this.run(q, text);
    // Nothing in the listings' words ("вивчити мову в Ірландії" against English texts), but concepts
    // were recognised: answer with the listings that have them rather than with nothing.
    if (result.total === 0 && conceptFilter) result = await this.run(q, '', conceptFilter);
    // Only a place was understood: what is there, rather than nothing (as the embedded engine does).
    if (result.total === 0 && q.understoodSomething)
      result = rerank ? await this.rerankWithConcepts(q, '', undefined) : await this.run(q, '');
    return { ...result, took_ms: Math.round((performance.now() - started) * 100) / 100, engine: this.name };
  }

  /** Hits as the API returns them, with the snippet of the field that matched `text`. */
  private async withSnippets(raw: readonly RawHit[], text: string): Promise<SearchHit[]> {
    if (!text) return raw.map((hit) => ({ ...hitFields(hit), snippet: null }));
    const words = text.split(' ');
    // Meilisearch's highlights first; the occupation labels (whose snippet comes before skills and
    // summary) are read only for hits with occupations whose name did not match, not for every hit.
    const highlighted = raw.map((hit) => {
      const found = snippetOf(hit._formatted, () => undefined);
      return found?.field === 'name' || (hit.occupations ?? []).length === 0 ? found : null;
    });
    const needLabels = raw.filter((hit, i) => !highlighted[i] && (hit.occupations ?? []).length > 0);
    const labels = await this.foldedLabels([...new Set(needLabels.flatMap((h) => h.occupations ?? []))]);
    return raw.map((hit, i): SearchHit => {
      if (highlighted[i] !== null || (hit.occupations ?? []).length === 0)
        return { ...hitFields(hit), snippet: highlighted[i] ?? null };
      // The first label with a word, in the order of the refs (labelSnippet over all their labels).
      const occupations = () => {
        for (const ref of hit.occupations ?? []) {
          const found = labels.get(ref)?.snippet(words);
          if (found) return found;
        }
        return undefined;
      };
      return { ...hitFields(hit), snippet: snippetOf(hit._formatted, occupations) };
    });
  }

  /**
   * Each ref's labels folded once (FoldedLabels) and kept: folding hundreds of labels for every hit of
   * every search was a fifth of the API's CPU per search. At most FOLDED_LABELS_KEPT refs, the oldest
   * asked for going first.
   */
  private readonly folded = new Map<string, FoldedLabels>();
  private async foldedLabels(refs: readonly string[]): Promise<Map<string, FoldedLabels>> {
    const out = new Map<string, FoldedLabels>();
    const missing: string[] = [];
    for (const ref of refs) {
      const kept = this.folded.get(ref);
      if (!kept) missing.push(ref);
      else {
        this.folded.delete(ref);
        this.folded.set(ref, kept);
        out.set(ref, kept);
      }
    }
    if (missing.length > 0 && this.connection.occupationLabels) {
      const labels = await this.connection.occupationLabels(missing);
      for (const ref of missing) {
        const folded = new FoldedLabels(labels.get(ref) ?? []);
        this.folded.set(ref, folded);
        out.set(ref, folded);
      }
      for (const ref of this.folded.keys()) {
        if (this.folded.size <= FOLDED_LABELS_KEPT) break;
        this.folded.delete(ref);
      }
    }
    return out;
  }

  /**
   * Recognised concepts rank listings as in the embedded engine: the best RERANK_POOL listings for
   * the words (by Meilisearch's own ranking score) and those with the concepts are merged and ordered
   * by score plus the concepts' boosts, so a listing tagged with the occupation, in the category asked
   * for or in the country named rises, and one with no word in common still comes. Facet counts are
   * those of the word search (of the concept search when no listing has the words); the total counts
   * each listing of both once as long as both fit in the pool.
   */
  private async rerankWithConcepts(
    q: NormalisedQuery,
    text: string,
    conceptFilter: string | undefined,
  ): Promise<Omit<SearchResponse, 'took_ms' | 'engine' | 'understood'>> {
    const pool = { ...q, page: 1, perPage: RERANK_POOL };
    const byText = new Map<string, RankedHit>();
    const byConcept = new Map<string, RankedHit>();
    const [words, concepts] = await Promise.all([
      this.run(pool, text, undefined, byText),
      conceptFilter ? this.run(pool, '', conceptFilter, byConcept) : undefined,
    ]);
    const merged = new Map(byText);
    for (const [id, hit] of byConcept) if (!merged.has(id)) merged.set(id, { ...hit, score: 0, words: 0 });
    // As in the embedded engine: how much of the query a listing covers first (the words Meilisearch
    // found, plus one for each recognised concept it has), then Meilisearch's score and the boosts.
    // A stale listing comes after the fresh ones that cover as much (STALE_PENALTY < 10, > score + boosts).
    const keyed = [...merged.values()].map((h) => ({
      h,
      key:
        10 * (h.words + conceptsHad(h, q.boosts)) + h.score + conceptBoost(h, q.boosts) - (h.stale ? STALE_PENALTY : 0),
    }));
    keyed.sort((a, b) => b.key - a.key || (a.h.hit.name < b.h.hit.name ? -1 : 1));
    const offset = (q.page - 1) * q.perPage;
    const onlyByConcept = (concepts?.total ?? 0) - [...byConcept.keys()].filter((id) => byText.has(id)).length;
    const source = words.total > 0 ? words : (concepts ?? words);
    const page = keyed.slice(offset, offset + q.perPage).map((k) => k.h);
    const snippetted = await this.withSnippets(
      page.filter((h) => byText.has(h.hit.id)).map((h) => h.raw),
      text,
    );
    const withSnippet = new Map(snippetted.map((h) => [h.id, h]));
    return {
      ...source,
      hits: page.map((h) => withSnippet.get(h.hit.id) ?? { ...h.hit, snippet: null }),
      total: words.total + Math.max(0, onlyByConcept),
      page: q.page,
      per_page: q.perPage,
    };
  }

  /** Listings with any recognised need, audience or occupation, as one Meilisearch filter. */
  private conceptFilter(q: NormalisedQuery): string | undefined {
    const parts = q.boosts.flatMap((c) => {
      if (c.kind === 'need') return [inFilter(MEILI_FACET_FIELD.category, [c.value])];
      if (c.kind === 'audience') return [inFilter(MEILI_FACET_FIELD.audience, [c.value])];
      if (c.kind === 'occupation')
        return [
          `(${inFilter(MEILI_FILTER_FIELD.occupationPath, [c.value])} OR ${inFilter(MEILI_FILTER_FIELD.occupation, codePrefixes(c.value))})`,
        ];
      return [];
    });
    return parts.length > 0 ? `(${parts.join(' OR ')})` : undefined;
  }

  /** Filters other than the facets: active state, occupations, skills. Undefined = matches nothing. */
  private async baseFilters(q: NormalisedQuery): Promise<string[] | undefined> {
    const filters = [inFilter(MEILI_FILTER_FIELD.active, q.active)];
    if (q.occupations.length > 0) {
      const codes = q.occupations.filter((r) => !ESCO_URI.test(r));
      const uris = q.occupations.filter((r) => ESCO_URI.test(r));
      if (uris.length > 0 && this.connection.resolveOccupationUris) {
        const resolved = await this.connection.resolveOccupationUris(uris);
        codes.push(...uris.flatMap((u) => resolved.get(u) ?? []));
      }
      if (codes.length === 0) return undefined;
      // Either code a prefix of the other (see SqliteSearchEngine.occupationSet).
      const unique = [...new Set(codes)];
      filters.push(
        `(${inFilter(MEILI_FILTER_FIELD.occupationPath, unique)} OR ${inFilter(MEILI_FILTER_FIELD.occupation, [
          ...new Set(unique.flatMap(codePrefixes)),
        ])})`,
      );
    }
    if (q.skills.length > 0) filters.push(inFilter(MEILI_FILTER_FIELD.skill, q.skills));
    return filters;
  }

  private async run(
    q: NormalisedQuery,
    text: string,
    extraFilter?: string,
    ranked?: Map<string, RankedHit>,
  ): Promise<Omit<SearchResponse, 'took_ms' | 'engine' | 'understood'>> {
    const found = await this.baseFilters(q);
    const base = found && extraFilter ? [...found, extraFilter] : found;
    const selected = FACETS.filter((f) => q.facets[f]);
    const facetFilter = (facet: Facet) => inFilter(MEILI_FACET_FIELD[facet], q.facets[facet]!);
    if (!base) return emptyResult(q);

    const main: MultiSearchQuery = {
      indexUid: this.indexUid,
      q: text,
      filter: [...base, ...selected.map(facetFilter)],
      // `kind` always: every listing has exactly one, so its counts add up to the exact total, which
      // totalHits stops giving beyond pagination.maxTotalHits.
      facets: (q.withFacets ? FACETS.filter((f) => !q.facets[f] || f === 'kind') : ['kind' as const]).map(
        (f) => MEILI_FACET_FIELD[f],
      ),
      page: q.page,
      hitsPerPage: q.perPage,
      matchingStrategy: MATCHING_STRATEGY,
      attributesToRetrieve: [
        ...MEILI_RETRIEVED_FIELDS,
        'occupations',
        ...(ranked
          ? [
              MEILI_FILTER_FIELD.occupation,
              MEILI_FILTER_FIELD.occupationPath,
              MEILI_FILTER_FIELD.skill,
              MEILI_FILTER_FIELD.stale,
            ]
          : []),
      ],
      ...(ranked && { showRankingScore: true, showRankingScoreDetails: true }),
      ...(meiliSort(q) && { sort: meiliSort(q) }),
      ...(text && {
        // Not occupation_labels: highlighting hundreds of labels per hit costs Meilisearch 10-80 ms a
        // page; the matching label is found in JS (labelSnippet) instead.
        attributesToHighlight: ['name', 'summary', 'skills'],
        attributesToCrop: ['summary'],
        cropLength: SNIPPET_WORDS,
        cropMarker: '…',
        highlightPreTag: MARK_START,
        highlightPostTag: MARK_END,
      }),
    };
    const perFacet: MultiSearchQuery[] = (q.withFacets ? selected : []).map((facet) => ({
      indexUid: this.indexUid,
      q: text,
      filter: [...base, ...selected.filter((f) => f !== facet).map(facetFilter)],
      facets: [MEILI_FACET_FIELD[facet]],
      matchingStrategy: MATCHING_STRATEGY,
      limit: 0,
    }));
    const { results } = await this.client.multiSearch({ queries: [main, ...perFacet] });
    const [mainResult, ...facetResults] = results as MeiliSearchResponse[];

    const facets = {} as FacetCounts;
    for (const facet of FACETS) {
      if (!q.withFacets) {
        facets[facet] = [];
        continue;
      }
      const source = q.facets[facet] ? facetResults[selected.indexOf(facet)] : mainResult;
      facets[facet] = facetValues(facet, source?.facetDistribution?.[MEILI_FACET_FIELD[facet]] ?? {}, q);
    }
    const kindCounts = mainResult?.facetDistribution?.[MEILI_FACET_FIELD.kind] ?? {};
    const total = Object.values(kindCounts).reduce((a, b) => a + b, 0);
    const raw = (mainResult?.hits ?? []) as RawHit[];
    if (ranked) {
      // The pool is ranked first; only the page's hits get their snippets (see rerankWithConcepts).
      for (const hit of raw) {
        ranked.set(String(hit.id), {
          raw: hit,
          hit: hitFields(hit),
          score: typeof hit._rankingScore === 'number' ? hit._rankingScore : 0,
          codes: (hit[MEILI_FILTER_FIELD.occupation] as string[] | undefined) ?? [],
          paths: (hit[MEILI_FILTER_FIELD.occupationPath] as string[] | undefined) ?? [],
          skills: (hit[MEILI_FILTER_FIELD.skill] as string[] | undefined) ?? [],
          words: hit._rankingScoreDetails?.words?.matchingWords ?? 0,
          stale: hit[MEILI_FILTER_FIELD.stale] === 1,
        });
      }
      return { hits: [], total, page: q.page, per_page: q.perPage, facets };
    }
    const hits = await this.withSnippets(raw, text);
    return { hits, total, page: q.page, per_page: q.perPage, facets };
  }

  /**
   * Fills a fresh index and swaps it in: settings first, then documents in batches, every task awaited;
   * the swap is a single task, so searches see the old index or the new one, never a half-built one.
   */
  async rebuildFrom(
    batches: (emit: (documents: readonly SearchDocument[]) => Promise<void>) => Promise<void>,
    total: number,
    onProgress?: ProgressCallback,
  ): Promise<void> {
    const next = `${this.indexUid}_next`;
    await this.deleteIndex(next);
    await awaitTask(
      this.client,
      `creating index ${next}`,
      this.client.createIndex(next, { primaryKey: 'id' }),
      this.taskTimeout,
    );
    const index = this.client.index(next);
    await awaitTask(this.client, `settings of ${next}`, index.updateSettings(MEILI_SETTINGS), this.taskTimeout);
    let done = 0;
    onProgress?.(0, total);
    // Every batch is uploaded without waiting for it to be indexed: Meilisearch merges the queued
    // additions to one index into large batches (autobatching), and indexing 100,000 documents in a few
    // batches costs a fraction of indexing them 1,000 at a time. The queue holds the payloads on disk,
    // not in memory. Progress counts what is indexed: the oldest pending task is looked at (without
    // waiting) after each upload, and every task is awaited, in order, at the end.
    const pending: { taskUid: number; size: number }[] = [];
    const settled = (size: number) => {
      done += size;
      onProgress?.(Math.min(done, total), Math.max(total, done));
    };
    let buffer: MeiliListingDocument[] = [];
    const upload = async () => {
      const part = buffer;
      buffer = [];
      const { taskUid } = await index.addDocuments(part);
      pending.push({ taskUid, size: part.length });
      const oldest = await this.client.tasks.getTask(pending[0]!.taskUid);
      if (oldest.status === 'succeeded') settled(pending.shift()!.size);
    };
    await batches(async (documents) => {
      for (const doc of documents) {
        buffer.push(toMeiliDocument(doc));
        if (buffer.length >= (this.connection.uploadBatch ?? UPLOAD_BATCH)) await upload();
      }
    });
    if (buffer.length > 0) await upload();
    for (const { taskUid, size } of pending) {
      await awaitTask(this.client, `adding ${size} documents to ${next}`, taskUid, this.taskTimeout);
      settled(size);
    }
    const live = await this.indexExists(this.indexUid);
    await awaitTask(
      this.client,
      `swapping ${next} into ${this.indexUid}`,
      // Without a live index there is nothing to swap with: the new one is renamed instead.
      this.client.swapIndexes([
        live ? { indexes: [this.indexUid, next], rename: false } : { indexes: [next, this.indexUid], rename: true },
      ]),
      this.taskTimeout,
    );
    // After a swap `next` holds the previous documents.
    await this.deleteIndex(next);
  }

  private async indexExists(uid: string): Promise<boolean> {
    try {
      await this.client.getRawIndex(uid);
      return true;
    } catch (error) {
      if (meiliErrorCode(error) === 'index_not_found') return false;
      throw error;
    }
  }

  private async deleteIndex(uid: string): Promise<void> {
    if (await this.indexExists(uid)) {
      await awaitTask(this.client, `deleting index ${uid}`, this.client.deleteIndex(uid), this.taskTimeout);
    }
  }

  rebuild(documents: readonly SearchDocument[], onProgress?: ProgressCallback): Promise<void> {
    return this.rebuildFrom((emit) => emit(documents), documents.length, onProgress);
  }

  /** Settings travel with every write, so an upsert into a missing index still creates it right. */
  private async ensureIndex(): Promise<void> {
    if (await this.indexExists(this.indexUid)) return;
    await awaitTask(
      this.client,
      `creating index ${this.indexUid}`,
      this.client.createIndex(this.indexUid, { primaryKey: 'id' }),
      this.taskTimeout,
    );
    await awaitTask(
      this.client,
      `settings of ${this.indexUid}`,
      this.client.index(this.indexUid).updateSettings(MEILI_SETTINGS),
      this.taskTimeout,
    );
  }

  async upsert(documents: readonly SearchDocument[]): Promise<void> {
    if (documents.length === 0) return;
    await this.ensureIndex();
    const index = this.client.index(this.indexUid);
    for (let i = 0; i < documents.length; i += UPLOAD_BATCH) {
      const part = documents.slice(i, i + UPLOAD_BATCH);
      await awaitTask(
        this.client,
        `upserting ${part.length} documents`,
        index.addDocuments(part.map(toMeiliDocument)),
        this.taskTimeout,
      );
    }
  }

  async remove(ids: readonly string[]): Promise<void> {
    if (ids.length === 0 || !(await this.indexExists(this.indexUid))) return;
    await awaitTask(
      this.client,
      `removing ${ids.length} documents`,
      this.client.index(this.indexUid).deleteDocuments([...ids]),
      this.taskTimeout,
    );
  }

  async ping(): Promise<boolean> {
    try {
      const health = await this.client.health();
      return health.status === 'available';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.http.close();
  }
}

function facetValues(facet: Facet, distribution: Record<string, number>, q: NormalisedQuery): FacetValue[] {
  const counts = new Map(Object.entries(distribution));
  if (facet !== 'language') return FACET_VOCABULARY[facet].map((value) => ({ value, count: counts.get(value) ?? 0 }));
  for (const value of q.facets.language ?? []) if (!counts.has(value)) counts.set(value, 0);
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .filter((v) => v.count > 0 || q.facets.language?.includes(v.value))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

function emptyResult(q: NormalisedQuery): Omit<EngineSearchResponse, 'took_ms' | 'engine'> {
  const facets = {} as FacetCounts;
  for (const facet of FACETS) facets[facet] = facetValues(facet, {}, q);
  return { hits: [], total: 0, page: q.page, per_page: q.perPage, facets };
}

/**
 * The first field (in SNIPPET_FIELD_ORDER) that matched: name, skills and summary from Meilisearch's
 * highlighted copy, occupations from the listing's labels marked in JS.
 */
function snippetOf(formatted: Formatted | undefined, occupations: () => Snippet | undefined): Snippet | null {
  for (const field of SNIPPET_FIELD_ORDER) {
    if (field === 'occupations') {
      const found = occupations();
      if (found) return found;
      continue;
    }
    const text = field === 'skills' ? formatted?.skills?.join(', ') : formatted?.[field];
    if (text && text.includes(MARK_START)) return { field, parts: markedToParts(text) };
  }
  return null;
}

/**
 * Not every word has to match: Meilisearch drops the most common words first until something does
 * and ranks listings that have more of the words higher (its `words` rule), as the embedded engine does.
 */
const MATCHING_STRATEGY = 'frequency' as const;

/**
 * What Meilisearch is asked for: each term as typed, plus the forms that are other words (a typo
 * read as an index word, an occupation's English word) rather than stems of it, which Meilisearch's
 * own prefix and typo rules cover.
 */
function meiliText(q: NormalisedQuery): string {
  const words: string[] = [];
  for (const term of q.terms) {
    words.push(term.text);
    // Other words for it (an occupation's English word) only where the word itself cannot meet the
    // English listing texts: in Latin letters, Meilisearch's typo and prefix rules do better, and an
    // extra word would count as one more matched word for listings that have both.
    if (/\p{Script=Latin}/u.test(term.text)) continue;
    const folded = foldText(term.text);
    for (const form of term.forms) if (!folded.startsWith(form) && form !== folded) words.push(form);
  }
  return [...new Set(words)].join(' ');
}

/** Occupation refs whose folded labels the engine keeps (a few kB each; 2,300 refs at 100,000 listings). */
const FOLDED_LABELS_KEPT = 3_000;

/** How many listings the concept re-ranking looks at (pages beyond it are ranked by words alone). */
const RERANK_POOL = 50;

type RawHit = Record<string, unknown> & {
  _formatted?: Formatted;
  occupations?: string[];
  _rankingScore?: number;
  _rankingScoreDetails?: { words?: { matchingWords?: number } };
};

function hitFields(hit: RawHit): Omit<SearchHit, 'snippet'> {
  // A listing without a point has none (near me): it stays absent rather than null.
  return Object.fromEntries(
    MEILI_RETRIEVED_FIELDS.flatMap((k) => (k === 'point' && !hit[k] ? [] : [[k, hit[k] ?? null]])),
  ) as Omit<SearchHit, 'snippet'>;
}

interface RankedHit {
  raw: RawHit;
  hit: Omit<SearchHit, 'snippet'>;
  /** Meilisearch's ranking score, 0..1 (0 for a listing found by its concepts only) */
  score: number;
  codes: string[];
  paths: string[];
  skills: string[];
  /** how many of the query's words Meilisearch found in it */
  words: number;
  stale: boolean;
}

const STALE_PENALTY = 5;

/** The order of each sort but relevance (see NormalisedQuery.sort), on the sortable attributes. */
const MEILI_SORT: Record<Exclude<NormalisedQuery['sort'], 'relevance'>, string[]> = {
  name: ['name_sort:asc'],
  checked: ['checked_day:desc', 'name_sort:asc'],
  browse: ['country_scope:asc', 'active_rank:asc', 'checked_day:desc', 'name_sort:asc'],
};

/**
 * The `sort` of a query, if any. Near me (docs/near-me.md): nearest `_geo` first, then the listings
 * without one by near_group (national and online before EU-wide); ties in the query's own order (the
 * ranking rules after `sort` for relevance, the browse order without words), as the embedded engine.
 */
function meiliSort(q: NormalisedQuery): string[] | undefined {
  const order = q.sort === 'relevance' ? undefined : MEILI_SORT[q.sort];
  if (!q.nearPoint) return order;
  return [`_geoPoint(${q.nearPoint.lat}, ${q.nearPoint.lon}):asc`, 'near_group:asc', ...(order ?? [])];
}

/** On Meilisearch's 0..1 score scale, what each recognised concept adds (cf. CONCEPT_BOOST in SQLite). */
const MEILI_CONCEPT_BOOST: Record<PlanConcept['kind'], number> = {
  occupation: 0.35,
  skill: 0.15,
  need: 0.25,
  audience: 0.3,
  country: 0.15,
  city: 0,
};

function has(ranked: RankedHit, c: PlanConcept): boolean {
  const hit = ranked.hit;
  switch (c.kind) {
    case 'need':
      return (hit.categories as string[]).includes(c.value);
    case 'audience':
      return (hit.audiences as string[]).includes(c.value);
    case 'country':
      return (hit.countries as string[]).includes(c.value);
    case 'occupation':
      return ranked.paths.includes(c.value) || codePrefixes(c.value).some((p) => ranked.codes.includes(p));
    case 'skill':
      return c.value.startsWith('tag:') && ranked.skills.includes(skillKey(c.value.slice(4)));
    default:
      return false;
  }
}

/** Recognised concepts (not places) the listing has: each covers the words it was read from. */
function conceptsHad(ranked: RankedHit, boosts: readonly PlanConcept[]): number {
  return boosts.filter((c) => c.kind !== 'country' && c.kind !== 'city' && has(ranked, c)).length;
}

function conceptBoost(ranked: RankedHit, boosts: readonly PlanConcept[]): number {
  let sum = 0;
  for (const c of boosts)
    if (has(ranked, c)) sum += MEILI_CONCEPT_BOOST[c.kind] * (c.kind === 'country' ? 1 : c.weight);
  return sum;
}
