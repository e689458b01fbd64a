import autocannon from 'autocannon';
import type { Throughput } from './bench-result.schema';
import { ACCEPT_ENCODING } from './http-client';
import { processCpuSeconds } from './child-server';
import { round } from './latency-stats';

export interface CannonRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

/**
 * Requests per second the API answers with 2xx at `connections` concurrent keep-alive connections,
 * cycling through `requests` (every connection takes the next one of a shared sequence, so the mix is
 * the same whatever the concurrency).
 */
export async function measureThroughput(
  origin: string,
  serverPid: number,
  requests: readonly CannonRequest[],
  connections: number,
  seconds: number,
): Promise<Throughput> {
  let next = 0;
  const run = (limit: { duration: number } | { amount: number }) =>
    autocannon({
      url: origin,
      connections,
      ...limit,
      timeout: 30,
      headers: { 'accept-encoding': ACCEPT_ENCODING },
      requests: [
        {
          setupRequest: (request) => {
            const r = requests[next++ % requests.length]!;
            return {
              ...request,
              method: r.method,
              path: r.path,
              body: r.body,
              headers: {
                ...request.headers,
                'accept-encoding': ACCEPT_ENCODING,
                ...(r.body !== undefined && { 'content-type': 'application/json' }),
              },
            };
          },
        },
      ],
    });
  const cpuBefore = processCpuSeconds(serverPid);
  let result = await run({ duration: seconds });
  // Answers still in flight when the time is up are not counted: on a starved machine a short run can
  // end with less than one answer per connection, which says nothing. Then count a fixed number instead.
  let first: typeof result | undefined;
  if (result['2xx'] < connections) {
    first = result;
    result = await run({ amount: connections * 2 });
  }
  const ok = result['2xx'];
  const cpuMs = (processCpuSeconds(serverPid) - cpuBefore) * 1000;
  return {
    connections,
    seconds: round(result.duration),
    requests: ok,
    requestsPerSecond: Math.round(ok / result.duration),
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    // Over both runs when the first was too short: the answers of both are what the CPU was spent on.
    serverCpuMsPerRequest: round(cpuMs / Math.max(1, ok + (first ? first['2xx'] : 0)), 2),
  };
}
