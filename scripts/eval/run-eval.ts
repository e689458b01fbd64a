/**
 * `npm run eval`: how well /match and /search answer the requests in eval-set.json.
 *
 * Builds a throw-away database from data/ with the real indexer, starts the real API in-process on a
 * free loopback port (or, when the API does not serve /match yet, calls the matcher directly and says
 * so), sends every case to both endpoints and prints recall@5 and MRR for each, then the cases that
 * miss. It reports and does not gate: the exit code is 0 whatever the scores (1 only when the
 * evaluation itself cannot run). Options: --verbose (every case's top 5), --json <file> (write the
 * per-case results), --meilisearch (index into and search with a real Meilisearch server started for
 * the run, from the npm package the tests use, instead of the embedded engine).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  compileValidator,
  MatchRequestSchema,
  SearchQuerySchema,
  type ListingRecord,
  type MatchRequest,
  type MatchResponse,
  type SearchQuery,
  type SearchResponse,
} from '@skillway/core';
import { runIndexer } from '@skillway/indexer';
import { openStore, type Store } from '@skillway/store/db';
import { createMatcher } from '@skillway/store/match/matcher';
import { createSearchEngine } from '@skillway/store/search/rebuild';
import { startMeilisearch, type MeilisearchServer } from '@skillway/store/testing/meilisearch-server';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TOP = 5;
/** MRR looks this deep: a first good answer at rank 6-10 still counts, less. */
const MRR_DEPTH = 10;

interface EvalCase {
  id: string;
  who: 'refugees' | 'employers' | 'service-providers';
  note?: string;
  /** written after tuning and not used for it */
  heldout?: boolean;
  match: MatchRequest;
  search: SearchQuery;
  expect: string[];
}

interface Scored {
  ids: string[];
  recall: number;
  reciprocalRank: number;
  ms: number;
}

interface CaseResult {
  id: string;
  who: string;
  heldout: boolean;
  expect: string[];
  match: Scored & { interpreted: MatchResponse['interpreted'] };
  search: Scored;
}

type Ask = {
  match(body: MatchRequest): Promise<MatchResponse>;
  search(query: SearchQuery): Promise<SearchResponse>;
  mode: string;
  close(): Promise<void>;
};

function score(ids: string[], expect: string[], ms: number): Scored {
  const top = ids.slice(0, TOP);
  const recall = expect.filter((id) => top.includes(id)).length / expect.length;
  const rank = ids.slice(0, MRR_DEPTH).findIndex((id) => expect.includes(id));
  return { ids: ids.slice(0, MRR_DEPTH), recall, reciprocalRank: rank === -1 ? 0 : 1 / (rank + 1), ms };
}

