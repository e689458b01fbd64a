import autocannon from 'autocannon';
import type { Throughput } from './bench-result.schema';
import { ACCEPT_ENCODING } from './http-client';
import { processCpuSeconds, treeCpuSeconds } from './child-server';
import { round } from './latency-stats';
import { cycle, type RequestSource } from './distinct-requests';

export interface CannonRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

/**
 * Requests per second the API answers with 2xx at `connections` concurrent keep-alive connections,
 * cycling through `requests` (every connection takes the next one of a shared sequence, so the mix is
 * the same whatever the concurrency), or taking them from a source that never repeats (uncached runs).
 * CPU per request is that of the process tree `serverPid` heads (the API's primary and its workers),
 * and of `extraPids` besides (Meilisearch), whose share is reported apart.
 */
export async function measureThroughput(
  origin: string,
  serverPid: number,
  requests: readonly CannonRequest[] | RequestSource,
  connections: number,
  seconds: number,
  options: { headers?: Record<string, string>; extraPid?: number } = {},
): Promise<Throughput & { extraCpuMsPerRequest?: number }> {
  const source = 'next' in requests ? requests : cycle(requests);
  const run = (limit: { duration: number } | { amount: number }) =>
    autocannon({
      url: origin,
      connections,
      ...limit,
      timeout: 30,
      headers: { 'accept-encoding': ACCEPT_ENCODING, ...options.headers },
      requests: [
        {
          setupRequest: (request) => {
            const r = source.next();
            return {
              ...request,
              method: r.method,
              path: r.path,
              body: r.body,
              headers: {
                ...request.headers,
                'accept-encoding': ACCEPT_ENCODING,
                ...options.headers,
                ...(r.body !== undefined && { 'content-type': 'application/json' }),
              },
            };
          },
        },
      ],
    });
  const cpuBefore = treeCpuSeconds(serverPid);
  const extraBefore = options.extraPid === undefined ? 0 : processCpuSeconds(options.extraPid);
  let result = await run({ duration: seconds });
  // Answers still in flight when the time is up are not counted: on a starved machine a short run can
  // end with less than one answer per connection, which says nothing. Then count a fixed number instead.
  let first: typeof result | undefined;
  if (result['2xx'] < connections) {
    first = result;
    result = await run({ amount: connections * 2 });
  }
  const ok = result['2xx'];
  const cpuMs = (treeCpuSeconds(serverPid) - cpuBefore) * 1000;
  const extraMs = options.extraPid === undefined ? 0 : (processCpuSeconds(options.extraPid) - extraBefore) * 1000;
  const answered = Math.max(1, ok + (first ? first['2xx'] : 0));
  return {
    connections,
    seconds: round(result.duration),
    requests: ok,
    requestsPerSecond: Math.round(ok / result.duration),
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    // The API's primary and all its workers. Over both runs when the first was too short: the answers of both are what the CPU was spent on.
    serverCpuMsPerRequest: round(cpuMs / answered, 3),
    ...(options.extraPid !== undefined && { extraCpuMsPerRequest: round(extraMs / answered, 3) }),
  };
}
