import type { Submission } from '@skillway/core';
import { createRandom } from '@skillway/store/testing';
import { Person, submission, uniqueWord } from './approval.phase';
import type { SoakResult } from './bench-result.schema';
import { SequentialClient, decode, type HttpAnswer } from './http-client';
import { round, summarise } from './latency-stats';

/** Shares of the soak's operations; an approval is a provider's submission plus a moderator's approval. */
export const SOAK_MIX = { search: 0.75, match: 0.2, approve: 0.05 } as const;
/** The API's RSS must come back to within this share of its post-warm-up level. */
export const SOAK_MEMORY_TOLERANCE = 0.1;
/** No soak runs longer than this, whatever it is asked. */
export const SOAK_MAX_MINUTES = 240;

export interface SoakOptions {
  /** the API under load (loopback) */
  origin: string;
  engine: string;
  /** its resident memory now, in MB */
  rssMb: () => number;
  /** its peak resident memory so far, in MB */
  peakRssMb: () => number;
  accounts: { provider: string; moderator: string; password: string };
  /** GET paths for /search (with their query strings) */
  searchPaths: readonly string[];
  /** bodies for POST /match */
  matchBodies: readonly unknown[];
  /** how long the load runs, warm-up included */
  durationSeconds: number;
  /** RSS is read this often under load */
  sampleSeconds: number;
  /** the first part of the load; the RSS at its end is the level memory must come back to */
  warmupSeconds: number;
  /** idle time after the load before the last RSS reading */
  cooldownSeconds: number;
  /** concurrent clients, each on its own keep-alive connection */
  connections: number;
  seed: number;
  log?: (line: string) => void;
}

/** A request kind: an approval is a `submit` then an `approve`. */
type Op = 'search' | 'match' | 'submit' | 'approve';

/** What went wrong, counted by request and kind: "search 500", "match ECONNRESET", "approve 409". */
class ErrorCounter {
  readonly byKind: Record<string, number> = {};
  total = 0;
  add(op: Op, kind: string): void {
    const key = `${op} ${kind}`;
    this.byKind[key] = (this.byKind[key] ?? 0) + 1;
    this.total++;
  }
}

