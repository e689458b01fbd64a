import type { BenchResult, Target } from './bench-result.schema';
import { round } from './latency-stats';

type Figures = Omit<BenchResult, 'targets'>;

const ENGINE_LABEL = { sqlite: 'embedded', meilisearch: 'Meilisearch' } as const;

function target(
  id: string,
  label: string,
  actual: number,
  limit: number,
  unit: string,
  higherIsBetter: boolean,
  strict = false,
): Target {
  const met = Number.isFinite(actual) && (higherIsBetter ? actual >= limit : strict ? actual < limit : actual <= limit);
  const gap = round(Math.abs(actual - limit), unit === 'x' ? 2 : 1);
  const times = round(actual / limit, 2);
  const fmt = (n: number) => `${n.toLocaleString('en-GB')}${unit === 'x' ? 'x' : ` ${unit}`}`;
  const margin = met
    ? `met, ${fmt(gap)} to spare`
    : `missed by ${fmt(gap)} (${times}x the ${higherIsBetter ? 'target' : 'limit'})`;
  return { id, label, actual, limit, unit, higherIsBetter, met, margin };
}

/** The project's performance targets (issue 15's at 100,000 listings on 2 cores), checked against a run. */
export function evaluateTargets(r: Figures): Target[] {
  const out: Target[] = [];
  const issue = r.issue.engines;
  // Meilisearch's targets only when the run measured it (not with --engines sqlite).
  const measured = (['sqlite', 'meilisearch'] as const).filter((e) => r.search.engines[e] !== undefined);
  for (const engine of measured) {
    const name = ENGINE_LABEL[engine];
    const s = r.search.engines[engine]!;
    out.push(
      target(`search-p95-api-${engine}`, `search p95 through the API <= 10 ms (${name})`, s.api.p95, 10, 'ms', false),
    );
    out.push(
      target(
        `api-overhead-${engine}`,
        `search p95 through the API <= 1.3x the engine directly (${name})`,
        s.apiOverDirect.p95,
        1.3,
        'x',
        false,
      ),
    );
  }
  const bestOf = (t: { c10: { requestsPerSecond: number }; c50: { requestsPerSecond: number } }) =>
    Math.max(t.c10.requestsPerSecond, t.c50.requestsPerSecond);
  const sqlite = r.throughput.engines.sqlite;
  out.push(
    target(
      'search-rps-sqlite',
      '/search >= 3,000 req/s on the mix (embedded, best of 10/50 connections)',
      bestOf(sqlite.search),
      3000,
      'req/s',
      true,
    ),
  );
  if (issue.sqlite.searchUncached) {
    out.push(
      target(
        'search-rps-uncached-sqlite',
        '/search >= 1,500 req/s, every query distinct (embedded)',
        issue.sqlite.searchUncached.requestsPerSecond,
        1500,
        'req/s',
        true,
      ),
      target(
        'search-cpu-uncached-sqlite',
        'API CPU per search <= 0.7 ms, every query distinct (embedded)',
        issue.sqlite.searchUncached.serverCpuMsPerRequest,
        0.7,
        'ms',
        false,
      ),
    );
  }
  out.push(
    target(
      'match-rps-sqlite',
      '/match >= 1,000 req/s on the mix (embedded)',
      bestOf(sqlite.match),
      1000,
      'req/s',
      true,
    ),
  );
  if (issue.sqlite.matchUncached) {
    out.push(
      target(
        'match-rps-uncached-sqlite',
        '/match >= 400 req/s, every profile distinct (embedded)',
        issue.sqlite.matchUncached.requestsPerSecond,
        400,
        'req/s',
        true,
      ),
    );
  }
  const cpu = r.issue.engineCpuMs.sqlite;
  out.push(
    target(
      'half-corpus-cost-sqlite',
      'q=refugees (half the corpus) costs <= 3x q=nurse (embedded engine CPU, uncached)',
      round(cpu.refugees / cpu.nurse, 2),
      3,
      'x',
      false,
    ),
  );
  const meiliNurse = issue.meilisearch?.nurse;
  if (meiliNurse) {
    out.push(
      target(
        'meili-api-cpu',
        "API CPU per search on top of Meilisearch's <= 0.5 ms (q=nurse)",
        meiliNurse.serverCpuMsPerRequest,
        0.5,
        'ms',
        false,
      ),
    );
  }
  if (r.issue.meilisearchDocuments && r.indexing.meilisearch) {
    out.push(
      target(
        'meili-document-size',
        'Meilisearch documents <= 1.5 KB on average',
        round(r.issue.meilisearchDocuments.averageBytes / 1024, 2),
        1.5,
        'KB',
        false,
      ),
      target(
        'index-meili',
        'indexing into Meilisearch >= 3,000 listings/s',
        r.indexing.meilisearch.listingsPerSecond,
        3000,
        'listings/s',
        true,
      ),
    );
  }
  out.push(
    target(
      'index-sqlite',
      'indexing into SQLite >= 20,000 listings/s',
      r.indexing.sqlite.listingsPerSecond,
      20_000,
      'listings/s',
      true,
    ),
  );
  if (r.indexing.meilisearchRebuild) {
    out.push(
      target(
        'meili-rebuild',
        'full Meilisearch rebuild <= 60 s',
        r.indexing.meilisearchRebuild.seconds,
        60,
        's',
        false,
      ),
    );
  }
  for (const engine of measured) {
    const approval = r.approval.engines[engine]!;
    out.push(
      target(
        `approval-${engine}`,
        `approval to searchable <= 1 s (${ENGINE_LABEL[engine]}, slowest of ${approval.samplesMs.length})`,
        approval.max,
        1000,
        'ms',
        false,
      ),
    );
  }
  for (const engine of measured) {
    const m = r.memory[engine]!;
    const name = ENGINE_LABEL[engine];
    const each = m.workers > 1 ? `largest of its ${m.processes.length} processes` : 'one process';
    out.push(
      target(
        `api-memory-${engine}`,
        `API memory <= 250 MB after the bench (${name}, ${each})`,
        m.largestProcessRssMb,
        250,
        'MB',
        false,
      ),
      target(
        `api-memory-peak-${engine}`,
        `API peak memory <= 300 MB (${name}, ${each})`,
        m.largestProcessPeakMb,
        300,
        'MB',
        false,
      ),
    );
    if (m.workers > 1) {
      out.push(
        target(
          `api-memory-all-${engine}`,
          `API memory <= 250 MB after the bench (${name}, all ${m.processes.length} processes together)`,
          m.rssMb,
          250,
          'MB',
          false,
        ),
        target(
          `api-memory-peak-all-${engine}`,
          `API peak memory <= 300 MB (${name}, all processes together)`,
          m.peakRssMb,
          300,
          'MB',
          false,
        ),
      );
    }
  }
  out.push(
    target(
      'web-render-cpu',
      'web server CPU to render the search page <= 5 ms',
      r.web.serverCpuMsPerRequest,
      5,
      'ms',
      false,
    ),
  );
  if (r.soak) {
    const name = ENGINE_LABEL[r.soak.engine as keyof typeof ENGINE_LABEL] ?? r.soak.engine;
    out.push(
      target(
        `soak-memory-${r.soak.engine}`,
        `soak: API memory back within 10% of its post-warm-up level (${name}, ${r.soak.memory.afterWarmupMb} MB)`,
        r.soak.memory.afterCooldownMb,
        r.soak.memory.limitMb,
        'MB',
        false,
      ),
    );
  }
  return out;
}
