import type { BenchResult, IssueRow, Latency, SoakResult, Throughput } from './bench-result.schema';
import { ISSUE_ROWS, ISSUE_TODAY, type IssueRowId } from './issue-table.phase';

const n = (x: number, digits = 0) =>
  Number.isFinite(x)
    ? x.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : 'n/a';
const ms = (x: number) => n(x, x < 10 ? 2 : 1);
const x = (r: number) => (Number.isFinite(r) ? `${r.toFixed(2)}x` : 'n/a');

function row(cells: string[], widths: number[]): string {
  return cells
    .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
    .join('  ')
    .trimEnd();
}

function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return [
    row(head, widths),
    row(
      widths.map((w) => '-'.repeat(w)),
      widths,
    ),
    ...rows.map((r) => row(r, widths)),
  ];
}

const lat = (l: Latency) => [ms(l.p50), ms(l.p95), ms(l.p99)];
const rps = (t: Throughput) =>
  `${n(t.requestsPerSecond)} (p99 ${ms(t.latencyP99)} ms, API CPU ${ms(t.serverCpuMsPerRequest)} ms/req` +
  `${t.non2xx + t.errors > 0 ? `, ${t.non2xx} non-2xx, ${t.errors} errors` : ''})`;

/** The soak section: the memory curve and the errors. */
export function formatSoak(soak: SoakResult): string[] {
  const m = soak.memory;
  const engine = soak.engine === 'sqlite' ? 'embedded' : soak.engine;
  const mix = soak.settings.mix;
  const kinds = Object.entries(soak.errors.byKind)
    .map(([kind, count]) => `${kind}: ${n(count)}`)
    .join(', ');
  return [
    `Soak (API on the ${engine} engine, ${n(soak.loadSeconds)} s of load, ${soak.settings.connections} connections, ` +
      `${n(mix.search * 100)}% search, ${n(mix.match * 100)}% match, ${n(mix.approve * 100)}% approvals)`,
    `  ${n(soak.requests)} requests, ${n(soak.requestsPerSecond, 1)} req/s: ${n(soak.operations.search)} searches, ` +
      `${n(soak.operations.match)} matches, ${n(soak.operations.approvals)} approvals; ` +
      `p95 ms: search ${ms(soak.latencyMs.search.p95)}, match ${ms(soak.latencyMs.match.p95)}, ` +
      `submit ${ms(soak.latencyMs.submit.p95)}, approve ${ms(soak.latencyMs.approve.p95)}`,
    `  errors: ${n(soak.errors.total)}${kinds ? ` (${kinds})` : ''}`,
    ...table(
      ['  seconds', 'RSS MB', 'req/s', 'errors'],
      soak.samples.map((s) => [`  ${n(s.seconds)}`, n(s.rssMb, 1), n(s.requestsPerSecond, 1), n(s.errors)]),
    ),
    `  RSS before the load ${n(m.rssAtStartMb, 1)} MB, after the warm-up (${n(soak.settings.warmupSeconds)} s) ${n(m.afterWarmupMb, 1)} MB, ` +
      `at the end of the load ${n(m.endOfLoadMb, 1)} MB, after ${n(soak.settings.cooldownSeconds)} s of quiet ${n(m.afterCooldownMb, 1)} MB ` +
      `(${m.changeFromWarmup >= 0 ? '+' : ''}${n(m.changeFromWarmup * 100, 1)}%), peak ${n(m.peakRssMb, 1)} MB: ` +
      `${m.returnedWithinTolerance ? 'back within' : 'NOT back within'} 10% of the post-warm-up level`,
  ];
}

/**
 * Issue 15's table: each row today (the run) next to the figures the issue was filed with, its CPU per
 * request, and the ratios to the HTTP floor and to the engine called directly.
 */
