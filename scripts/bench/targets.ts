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

/** The project's performance targets, checked against a run's figures. */
export function evaluateTargets(r: Figures): Target[] {
  const out: Target[] = [];
  for (const engine of ['sqlite', 'meilisearch'] as const) {
    const name = ENGINE_LABEL[engine];
    const s = r.search.engines[engine];
    out.push(
      target(`search-p95-api-${engine}`, `search p95 through the API <= 15 ms (${name})`, s.api.p95, 15, 'ms', false),
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
  for (const engine of ['sqlite', 'meilisearch'] as const) {
    const t = r.throughput.engines[engine].search;
    const best = Math.max(t.c10.requestsPerSecond, t.c50.requestsPerSecond);
    out.push(
      target(
        `search-rps-${engine}`,
        `/search >= 1,500 req/s (${ENGINE_LABEL[engine]}, best of 10/50 connections)`,
        best,
        1500,
        'req/s',
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
  out.push(
    target('meili-rebuild', 'full Meilisearch rebuild <= 60 s', r.indexing.meilisearchRebuild.seconds, 60, 's', false),
  );
  for (const engine of ['sqlite', 'meilisearch'] as const) {
    out.push(
      target(
        `approval-${engine}`,
        `approval to searchable <= 1 s (${ENGINE_LABEL[engine]}, slowest of ${r.approval.engines[engine].samplesMs.length})`,
        r.approval.engines[engine].max,
        1000,
        'ms',
        false,
      ),
    );
  }
  for (const engine of ['sqlite', 'meilisearch'] as const) {
    out.push(
      target(
        `api-memory-${engine}`,
        `API memory < 300 MB (${ENGINE_LABEL[engine]}, RSS at the end)`,
        r.memory[engine].rssMb,
        300,
        'MB',
        false,
        true,
      ),
    );
  }
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
