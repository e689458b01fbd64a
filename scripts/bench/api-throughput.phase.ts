import autocannon from 'autocannon';
import type { Throughput } from './bench-result.schema';
import { ACCEPT_ENCODING } from './http-client';
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
  requests: readonly CannonRequest[],
  connections: number,
  seconds: number,
): Promise<Throughput> {
  let next = 0;
  const result = await autocannon({
    url: origin,
    connections,
    duration: seconds,
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
  const ok = result['2xx'];
  return {
    connections,
    seconds: round(result.duration),
    requests: ok,
    requestsPerSecond: Math.round(ok / result.duration),
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
