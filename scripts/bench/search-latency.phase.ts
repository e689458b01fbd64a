import type { SearchResponse } from '@skillway/core';
import type { SearchEngine } from '@skillway/store/search/search-engine';
import type { LatencyByType } from './bench-result.schema';
import { decode, type SequentialClient } from './http-client';
import { summarise } from './latency-stats';
import { QUERY_TYPES, toQueryString, type MixQuery } from './query-mix';

/** Untimed queries first, so caches, JIT and connections are warm (the start of the same mix). */
const WARMUP = 50;

function byType(mix: readonly MixQuery[], times: readonly number[]): LatencyByType {
  const groups: Record<string, number[]> = {};
  for (const type of QUERY_TYPES) groups[type] = [];
  mix.forEach((m, i) => groups[m.type]!.push(times[i]!));
  return {
    ...summarise(times),
    byType: Object.fromEntries(
      Object.entries(groups)
        .filter(([, list]) => list.length > 0)
        .map(([type, list]) => [type, summarise(list)]),
    ),
  };
}

/** Wall time of `engine.search()` for each query of the mix, one after the other. */
export async function engineLatency(engine: SearchEngine, mix: readonly MixQuery[]): Promise<LatencyByType> {
  for (const m of mix.slice(0, WARMUP)) await engine.search(m.query);
  const times: number[] = [];
  for (const m of mix) {
    const started = performance.now();
    await engine.search(m.query);
    times.push(performance.now() - started);
  }
  return byType(mix, times);
}

/**
 * Time from sending GET /api/v1/search to the last byte of the answer, one request at a time over one
 * keep-alive connection. The answers are decoded only after the clock stops, to count which engine
 * answered (a slow Meilisearch would be replaced by the embedded engine and must not go unnoticed).
 */
export async function apiLatency(
  client: SequentialClient,
  mix: readonly MixQuery[],
): Promise<{ latency: LatencyByType; answeredBy: Record<string, number> }> {
  const paths = mix.map((m) => `/api/v1/search?${toQueryString(m.query)}`);
  for (const path of paths.slice(0, WARMUP)) await client.send(path);
  const times: number[] = [];
  const answeredBy: Record<string, number> = {};
  for (const path of paths) {
    const started = performance.now();
    const answer = await client.send(path);
    times.push(performance.now() - started);
    if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status}: ${decode(answer).toString()}`);
    const { engine } = JSON.parse(decode(answer).toString('utf8')) as SearchResponse;
    answeredBy[engine] = (answeredBy[engine] ?? 0) + 1;
  }
  return { latency: byType(mix, times), answeredBy };
}