export function formatIssueTable(result: BenchResult): string[] {
  const r = complete(result);
  const rows = r.issue.engines;
  const floor = rows.sqlite.health;
  const engineCpu = r.issue.engineCpuMs;
  const best = (p: { c10: Throughput; c50: Throughput }): IssueRow => {
    const top = p.c10.requestsPerSecond >= p.c50.requestsPerSecond ? p.c10 : p.c50;
    return { ...top, path: '', meilisearchCpuMsPerRequest: undefined };
  };
  const lines: string[][] = [];
  const add = (
    engine: 'sqlite' | 'meilisearch',
    id: IssueRowId | 'searchMix' | 'matchMix',
    label: string,
    row?: IssueRow,
  ) => {
    if (!row) return;
    const cpu = row.serverCpuMsPerRequest;
    const meiliCpu = row.meilisearchCpuMsPerRequest;
    const engineMs = id === 'nurse' || id === 'refugees' ? engineCpu[engine][id] : undefined;
    lines.push([
      label,
      ISSUE_TODAY[`${engine}.${id}`] ?? '',
      n(row.requestsPerSecond),
      ms(cpu),
      meiliCpu === undefined ? '' : ms(meiliCpu),
      floor && id !== 'health' && id !== 'meiliDirect' ? x(cpu / floor.serverCpuMsPerRequest) : '',
      engineMs !== undefined ? `${x(cpu / engineMs)} (${ms(engineMs)})` : '',
      row.non2xx + row.errors > 0 ? `${row.non2xx} non-2xx, ${row.errors} errors` : '',
    ]);
  };
  const e = rows.sqlite;
  const m = rows.meilisearch;
  add('sqlite', 'health', ISSUE_ROWS.health.label, e.health);
  add('sqlite', 'nurse', `${ISSUE_ROWS.nurse.label}, embedded`, e.nurse);
  add('sqlite', 'twoFilters', `${ISSUE_ROWS.twoFilters.label}, embedded`, e.twoFilters);
  add('sqlite', 'browse', `${ISSUE_ROWS.browse.label}, embedded`, e.browse);
  add('sqlite', 'refugees', `${ISSUE_ROWS.refugees.label}, embedded`, e.refugees);
  add(
    'sqlite',
    'searchMix',
    `/search, the mix of ${n(r.search.queries)}, embedded`,
    best(r.throughput.engines.sqlite.search),
  );
  add('sqlite', 'searchUncached', `${ISSUE_ROWS.searchUncached.label}, embedded`, e.searchUncached);
  add('sqlite', 'matchMix', '/match, the mix of 12 profiles, embedded', best(r.throughput.engines.sqlite.match));
  add('sqlite', 'matchUncached', `${ISSUE_ROWS.matchUncached.label}, embedded`, e.matchUncached);
  add('meilisearch', 'meiliDirect', ISSUE_ROWS.meiliDirect.label, m.meiliDirect);
  add('meilisearch', 'nurse', `${ISSUE_ROWS.nurse.label} through the API on Meilisearch`, m.nurse);
  add('meilisearch', 'refugees', `${ISSUE_ROWS.refugees.label} through the API on Meilisearch`, m.refugees);
  add('meilisearch', 'searchUncached', `${ISSUE_ROWS.searchUncached.label}, on Meilisearch`, m.searchUncached);
  add('meilisearch', 'searchMix', '/search, the mix, on Meilisearch', best(r.throughput.engines.meilisearch.search));
  const out = [
    `Issue 15's table (${n(r.size)} listings, ${r.settings.apiWorkers} API worker(s); autocannon ${n(r.settings.autocannonSeconds)} s at 10 and 50 connections, the better kept; CPU ms per answered request from /proc)`,
    ...table(
      [
        'what',
        'today (the issue)',
        'req/s',
        'API CPU ms',
        'Meili CPU ms',
        'CPU / HTTP floor',
        'API / engine CPU (engine ms)',
        '',
      ],
      lines,
    ),
  ];
  const ratios: string[] = [];
  if (m.nurse && m.meiliDirect) {
    ratios.push(
      `  API on Meilisearch / Meilisearch directly, q=nurse: ${x(m.nurse.requestsPerSecond / m.meiliDirect.requestsPerSecond)} the req/s; ` +
        `Meilisearch CPU per search ${ms(m.nurse.meilisearchCpuMsPerRequest ?? Number.NaN)} through the API, ${ms(m.meiliDirect.serverCpuMsPerRequest)} called directly`,
    );
  }
  ratios.push(
    `  q=refugees / q=nurse, engine CPU per call without a cache: embedded ${x(engineCpu.sqlite.refugees / engineCpu.sqlite.nurse)}, ` +
      `Meilisearch engine (the API's side) ${x(engineCpu.meilisearch.refugees / engineCpu.meilisearch.nurse)}` +
      (e.refugees && e.nurse
        ? `; through the API (repeated, so cached): ${x(e.refugees.serverCpuMsPerRequest / e.nurse.serverCpuMsPerRequest)}`
        : ''),
  );
  const docs = r.issue.meilisearchDocuments;
  ratios.push(
    `  Meilisearch documents: ${n(docs.count)}, ${n(docs.averageBytes)} bytes on average (${n(docs.rawDocumentDbMb, 1)} MB raw)`,
  );
  return [...out, ...ratios];
}

