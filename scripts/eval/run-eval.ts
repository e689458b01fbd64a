/**
 * `npm run eval`: how well /search and /match answer what people ask, on both search engines, against
 * a stock-Meilisearch baseline.
 *
 * The cases are in eval-set.json (tuning set) and eval-set.heldout.json (held-out set: not to be read
 * while tuning; see eval-set.ts). For each engine (the embedded SQLite one and a real Meilisearch
 * started for the run from the npm package the tests use) it builds a throw-away database from data/
 * with the real indexer, starts the real API in-process on a free loopback port (or calls the matcher
 * and the engine directly when the API cannot serve them, and says so), and sends every case to
 * GET /search and POST /match. The baseline is a stock Meilisearch index (default settings, only the
 * filterable attributes it needs) holding the raw records of data/listings.json, searched with each
 * case's `q` and filtered by its country and audience when it has them.
 *
 * It prints recall@5 and MRR per engine and route, split into tuning / held-out / all, and per UI
 * language and per audience over all cases, plus the zero-result searches. It reports and never gates:
 * the exit code is 0 whatever the scores, 1 when the evaluation cannot run, 2 on bad usage.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type {
  ListingRecord,
  MatchRequest,
  MatchResponse,
  SearchQuery,
  SearchResponse,
  Understood,
} from '@skillway/core';
import { runIndexer } from '@skillway/indexer';
import { openStore, type Store } from '@skillway/store';
import { createMatcher, MatchDataCache } from '@skillway/store/match';
import { createSearchEngine, createSearchService } from '@skillway/store/search';
import { startMeilisearch, type MeilisearchServer } from '@skillway/store/testing';
import {
  counts,
  groupsOf,
  MRR_DEPTH,
  problemsOf,
  readEvalSets,
  readListings,
  ROOT,
  score,
  summarise,
  TOP,
  type Scored,
  type SplitCase,
} from './eval-set';

const HELP = `npm run eval -- [options]

Search and matching quality on scripts/eval/eval-set.json (tuning) and eval-set.heldout.json (held out):
recall@${TOP} and MRR of GET /search and POST /match on each engine, and of a stock Meilisearch baseline.

  --engine sqlite|meilisearch|both   engines to evaluate (default both)
  --meilisearch                      same as --engine meilisearch (older spelling)
  --no-baseline                      skip the stock-Meilisearch baseline
  --verbose, -v                      list the misses of each engine and route with their top ${TOP}
  --json <file>                      write the per-case results
  --show-heldout                     include held-out cases in --verbose and --json (they are
                                     summarised only otherwise, so tuning never sees them)
  --help, -h                         this text

Exit 0 whatever the scores; 1 when the evaluation cannot run; 2 on bad usage.`;

type EngineName = 'sqlite' | 'meilisearch';

interface EngineCase {
  search: Scored & { understood: Understood | null; engine: string; error?: string };
  match: Scored & {
    interpreted: MatchResponse['interpreted'] | null;
    understood: Understood | null;
    error?: string;
  };
}

interface EngineRun {
  engine: EngineName;
  mode: string;
  /** by case id */
  cases: Map<string, EngineCase>;
}

type Ask = {
  match(body: MatchRequest): Promise<MatchResponse>;
  search(query: SearchQuery): Promise<SearchResponse>;
  mode: string;
  close(): Promise<void>;
};

function searchParams(query: SearchQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else if (value !== undefined) params.append(key, String(value));
  }
  return params.toString();
}