function readCases(listings: ListingRecord[]): EvalCase[] {
  const { cases } = JSON.parse(readFileSync(join(ROOT, 'scripts', 'eval', 'eval-set.json'), 'utf8')) as {
    cases: EvalCase[];
  };
  const matchValid = compileValidator(MatchRequestSchema);
  const searchValid = compileValidator(SearchQuerySchema);
  const known = new Map(listings.map((l) => [l.id, l]));
  const problems: string[] = [];
  for (const c of cases) {
    for (const e of matchValid.errors(structuredClone(c.match))) problems.push(`${c.id}: match.${e.field} ${e.reason}`);
    for (const e of searchValid.errors(structuredClone(c.search)))
      problems.push(`${c.id}: search.${e.field} ${e.reason}`);
    for (const id of c.expect) {
      const listing = known.get(id);
      if (!listing) problems.push(`${c.id}: expected listing ${id} does not exist`);
      else if (listing.active === false) problems.push(`${c.id}: expected listing ${id} has ended (active: false)`);
    }
  }
  if (problems.length > 0) throw new Error(`eval-set.json has problems:\n  ${problems.join('\n  ')}`);
  return cases;
}

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
    if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${await response.text()}`);
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
    const matcher = createMatcher({ db: store.db, engine });
    return { match: (b: MatchRequest) => matcher.match(b), search: (q: SearchQuery) => engine.search(q) };
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
    return { ...direct(), mode: 'matcher and SQLite engine called in-process (no startApi)', close: async () => {} };

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
      mode: `real API at ${api.url} for /search; /match is not routed by the API yet, so the matcher is called in-process`,
      close,
    };
  }
  return { ...http, mode: `real API at ${api.url} (POST /api/v1/match, GET /api/v1/search)`, close };
}

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

async function main(): Promise<void> {
  const started = performance.now();
  const verbose = process.argv.includes('--verbose');
  const jsonAt = process.argv.indexOf('--json');
  const jsonPath = jsonAt > 0 ? process.argv[jsonAt + 1] : undefined;

  const listings = JSON.parse(readFileSync(join(ROOT, 'data', 'listings.json'), 'utf8')) as ListingRecord[];
  const cases = readCases(listings);
  const dir = mkdtempSync(join(tmpdir(), 'skillway-eval-'));
  const dbPath = join(dir, 'eval.db');
  let ask: Ask | undefined;
  let store: Store | undefined;
  let meilisearch: MeilisearchServer | undefined;
  try {
    let engineEnv: NodeJS.ProcessEnv = {};
    if (process.argv.includes('--meilisearch')) {
      meilisearch = await startMeilisearch();
      engineEnv = { MEILI_URL: meilisearch.url, MEILI_MASTER_KEY: meilisearch.apiKey, MEILI_INDEX_PREFIX: 'eval-' };
      console.log(`Started Meilisearch at ${meilisearch.url} for this run.`);
    }
    const indexed = await runIndexer({ dataDir: join(ROOT, 'data'), dbPath, env: engineEnv });
    console.log(`Indexed ${indexed.counts.total} listings into a temporary database in ${Math.round(indexed.ms)} ms.`);
    store = await openStore(dbPath);
    ask = await connect(dbPath, store, engineEnv);
    console.log(`Asking: ${ask.mode}.`);
    const probe = await ask.search({ q: 'nurse', per_page: 1 });
    console.log(`Search engine answering: ${probe.engine}.`);

    const results: CaseResult[] = [];
    for (const c of cases) {
      let t = performance.now();
      const matched = await ask.match({ limit: MRR_DEPTH, ...c.match });
      const matchMs = performance.now() - t;
      t = performance.now();
      const searched = await ask.search({ per_page: MRR_DEPTH, ...c.search });
      const searchMs = performance.now() - t;
      results.push({
        id: c.id,
        who: c.who,
        heldout: c.heldout === true,
        expect: c.expect,
        match: {
          ...score(
            matched.results.map((r) => r.listing.id),
            c.expect,
            matchMs,
          ),
          interpreted: matched.interpreted,
        },
        search: score(
          searched.hits.map((h) => h.id),
          c.expect,
          searchMs,
        ),
      });
    }
    report(results, verbose);
    if (jsonPath) writeFileSync(jsonPath, JSON.stringify(results, null, 2));
    console.log(`\nEvaluation finished in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await ask?.close();
    await store?.close();
    await meilisearch?.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(results: CaseResult[], verbose: boolean): void {
  const line = (label: string, rs: CaseResult[]) => {
    const m = rs.map((r) => r.match);
    const s = rs.map((r) => r.search);
    console.log(
      `${label.padEnd(22)} ${String(rs.length).padStart(3)}   ` +
        `${pct(mean(m.map((x) => x.recall))).padStart(6)}  ${mean(m.map((x) => x.reciprocalRank)).toFixed(3)}   ` +
        `${pct(mean(s.map((x) => x.recall))).padStart(6)}  ${mean(s.map((x) => x.reciprocalRank)).toFixed(3)}`,
    );
  };
  console.log(`\n${''.padEnd(22)} cases   /match recall@${TOP}  MRR   /search recall@${TOP}  MRR`);
  line('all', results);
  for (const who of ['refugees', 'employers', 'service-providers']) {
    line(
      `  ${who}`,
      results.filter((r) => r.who === who),
    );
  }
  line(
    'tuning set',
    results.filter((r) => !r.heldout),
  );
  line(
    'held-out set',
    results.filter((r) => r.heldout),
  );
  const ms = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return `median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms, max ${sorted[sorted.length - 1]!.toFixed(1)} ms`;
  };
  console.log(
    `\nLatency as seen by this script: /match ${ms(results.map((r) => r.match.ms))}; /search ${ms(results.map((r) => r.search.ms))}`,
  );

  const show = (title: string, pick: (r: CaseResult) => Scored, extra: (r: CaseResult) => string) => {
    const misses = results.filter((r) => verbose || pick(r).recall < 1);
    console.log(`\n${title} (${misses.length}):`);
    for (const r of misses) {
      const s = pick(r);
      const top = s.ids.slice(0, TOP).map((id) => (r.expect.includes(id) ? `*${id}` : id));
      const missing = r.expect.filter((id) => !s.ids.slice(0, TOP).includes(id));
      console.log(
        `  ${r.id}${r.heldout ? ' (held out)' : ''}: recall ${pct(s.recall)}${missing.length ? `, missing ${missing.join(', ')}` : ''}${extra(r)}`,
      );
      console.log(`      top ${TOP}: ${top.join(', ') || '(nothing)'}`);
    }
  };
  const interpreted = (r: CaseResult) => {
    const o = r.match.interpreted.occupations.map((x) => `${x.code} ${x.label}`);
    const k = r.match.interpreted.skills.map((x) => x.label);
    return o.length + k.length > 0 ? `; understood: ${[...o, ...k].join(' | ')}` : '';
  };
  show(verbose ? '/match, every case' : '/match misses', (r) => r.match, interpreted);
  show(
    verbose ? '/search, every case' : '/search misses',
    (r) => r.search,
    () => '',
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('The evaluation could not run:', error);
    process.exit(1);
  },
);