function errorKind(error: unknown): string {
  const e = error as { code?: string; message?: string };
  if (e.code) return e.code;
  if (/no answer .* within/.test(e.message ?? '')) return 'timeout';
  return 'error';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A soak: `connections` clients send a seeded mix of /search (75%), /match (20%) and approvals (5%:
 * a provider submits, a moderator approves, both over HTTP) for `durationSeconds`, as fast as the API
 * answers them. The API's RSS is read every `sampleSeconds` with the requests and errors since the
 * previous reading; after the load stops and `cooldownSeconds` of quiet, it is read once more and
 * compared with the reading at the end of the warm-up. Loopback only (the API the bench started),
 * bounded by the duration plus one request time-out plus the cool-down.
 */
export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const log = options.log ?? ((line: string) => console.error(line));
  const provider = new Person(options.origin);
  const moderator = new Person(options.origin);
  const clients = Array.from({ length: options.connections }, () => new SequentialClient(options.origin));
  try {
    await provider.logIn(options.accounts.provider, options.accounts.password);
    await moderator.logIn(options.accounts.moderator, options.accounts.password);

    const errors = new ErrorCounter();
    const counts = { search: 0, match: 0, approvals: 0 };
    const latencies: Record<Op, number[]> = { search: [], match: [], submit: [], approve: [] };
    let requestsSinceSample = 0;
    let errorsSinceSample = 0;

    const rssAtStartMb = options.rssMb();
    const started = performance.now();
    const deadline = started + options.durationSeconds * 1000;
    const elapsed = () => (performance.now() - started) / 1000;

    const timed = async (op: Op, send: () => Promise<HttpAnswer>, expected: number): Promise<HttpAnswer | null> => {
      const t0 = performance.now();
      try {
        const answer = await send();
        requestsSinceSample++;
        if (answer.status !== expected) {
          errors.add(op, String(answer.status));
          errorsSinceSample++;
          return null;
        }
        return answer;
      } catch (error) {
        requestsSinceSample++;
        errors.add(op, errorKind(error));
        errorsSinceSample++;
        return null;
      } finally {
        latencies[op].push(performance.now() - t0);
      }
    };

    const worker = async (index: number) => {
      const client = clients[index]!;
      const random = createRandom(options.seed * 1000 + index);
      const send = (path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) =>
        // The client gives up on a request after 60 s without an answer, so the soak cannot hang.
        client.send(path, {
          method: init.method,
          headers: init.headers,
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
        });
      // The first client starts with an approval, so even a soak of seconds exercises the write path.
      let first = index === 0;
      while (performance.now() < deadline) {
        const roll = first ? 1 : random();
        first = false;
        if (roll < SOAK_MIX.search) {
          const path = options.searchPaths[Math.floor(random() * options.searchPaths.length)]!;
          await timed('search', () => send(path), 200);
          counts.search++;
        } else if (roll < SOAK_MIX.search + SOAK_MIX.match) {
          const body = options.matchBodies[Math.floor(random() * options.matchBodies.length)];
          await timed('match', () => send('/api/v1/match', { method: 'POST', body }), 200);
          counts.match++;
        } else {
          const submitted = await timed(
            'submit',
            () =>
              send('/api/v1/submissions', {
                method: 'POST',
                body: submission(uniqueWord(random)),
                headers: provider.authHeaders(),
              }),
            201,
          );
          if (submitted) {
            const { id } = JSON.parse(decodeBody(submitted)) as Submission;
            await timed(
              'approve',
              () =>
                send(`/api/v1/moderation/submissions/${id}/approve`, {
                  method: 'POST',
                  body: {},
                  headers: moderator.authHeaders(),
                }),
              200,
            );
          }
          counts.approvals++;
        }
      }
    };

    const samples: SoakResult['samples'] = [];
    let lastSampleAt = 0;
    const takeSample = () => {
      const t = elapsed();
      const interval = Math.max(t - lastSampleAt, 1e-3);
      const sample = {
        seconds: round(t, 1),
        rssMb: options.rssMb(),
        requests: requestsSinceSample,
        requestsPerSecond: round(requestsSinceSample / interval, 1),
        errors: errorsSinceSample,
      };
      lastSampleAt = t;
      requestsSinceSample = 0;
      errorsSinceSample = 0;
      samples.push(sample);
      log(
        `  soak ${String(Math.round(t)).padStart(5)} s: RSS ${sample.rssMb.toFixed(1)} MB, ` +
          `${sample.requestsPerSecond} req/s, ${sample.errors} errors (${errors.total} in all)`,
      );
      return sample;
    };

    log(
      `  soak: ${options.durationSeconds} s of load (${options.warmupSeconds} s warm-up), ${options.connections} connections, ` +
        `RSS every ${options.sampleSeconds} s; RSS before the load ${rssAtStartMb.toFixed(1)} MB`,
    );
    const sampler = setInterval(takeSample, options.sampleSeconds * 1000);
    try {
      await Promise.all(clients.map((_, i) => worker(i)));
    } finally {
      clearInterval(sampler);
    }
    const loadSeconds = elapsed();
    const endOfLoad = takeSample();
    // The level to come back to: the first reading at or after the end of the warm-up (the last one
    // when the whole soak is shorter than the warm-up).
    const warmup = samples.find((x) => x.seconds >= options.warmupSeconds - 0.5) ?? endOfLoad;

    await sleep(options.cooldownSeconds * 1000);
    const afterCooldownRssMb = options.rssMb();
    const limitMb = round(warmup.rssMb * (1 + SOAK_MEMORY_TOLERANCE), 1);
    const returned = afterCooldownRssMb <= limitMb;
    log(
      `  soak: RSS ${afterCooldownRssMb.toFixed(1)} MB after ${options.cooldownSeconds} s of quiet, ` +
        `${warmup.rssMb.toFixed(1)} MB after the warm-up: ${returned ? 'within' : 'NOT within'} 10% (limit ${limitMb} MB)`,
    );

    const requests = samples.reduce((a, x) => a + x.requests, 0);
    return {
      engine: options.engine,
      settings: {
        durationSeconds: options.durationSeconds,
        sampleSeconds: options.sampleSeconds,
        warmupSeconds: options.warmupSeconds,
        cooldownSeconds: options.cooldownSeconds,
        connections: options.connections,
        mix: { ...SOAK_MIX },
        seed: options.seed,
      },
      loadSeconds: round(loadSeconds, 1),
      operations: counts,
      requests,
      requestsPerSecond: round(requests / loadSeconds, 1),
      latencyMs: {
        search: summarise(latencies.search),
        match: summarise(latencies.match),
        submit: summarise(latencies.submit),
        approve: summarise(latencies.approve),
      },
      errors: { total: errors.total, byKind: errors.byKind },
      samples,
      memory: {
        rssAtStartMb,
        afterWarmupMb: warmup.rssMb,
        endOfLoadMb: endOfLoad.rssMb,
        afterCooldownMb: afterCooldownRssMb,
        peakRssMb: options.peakRssMb(),
        limitMb,
        returnedWithinTolerance: returned,
        changeFromWarmup: round((afterCooldownRssMb - warmup.rssMb) / warmup.rssMb, 3),
      },
    };
  } finally {
    for (const c of clients) c.close();
    provider.client.close();
    moderator.client.close();
  }
}

function decodeBody(answer: HttpAnswer): string {
  return decode(answer).toString('utf8');
}