async function overHttp(url: string): Promise<Pick<Ask, 'match' | 'search'>> {
  const json = async <T>(response: Response, what: string): Promise<T> => {
    if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
    return (await response.json()) as T;
  };
  return {
    match: async (body) =>
      json<MatchResponse>(
        await fetch(`${url}/api/v1/match`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
        'POST /match',
      ),
    search: async (query) =>
      json<SearchResponse>(await fetch(`${url}/api/v1/search?${searchParams(query)}`), 'GET /search'),
  };
}

/** The real API when it can start and serves /match; otherwise the matcher and the engine in-process. */
async function connect(dbPath: string, store: Store, engineEnv: NodeJS.ProcessEnv): Promise<Ask> {
  const direct = () => {
    const engine = createSearchEngine(store, engineEnv);
    const data = new MatchDataCache(store.db);
    const matcher = createMatcher({ db: store.db, engine, data });
    const service = createSearchService({ engine, data });
    return { match: (b: MatchRequest) => matcher.match(b), search: (q: SearchQuery) => service.search(q) };
  };
  let api: { url: string; close(): Promise<void> } | undefined;
  try {
    const server = (await import('../../api/src/server')) as {
      startApi?: (o: {
        env: NodeJS.ProcessEnv;
        handleSignals: boolean;
      }) => Promise<{ url: string; close(): Promise<void> }>;
    };
    if (typeof server.startApi === 'function') {
      api = await server.startApi({
        handleSignals: false,
        env: {
          ...engineEnv,
          API_HOST: '127.0.0.1',
          API_PORT: '0',
          DATABASE_PATH: dbPath,
          LOG_LEVEL: 'silent',
          RATE_LIMIT_PER_MINUTE: '0',
        },
      });
    }
  } catch (error) {
    console.log(`(the API did not start: ${(error as Error).message.split('\n')[0]})`);
  }
  if (!api)
    return { ...direct(), mode: 'matcher and engine called in-process (the API did not start)', close: async () => {} };

  const http = await overHttp(api.url);
  const probe = await fetch(`${api.url}/api/v1/match`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: 'nurse' }),
  });
  const close = api.close;
  if (probe.status === 404) {
    const local = direct();
    return {
      match: local.match,
      search: http.search,
      mode: `real API at ${api.url} for /search; /match is not routed by the API, so the matcher is called in-process`,
      close,
    };
  }
  return { ...http, mode: `real API at ${api.url}`, close };
}

const failed = (error: unknown): Scored & { error: string } => ({
  ...score([], ['-'], 0, 0),
  error: (error as Error).message.split('\n')[0]!,
});

async function runEngine(
  engine: EngineName,
  cases: readonly SplitCase[],
  dir: string,
  meilisearch: MeilisearchServer | undefined,
): Promise<EngineRun> {
  const dbPath = join(dir, `${engine}.db`);
  const engineEnv: NodeJS.ProcessEnv =
    engine === 'meilisearch' && meilisearch
      ? {
          MEILI_URL: meilisearch.url,
          MEILI_MASTER_KEY: meilisearch.apiKey,
          MEILI_INDEX_PREFIX: 'eval-',
          // a loaded 2-core machine must not make the API answer from the embedded engine instead
          SEARCH_TIMEOUT_MS: '15000',
        }
      : {};
  const indexed = await runIndexer({ dataDir: join(ROOT, 'data'), dbPath, env: engineEnv });
  const store = await openStore(dbPath);
  let ask: Ask | undefined;
  try {
    ask = await connect(dbPath, store, engineEnv);
    console.log(
      `[${engine}] indexed ${indexed.counts.total} listings in ${Math.round(indexed.ms)} ms; asking the ${ask.mode}.`,
    );
    const out = new Map<string, EngineCase>();
    for (const c of cases) {
      let t = performance.now();
      let match: EngineCase['match'];
      try {
        const r = await ask.match({ limit: MRR_DEPTH, ...c.match });
        const ids = r.results.map((x) => x.listing.id);
        match = {
          ...score(ids, c.expect, ids.length, performance.now() - t),
          interpreted: r.interpreted ?? null,
          understood: r.understood ?? null,
        };
      } catch (error) {
        match = { ...failed(error), interpreted: null, understood: null };
      }
      t = performance.now();
      let search: EngineCase['search'];
      try {
        const r = await ask.search({ per_page: MRR_DEPTH, ...c.search });
        search = {
          ...score(
            r.hits.map((h) => h.id),
            c.expect,
            r.total,
            performance.now() - t,
          ),
          understood: r.understood ?? null,
          engine: r.engine,
        };
      } catch (error) {
        search = { ...failed(error), understood: null, engine: 'error' };
      }
      out.set(c.id, { search, match });
    }
    return { engine, mode: ask.mode, cases: out };
  } finally {
    await ask?.close();
    await store.close();
  }
}

// --- the stock-Meilisearch baseline ---------------------------------------------------------------

const BASELINE_INDEX = 'baseline-stock-raw-listings';