/** A copy of `v` with every number NaN (printed "n/a"): the place of what a run did not measure. */
function blank<T>(v: T): T {
  if (typeof v === 'number') return Number.NaN as T;
  if (Array.isArray(v)) return v.map(blank) as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, blank(x)])) as T;
  return v;
}

/** The figures with Meilisearch's places filled with "n/a" when the run measured the embedded engine only. */
type Complete = BenchResult & {
  search: {
    engines: Required<BenchResult['search']['engines']>;
    embeddedOverMeilisearch: NonNullable<BenchResult['search']['embeddedOverMeilisearch']>;
  };
};
function complete(r: BenchResult) {
  if (r.search.engines.meilisearch) return r as Complete & typeof filled;
  const filled = {
    ...r,
    indexing: {
      ...r.indexing,
      meilisearch: r.indexing.meilisearch ?? { listingsPerSecond: NaN, seconds: NaN, serverCpuSeconds: NaN },
      meilisearchRebuild: r.indexing.meilisearchRebuild ?? {
        seconds: NaN,
        listingsPerSecond: NaN,
        serverCpuSeconds: NaN,
      },
    },
    search: {
      ...r.search,
      engines: { ...r.search.engines, meilisearch: { ...blank(r.search.engines.sqlite), answeredBy: {} } },
      embeddedOverMeilisearch: { direct: { p50: NaN, p95: NaN }, api: { p50: NaN, p95: NaN } },
    },
    throughput: {
      engines: { ...r.throughput.engines, meilisearch: blank(r.throughput.engines.sqlite) },
      embeddedOverMeilisearch: { search: NaN, match: NaN },
    },
    approval: {
      ...r.approval,
      engines: { ...r.approval.engines, meilisearch: blank(r.approval.engines.sqlite) },
      embeddedOverMeilisearch: NaN,
      meilisearchTaskP50: NaN,
    },
    memory: { ...r.memory, meilisearch: blank(r.memory.sqlite) },
    issue: {
      ...r.issue,
      engines: { ...r.issue.engines, meilisearch: {} as BenchResult['issue']['engines']['sqlite'] },
      engineCpuMs: { ...r.issue.engineCpuMs, meilisearch: { nurse: NaN, refugees: NaN } },
      meilisearchDocuments: r.issue.meilisearchDocuments ?? { count: NaN, averageBytes: NaN, rawDocumentDbMb: NaN },
    },
  };
  return filled;
}

