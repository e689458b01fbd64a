import type { SearchResponse } from '@skillway/core';
import type { SearchEngine } from '@skillway/store/search';
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

/**
 * Each search of the mix twice, back to back: `engine.search()` called in this process (the engine
 * directly) and GET /api/v1/search on the API (one request at a time over one keep-alive connection,
 * read to the last byte). Interleaved, and in alternating order, so that both see the same machine: on
 * a shared machine the neighbours' load drifts during a run, and measuring one after the other would
 * put that drift into the API-over-engine ratio. Answers are decoded only after the clock stops, to
 * count which engine answered (a slow Meilisearch would be replaced by the embedded engine).
 */
export async function pairedLatency(
  engine: SearchEngine,
  client: SequentialClient,
  mix: readonly MixQuery[],
): Promise<{ direct: LatencyByType; api: LatencyByType; answeredBy: Record<string, number> }> {
  const paths = mix.map((m) => `/api/v1/search?${toQueryString(m.query)}`);
  const viaApi = async (path: string) => {
    const started = performance.now();
    const answer = await client.send(path);
    const ms = performance.now() - started;
    if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status}: ${decode(answer).toString()}`);
    return { ms, answer };
  };
  const directly = async (m: MixQuery) => {
    const started = performance.now();
    await engine.search(m.query);
    return performance.now() - started;
  };
  for (let i = 0; i < Math.min(WARMUP, mix.length); i++) {
    await directly(mix[i]!);
    await viaApi(paths[i]!);
  }
  const direct: number[] = [];
  const api: number[] = [];
  const answeredBy: Record<string, number> = {};
  for (let i = 0; i < mix.length; i++) {
    let answer;
    if (i % 2 === 0) {
      direct.push(await directly(mix[i]!));
      ({ ms: api[i], answer } = await viaApi(paths[i]!));
    } else {
      ({ ms: api[i], answer } = await viaApi(paths[i]!));
      direct.push(await directly(mix[i]!));
    }
    const { engine: answeredByEngine } = JSON.parse(decode(answer).toString('utf8')) as SearchResponse;
    answeredBy[answeredByEngine] = (answeredBy[answeredByEngine] ?? 0) + 1;
  }
  return { direct: byType(mix, direct), api: byType(mix, api), answeredBy };
}