async function meiliCall(server: MeilisearchServer, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`Meilisearch ${method} ${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

async function meiliTask(server: MeilisearchServer, enqueued: unknown): Promise<void> {
  const uid = (enqueued as { taskUid: number }).taskUid;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const task = (await meiliCall(server, 'GET', `/tasks/${uid}`)) as { status: string; error?: { message: string } };
    if (task.status === 'succeeded') return;
    if (task.status === 'failed' || task.status === 'canceled')
      throw new Error(`Meilisearch task ${uid} ${task.status}: ${task.error?.message ?? ''}`);
    if (Date.now() > deadline) throw new Error(`Meilisearch task ${uid} still ${task.status} after 60 s`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const filterValue = (values: readonly string[]) => `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;

async function runBaseline(
  server: MeilisearchServer,
  listings: readonly ListingRecord[],
  cases: readonly SplitCase[],
): Promise<Map<string, Scored & { error?: string }>> {
  await meiliTask(server, await meiliCall(server, 'POST', '/indexes', { uid: BASELINE_INDEX, primaryKey: 'id' }));
  // Stock settings, except what filtering by country and audience needs.
  await meiliTask(
    server,
    await meiliCall(server, 'PUT', `/indexes/${BASELINE_INDEX}/settings/filterable-attributes`, [
      'countries',
      'audiences',
    ]),
  );
  await meiliTask(server, await meiliCall(server, 'POST', `/indexes/${BASELINE_INDEX}/documents`, listings));
  console.log(`[baseline] stock Meilisearch index of the ${listings.length} raw listing records ready.`);
  const out = new Map<string, Scored & { error?: string }>();
  for (const c of cases) {
    const filter: string[] = [];
    if (c.search.country?.length) filter.push(`countries IN ${filterValue(c.search.country)}`);
    if (c.search.audience?.length) filter.push(`audiences IN ${filterValue(c.search.audience)}`);
    const t = performance.now();
    try {
      const r = (await meiliCall(server, 'POST', `/indexes/${BASELINE_INDEX}/search`, {
        q: c.search.q ?? '',
        limit: MRR_DEPTH,
        ...(filter.length ? { filter: filter.join(' AND ') } : {}),
      })) as { hits: { id: string }[]; estimatedTotalHits?: number; totalHits?: number };
      out.set(
        c.id,
        score(
          r.hits.map((h) => h.id),
          c.expect,
          r.totalHits ?? r.estimatedTotalHits ?? r.hits.length,
          performance.now() - t,
        ),
      );
    } catch (error) {
      out.set(c.id, failed(error));
    }
  }
  return out;
}

// --- the report ------------------------------------------------------------------------------------

const pct = (n: number) => (Number.isNaN(n) ? '   -  ' : `${(n * 100).toFixed(1)}%`.padStart(6));
const mrr = (n: number) => (Number.isNaN(n) ? '  -  ' : n.toFixed(3));

interface Column {
  title: string;
  pick: (c: SplitCase) => Scored | undefined;
}

function report(
  cases: readonly SplitCase[],
  runs: readonly EngineRun[],
  baseline: Map<string, Scored> | undefined,
  verbose: boolean,
  showHeldout: boolean,
): void {
  const columns: Column[] = [];
  for (const run of runs) {
    const short = run.engine === 'meilisearch' ? 'meili' : 'sqlite';
    columns.push({ title: `${short} /search`, pick: (c) => run.cases.get(c.id)?.search });
    columns.push({ title: `${short} /match`, pick: (c) => run.cases.get(c.id)?.match });
  }
  if (baseline) columns.push({ title: 'stock /search', pick: (c) => baseline.get(c.id) });

  const W = 15;
  console.log(
    `\nrecall@${TOP} and MRR (first good answer within ${MRR_DEPTH}); "stock" = the stock-Meilisearch baseline`,
  );
  console.log(`${''.padEnd(22)}cases │${columns.map((c) => c.title.padStart(W - 1).padEnd(W)).join('│')}`);
  console.log(`${''.padEnd(22)}      │${columns.map(() => ` R@${TOP}    MRR  `.padStart(W).slice(0, W)).join('│')}`);
  for (const group of groupsOf(cases)) {
    const rows = cases.filter(group.pick);
    if (rows.length === 0) continue;
    const cells = columns.map((col) => {
      const s = summarise(rows.map(col.pick).filter((x): x is Scored => x !== undefined));
      return ` ${pct(s.recall)}  ${mrr(s.mrr)} `.padEnd(W);
    });
    if (group.label.trim() === 'all' || group.label.trim().startsWith('lang en'))
      console.log(`${'─'.repeat(28)}┼${columns.map(() => '─'.repeat(W)).join('┼')}`);
    console.log(`${group.label.padEnd(22)}${String(rows.length).padStart(5)} │${cells.join('│')}`);
  }

  // Zero-result searches.
  console.log(`\nZero-result searches (of ${cases.length} search cases):`);
  for (const run of runs) {
    const zero = cases.filter((c) => run.cases.get(c.id)?.search.total === 0 && !run.cases.get(c.id)?.search.error);
    const withUnderstood = cases.filter((c) => run.cases.get(c.id)?.search.understood).length;
    const recognised = zero.filter((c) => (run.cases.get(c.id)?.search.understood?.concepts.length ?? 0) > 0);
    const bySplit = (xs: SplitCase[]) =>
      `tuning ${xs.filter((c) => c.split === 'tuning').length}, held-out ${xs.filter((c) => c.split === 'heldout').length}`;
    console.log(
      `  ${run.engine.padEnd(12)} ${String(zero.length).padStart(3)} (${bySplit(zero)}); ` +
        (withUnderstood === 0
          ? `no response carried 'understood', so recognised concepts cannot be counted`
          : `${recognised.length} of them with recognised concepts (${bySplit(recognised)}); 'understood' in ${withUnderstood} responses`),
    );
  }
  if (baseline) {
    const zero = cases.filter((c) => baseline.get(c.id)?.total === 0 && !('error' in baseline.get(c.id)!));
    console.log(`  ${'stock'.padEnd(12)} ${String(zero.length).padStart(3)}`);
  }

  // Errors and engine fallbacks.
  for (const run of runs) {
    const errors = cases.flatMap((c) => {
      const r = run.cases.get(c.id);
      return [
        r?.search.error ? `${c.id} /search: ${r.search.error}` : '',
        r?.match.error ? `${c.id} /match: ${r.match.error}` : '',
      ].filter(Boolean);
    });
    if (errors.length > 0)
      console.log(
        `\n[${run.engine}] ${errors.length} requests failed (scored as misses):\n  ${errors.slice(0, 10).join('\n  ')}`,
      );
    const other = cases.filter((c) => {
      const e = run.cases.get(c.id)?.search.engine;
      return e !== undefined && e !== 'error' && e !== run.engine;
    });
    if (other.length > 0)
      console.log(`\n[${run.engine}] ${other.length} searches were answered by another engine (fallback).`);
  }

  const ms = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    if (sorted.length === 0) return '-';
    return `median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms, max ${sorted[sorted.length - 1]!.toFixed(1)} ms`;
  };
  console.log('');
  for (const run of runs) {
    const all = [...run.cases.values()];
    console.log(
      `Latency [${run.engine}] as seen by this script: /search ${ms(all.map((r) => r.search.ms))}; /match ${ms(all.map((r) => r.match.ms))}`,
    );
  }

  const visible = cases.filter((c) => showHeldout || c.split === 'tuning');
  if (!verbose) {
    const misses = columns.map((col) => `${col.title} ${visible.filter((c) => (col.pick(c)?.recall ?? 0) < 1).length}`);
    console.log(`\nTuning-set cases not fully found in the top ${TOP}: ${misses.join(', ')} (--verbose lists them).`);
    return;
  }
  for (const col of columns) {
    const misses = visible.filter((c) => (col.pick(c)?.recall ?? 0) < 1);
    console.log(
      `\n${col.title} misses${showHeldout ? '' : ' (tuning set; held-out cases are not shown)'} (${misses.length}):`,
    );
    for (const c of misses) {
      const s = col.pick(c)!;
      const top = s.ids.slice(0, TOP).map((id) => (c.expect.includes(id) ? `*${id}` : id));
      const missing = c.expect.filter((id) => !s.ids.slice(0, TOP).includes(id));
      const run = runs.find((r) => col.title.startsWith(r.engine === 'meilisearch' ? 'meili' : 'sqlite'));
      const r = run?.cases.get(c.id);
      const understood = col.title.endsWith('/search') ? r?.search.understood : r?.match.understood;
      const concepts = understood?.concepts.map((x) => `${x.kind}:${x.value}`).join(' ') ?? '';
      const interpreted = col.title.endsWith('/match')
        ? (r?.match.interpreted?.occupations ?? []).map((o) => `${o.code} ${o.label}`).join(' | ')
        : '';
      const what =
        col.title.endsWith('/search') || col.title.startsWith('stock')
          ? `q="${c.search.q ?? ''}"`
          : `text="${c.match.text ?? ''}"`;
      console.log(
        `  ${c.id}${c.split === 'heldout' ? ' (held out)' : ''} [${c.lang}] ${what}: recall ${pct(s.recall).trim()}` +
          `${missing.length ? `, missing ${missing.join(', ')}` : ''}${s.total === 0 ? ', ZERO results' : ''}` +
          `${concepts ? `; understood ${concepts}` : ''}${interpreted ? `; occupations ${interpreted}` : ''}` +
          `${'error' in s && s.error ? `; error ${String(s.error)}` : ''}`,
      );
      console.log(`      top ${TOP}: ${top.join(', ') || '(nothing)'}`);
    }
  }
}