/** The run as the text table `npm run bench` prints (and BENCHMARKS.md quotes). */
export function formatReport(result: BenchResult): string {
  const r = complete(result);
  const m = r.machine;
  const s = r.search.engines;
  const t = r.throughput.engines;
  const a = r.approval.engines;
  const lines: string[] = [
    `Skillway benchmark: ${n(r.size)} listings (seed ${r.seed}), ${r.startedAt}, took ${n(r.durationSeconds)} s`,
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.os}`,
    `Load average at start ${m.loadAverageAtStart.join(' ')}, at end ${m.loadAverageAtEnd.join(' ')} ` +
      `(the cores are shared: a load above ${m.cores} means neighbours took CPU time during the run)`,
    '',
    'Indexing',
    ...table(
      ['', 'embedded (SQLite + FTS5)', 'Meilisearch', 'embedded / Meili'],
      [
        [
          'indexer write path, listings/s',
          n(r.indexing.sqlite.listingsPerSecond),
          n(r.indexing.meilisearch.listingsPerSecond),
          x(r.indexing.sqlite.listingsPerSecond / r.indexing.meilisearch.listingsPerSecond),
        ],
        ['seconds', n(r.indexing.sqlite.writeSeconds, 1), n(r.indexing.meilisearch.seconds, 1), ''],
        [
          'CPU seconds (indexer / Meilisearch process)',
          n(r.indexing.sqlite.cpuSeconds, 1),
          n(r.indexing.meilisearch.serverCpuSeconds, 1),
          '',
        ],
        [
          'full rebuild with swap, s (CPU s)',
          '',
          `${n(r.indexing.meilisearchRebuild.seconds, 1)} (${n(r.indexing.meilisearchRebuild.serverCpuSeconds, 1)})`,
          '',
        ],
      ],
    ),
    `  SQLite stages (s): read ${r.indexing.sqlite.stages.read}, validate ${r.indexing.sqlite.stages.validate}, ` +
      `taxonomy ${r.indexing.sqlite.stages.taxonomy}, listings ${r.indexing.sqlite.stages.listings}, ` +
      `search index ${r.indexing.sqlite.stages.searchIndex}; ` +
      `whole indexer ${r.indexing.sqlite.indexerSeconds} s; database ${r.indexing.sqlite.databaseMb} MB`,
    '',
    ...formatIssueTable(r),
    '',
    `Search latency, ms (${n(r.search.queries)} queries: ${Object.entries(r.search.mix)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}; sequential, one keep-alive connection)`,
    ...table(
      ['', 'embedded p50', 'p95', 'p99', 'Meili p50', 'p95', 'p99', 'embedded / Meili p95'],
      [
        [
          'engine called directly',
          ...lat(s.sqlite.direct),
          ...lat(s.meilisearch.direct),
          x(r.search.embeddedOverMeilisearch.direct.p95),
        ],
        [
          'through the API (HTTP)',
          ...lat(s.sqlite.api),
          ...lat(s.meilisearch.api),
          x(r.search.embeddedOverMeilisearch.api.p95),
        ],
        [
          'API / engine (our overhead)',
          x(s.sqlite.apiOverDirect.p50),
          x(s.sqlite.apiOverDirect.p95),
          '',
          x(s.meilisearch.apiOverDirect.p50),
          x(s.meilisearch.apiOverDirect.p95),
          '',
          '',
        ],
      ],
    ),
    `  answered by: embedded run ${JSON.stringify(s.sqlite.answeredBy)}, Meilisearch run ${JSON.stringify(s.meilisearch.answeredBy)}`,
    '  p95 by query type, direct / API (ms):',
    ...Object.keys(s.sqlite.direct.byType).map(
      (type) =>
        `    ${type.padEnd(13)} embedded ${ms(s.sqlite.direct.byType[type]!.p95)} / ${ms(s.sqlite.api.byType[type]!.p95)}` +
        `   Meili ${ms(s.meilisearch.direct.byType[type]!.p95)} / ${ms(s.meilisearch.api.byType[type]!.p95)}`,
    ),
    '',
    `API throughput, req/s answered 2xx (autocannon, ${r.settings.autocannonSeconds} s each)`,
    ...table(
      ['', 'embedded', 'Meilisearch', 'embedded / Meili'],
      [
        ['/search, 10 connections', rps(t.sqlite.search.c10), rps(t.meilisearch.search.c10), ''],
        [
          '/search, 50 connections',
          rps(t.sqlite.search.c50),
          rps(t.meilisearch.search.c50),
          x(r.throughput.embeddedOverMeilisearch.search),
        ],
        ['/match, 10 connections', rps(t.sqlite.match.c10), rps(t.meilisearch.match.c10), ''],
        [
          '/match, 50 connections',
          rps(t.sqlite.match.c50),
          rps(t.meilisearch.match.c50),
          x(r.throughput.embeddedOverMeilisearch.match),
        ],
      ],
    ),
    '',
    ...table(
      ['Approval to searchable (ms)', 'embedded', 'Meilisearch', 'embedded / Meili'],
      [
        ['p50', ms(a.sqlite.p50), ms(a.meilisearch.p50), x(r.approval.embeddedOverMeilisearch)],
        ['slowest', ms(a.sqlite.max), ms(a.meilisearch.max), ''],
        ['approve request alone, p50', ms(a.sqlite.approveRequestP50), ms(a.meilisearch.approveRequestP50), ''],
        ['Meilisearch upsert task, p50', '', ms(r.approval.meilisearchTaskP50), ''],
      ],
    ),
    '',
    ...table(
      [`API memory (MB), ${r.memory.sqlite.workers} worker(s) + primary`, 'embedded', 'Meilisearch'],
      [
        ['all processes: RSS once ready', n(r.memory.sqlite.rssAtStartMb, 1), n(r.memory.meilisearch.rssAtStartMb, 1)],
        ['all processes: RSS at the end', n(r.memory.sqlite.rssMb, 1), n(r.memory.meilisearch.rssMb, 1)],
        [
          'all processes: peak RSS (read each second)',
          n(r.memory.sqlite.peakRssMb, 1),
          n(r.memory.meilisearch.peakRssMb, 1),
        ],
        [
          'largest process: RSS at the end',
          n(r.memory.sqlite.largestProcessRssMb, 1),
          n(r.memory.meilisearch.largestProcessRssMb, 1),
        ],
        [
          'largest process: peak RSS (VmHWM)',
          n(r.memory.sqlite.largestProcessPeakMb, 1),
          n(r.memory.meilisearch.largestProcessPeakMb, 1),
        ],
        [
          'each process at the end (peak)',
          r.memory.sqlite.processes.map((p) => `${p.role} ${n(p.rssMb, 0)} (${n(p.peakRssMb, 0)})`).join(', '),
          r.memory.meilisearch.processes.map((p) => `${p.role} ${n(p.rssMb, 0)} (${n(p.peakRssMb, 0)})`).join(', '),
        ],
      ],
    ),
    '',
    `Web search page (built SvelteKit server, API on the ${r.web.engine === 'sqlite' ? 'embedded' : r.web.engine} engine)`,
    `  server render, ms: p50 ${ms(r.web.render.p50)}, p95 ${ms(r.web.render.p95)}, p99 ${ms(r.web.render.p99)} (${r.web.render.count} requests, wall clock: the API's time included)`,
    `  web server CPU per page: ${ms(r.web.serverCpuMsPerRequest)} ms`,
    `  first-load JS: ${n(r.web.firstLoadJs.gzipBytes / 1024, 1)} KiB gzipped (${n(r.web.firstLoadJs.rawBytes / 1024, 1)} KiB raw, ${r.web.firstLoadJs.files} modules)`,
    ...(r.soak ? ['', ...formatSoak(r.soak)] : []),
    '',
    'Targets',
    ...r.targets.map(
      (g) =>
        `  [${g.met ? 'met' : 'MISSED'}] ${g.label}: ${g.unit === 'x' ? x(g.actual) : `${n(g.actual, g.actual < 100 ? 1 : 0)} ${g.unit}`}, ${g.margin}`,
    ),
  ];
  return lines.join('\n');
}
