import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SearchEngine } from '@skillway/store/search';
import { measureThroughput, type CannonRequest } from './api-throughput.phase';
import type { IssueRow } from './bench-result.schema';
import { distinctMatches, distinctSearches, type RequestSource } from './distinct-requests';
import { round } from './latency-stats';

/**
 * The rows of issue 15's table, measured the way the issue measured them (autocannon at 10 and 50
 * connections, the better of the two kept; CPU per answered request from /proc, so neighbours on the
 * machine do not inflate it), plus the uncached runs the targets ask for.
 */
export const ISSUE_ROWS = {
  health: { label: '/api/v1/health (the HTTP floor)', path: '/api/v1/health' },
  nurse: { label: '/search?q=nurse', path: '/api/v1/search?q=nurse' },
  twoFilters: {
    label: '/search q + 2 filters',
    path: '/api/v1/search?q=nurse&country=IE&category=qualification-recognition',
  },
  browse: { label: '/search browse', path: '/api/v1/search' },
  refugees: { label: '/search?q=refugees (half the corpus)', path: '/api/v1/search?q=refugees' },
  searchUncached: { label: '/search, every query distinct (uncached)', path: '' },
  matchUncached: { label: '/match, every profile distinct (uncached)', path: '' },
  meiliDirect: { label: 'Meilisearch called directly, the same /multi-search body, q=nurse', path: '' },
} as const;
export type IssueRowId = keyof typeof ISSUE_ROWS;

/** The figures the issue was filed with (100,000 listings, the same 2 cores, one tsx process). */
export const ISSUE_TODAY: Partial<
  Record<`${'sqlite' | 'meilisearch'}.${IssueRowId | 'searchMix' | 'matchMix'}`, string>
> = {
  'sqlite.health': '12,085 req/s, 0.08 ms',
  'sqlite.nurse': '182 req/s, 6.2 ms',
  'sqlite.twoFilters': '343 req/s, 3.3 ms',
  'sqlite.browse': '499 req/s, 2.4 ms',
  'sqlite.matchMix': '64-69 req/s, 15-17 ms',
  'sqlite.refugees': '13 req/s, ~75 ms',
  'meilisearch.meiliDirect': '359 req/s, 4.9 ms (Meilisearch, both cores)',
  'meilisearch.nurse': '161-185 req/s, API 4.8 + Meilisearch 5.7 ms',
};

async function best(
  run: (connections: number) => Promise<Awaited<ReturnType<typeof measureThroughput>>>,
  path: string,
): Promise<IssueRow> {
  const runs = [await run(10), await run(50)];
  const top = runs[0]!.requestsPerSecond >= runs[1]!.requestsPerSecond ? runs[0]! : runs[1]!;
  return {
    path,
    connections: top.connections,
    requestsPerSecond: top.requestsPerSecond,
    latencyP99: top.latencyP99,
    serverCpuMsPerRequest: top.serverCpuMsPerRequest,
    ...(top.extraCpuMsPerRequest !== undefined && { meilisearchCpuMsPerRequest: top.extraCpuMsPerRequest }),
    non2xx: runs[0]!.non2xx + runs[1]!.non2xx,
    errors: runs[0]!.errors + runs[1]!.errors,
  };
}

export interface IssueTableInput {
  engine: 'sqlite' | 'meilisearch';
  apiUrl: string;
  apiPid: number;
  seconds: number;
  seed: number;
  /** the Meilisearch process, whose CPU counts with the API's on that engine */
  meilisearch?: { url: string; apiKey: string; pid: number; multiSearchBody: string };
  log: (line: string) => void;
}

/** Every row for one engine: the embedded engine gets all API rows, Meilisearch its own two and the uncached. */
export async function measureIssueTable(input: IssueTableInput): Promise<Partial<Record<IssueRowId, IssueRow>>> {
  const extraPid = input.meilisearch?.pid;
  const api = (requests: readonly CannonRequest[] | RequestSource, path: string) =>
    best((c) => measureThroughput(input.apiUrl, input.apiPid, requests, c, input.seconds, { extraPid }), path);
  const out: Partial<Record<IssueRowId, IssueRow>> = {};
  const say = (id: IssueRowId) => {
    const r = out[id]!;
    input.log(
      `  ${ISSUE_ROWS[id].label}: ${r.requestsPerSecond} req/s (${r.connections} connections), API CPU ${r.serverCpuMsPerRequest} ms/request` +
        (r.meilisearchCpuMsPerRequest !== undefined ? ` + Meilisearch ${r.meilisearchCpuMsPerRequest} ms` : ''),
    );
  };
  const ids: IssueRowId[] =
    input.engine === 'sqlite' ? ['health', 'nurse', 'twoFilters', 'browse', 'refugees'] : ['nurse', 'refugees'];
  for (const id of ids) {
    const path = ISSUE_ROWS[id].path;
    out[id] = await api([{ method: 'GET', path }], path);
    say(id);
  }
  out.searchUncached = await api(distinctSearches(input.seed), '/api/v1/search?q=<two words>&<a filter>');
  say('searchUncached');
  if (input.engine === 'sqlite') {
    out.matchUncached = await api(distinctMatches(input.seed), 'POST /api/v1/match <distinct profiles>');
    say('matchUncached');
  }
  if (input.meilisearch) {
    const m = input.meilisearch;
    // Meilisearch alone: its own process is the "server"; the API is idle meanwhile.
    out.meiliDirect = await best(
      (c) =>
        measureThroughput(
          m.url,
          m.pid,
          [{ method: 'POST', path: '/multi-search', body: m.multiSearchBody }],
          c,
          input.seconds,
          { headers: { authorization: `Bearer ${m.apiKey}` } },
        ),
      'POST /multi-search (the body the API sends for q=nurse)',
    );
    say('meiliDirect');
  }
  return out;
}

/**
 * The body the Meilisearch engine sends for a search: the engine is pointed at a recording proxy in
 * front of Meilisearch for one call.
 */
export async function captureMultiSearchBody(
  meiliUrl: string,
  makeEngine: (url: string) => SearchEngine,
  query: Parameters<SearchEngine['search']>[0],
): Promise<string> {
  const target = new URL(meiliUrl);
  let captured: string | undefined;
  const proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.url?.startsWith('/multi-search')) captured = body.toString('utf8');
      const upstream = request(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (answer: IncomingMessage) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', (error) => res.destroy(error));
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  try {
    const engine = makeEngine(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}`);
    try {
      await engine.search(query);
    } finally {
      await engine.close();
    }
  } finally {
    proxy.closeAllConnections();
    await new Promise((resolve) => proxy.close(resolve));
  }
  if (!captured) throw new Error('the Meilisearch engine sent no /multi-search request');
  return captured;
}

/**
 * CPU milliseconds per call of `engine.search()` in this process (no HTTP, no result cache: the
 * engine's own work), over `times` calls after a few untimed ones.
 */
export async function engineCpuMs(
  engine: SearchEngine,
  query: Parameters<SearchEngine['search']>[0],
  times = 30,
): Promise<number> {
  for (let i = 0; i < 3; i++) await engine.search(query);
  const before = process.cpuUsage();
  for (let i = 0; i < times; i++) await engine.search(query);
  const used = process.cpuUsage(before);
  return round((used.user + used.system) / 1000 / times, 3);
}