function perCaseJson(
  cases: readonly SplitCase[],
  runs: readonly EngineRun[],
  baseline: Map<string, Scored> | undefined,
  showHeldout: boolean,
): unknown {
  const groups = groupsOf(cases).map((g) => {
    const rows = cases.filter(g.pick);
    const cell = (pick: (c: SplitCase) => Scored | undefined) =>
      summarise(rows.map(pick).filter((x): x is Scored => x !== undefined));
    return {
      group: g.label.trim(),
      cases: rows.length,
      ...Object.fromEntries(
        runs.flatMap((run) => [
          [`${run.engine}/search`, cell((c) => run.cases.get(c.id)?.search)],
          [`${run.engine}/match`, cell((c) => run.cases.get(c.id)?.match)],
        ]),
      ),
      ...(baseline ? { 'stock/search': cell((c) => baseline.get(c.id)) } : {}),
    };
  });
  return {
    top: TOP,
    mrrDepth: MRR_DEPTH,
    counts: counts(cases),
    summary: groups,
    heldoutCasesIncluded: showHeldout,
    cases: cases
      .filter((c) => showHeldout || c.split === 'tuning')
      .map((c) => ({
        id: c.id,
        split: c.split,
        lang: c.lang,
        who: c.who,
        expect: c.expect,
        match: c.match,
        search: c.search,
        engines: Object.fromEntries(runs.map((run) => [run.engine, run.cases.get(c.id)])),
        ...(baseline ? { baseline: baseline.get(c.id) } : {}),
      })),
  };
}

// --- main ------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        engine: { type: 'string', default: 'both' },
        meilisearch: { type: 'boolean', default: false },
        'no-baseline': { type: 'boolean', default: false },
        verbose: { type: 'boolean', short: 'v', default: false },
        json: { type: 'string' },
        'show-heldout': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: false,
      strict: true,
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (args.help) {
    console.log(HELP);
    return 0;
  }
  const engineArg = args.meilisearch ? 'meilisearch' : args.engine;
  if (!['sqlite', 'meilisearch', 'both'].includes(engineArg)) {
    console.error(`--engine must be sqlite, meilisearch or both (got "${engineArg}")\n\n${HELP}`);
    return 2;
  }
  const engines: EngineName[] = engineArg === 'both' ? ['sqlite', 'meilisearch'] : [engineArg as EngineName];
  const withBaseline = !args['no-baseline'];

  const started = performance.now();
  const listings = readListings();
  const cases = readEvalSets();
  const problems = problemsOf(cases, listings);
  if (problems.length > 0) throw new Error(`the eval set has problems:\n  ${problems.join('\n  ')}`);
  const c = counts(cases);
  console.log(
    `${cases.length} cases: ${c.all!.tuning} tuning (eval-set.json), ${c.all!.heldout} held out (eval-set.heldout.json).`,
  );

  const dir = mkdtempSync(join(tmpdir(), 'skillway-eval-'));
  let meilisearch: MeilisearchServer | undefined;
  try {
    if (engines.includes('meilisearch') || withBaseline) {
      meilisearch = await startMeilisearch();
      console.log(`Started Meilisearch at ${meilisearch.url} for this run.`);
    }
    const runs: EngineRun[] = [];
    for (const engine of engines) runs.push(await runEngine(engine, cases, dir, meilisearch));
    const baseline = withBaseline && meilisearch ? await runBaseline(meilisearch, listings, cases) : undefined;

    report(cases, runs, baseline, args.verbose, args['show-heldout']);
    if (args.json) {
      writeFileSync(args.json, JSON.stringify(perCaseJson(cases, runs, baseline, args['show-heldout']), null, 2));
      console.log(
        `Per-case results written to ${args.json}${args['show-heldout'] ? '' : ' (tuning cases; held-out summarised only)'}.`,
      );
    }
    console.log(`\nEvaluation finished in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    return 0;
  } finally {
    await meilisearch?.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('The evaluation could not run:', error);
    process.exit(1);
  },
);
