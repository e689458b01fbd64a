import { randomBytes } from 'node:crypto';
import {
  CSRF_HEADER,
  SESSION_COOKIE,
  type EngineName,
  type ListingInput,
  type SearchResponse,
  type Session,
  type Submission,
} from '@skillway/core';
import { AccountService, openStore } from '@skillway/store';
import { createRandom, sampleListing } from '@skillway/store/testing';
import type { BenchResult } from './bench-result.schema';
import { SequentialClient } from './http-client';
import { round, summarise } from './latency-stats';

type ApprovalFigures = BenchResult['approval']['engines']['sqlite'];

/** A signed-in person over HTTP: the session cookie and the CSRF token the API gave at sign-in. */
export class Person {
  private cookie = '';
  private csrf = '';
  readonly client: SequentialClient;

  constructor(origin: string) {
    this.client = new SequentialClient(origin);
  }

  async logIn(email: string, password: string): Promise<void> {
    const answer = await this.client.json<Session>('/api/v1/auth/login', {
      method: 'POST',
      body: { email, password },
    });
    const header = answer.headers['set-cookie'] ?? [];
    const setCookie = Array.isArray(header) ? header : [header];
    const pair = setCookie.map((c) => c.split(';')[0]!).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    if (!pair) throw new Error(`signing in ${email} set no ${SESSION_COOKIE} cookie`);
    this.cookie = pair;
    this.csrf = answer.body.csrf_token;
  }

  /** The headers a signed-in write needs, for requests sent from another connection. */
  authHeaders(): Record<string, string> {
    return { cookie: this.cookie, [CSRF_HEADER]: this.csrf };
  }

  post<T>(path: string, body: unknown, expected: number): Promise<T> {
    return this.client
      .json<T>(`/api/v1${path}`, {
        method: 'POST',
        body,
        expected,
        headers: { cookie: this.cookie, [CSRF_HEADER]: this.csrf },
      })
      .then((a) => a.body);
  }
}

/** A word no listing has, so the search for it finds the new listing and nothing else. */
export function uniqueWord(random: () => number): string {
  let word = 'zq';
  for (let i = 0; i < 8; i++) word += String.fromCharCode(97 + Math.floor(random() * 26));
  return word;
}

export function submission(word: string): ListingInput {
  return sampleListing({ name: `${word[0]!.toUpperCase()}${word.slice(1)} nurse bridging course`, organisation: null });
}

/** Enqueued to finished, in ms, of Meilisearch's latest document upsert task (the outbox worker's). */
async function lastUpsertTaskMs(meili: { url: string; apiKey: string }): Promise<number> {
  const res = await fetch(`${meili.url}/tasks?types=documentAdditionOrUpdate&statuses=succeeded&limit=1`, {
    headers: { authorization: `Bearer ${meili.apiKey}` },
  });
  if (!res.ok) throw new Error(`Meilisearch /tasks answered ${res.status}: ${await res.text()}`);
  const { results } = (await res.json()) as { results: { enqueuedAt: string; finishedAt: string }[] };
  const task = results[0];
  if (!task) throw new Error('Meilisearch has no finished document task after an approval');
  return Date.parse(task.finishedAt) - Date.parse(task.enqueuedAt);
}

/**
 * Accounts for the approval measurement, made in the database as `npm run user:create` makes them
 * (moderators cannot sign up). Done before the API starts, so no write waits for its connection.
 */
export async function createBenchAccounts(
  databasePath: string,
): Promise<{ provider: string; moderator: string; password: string }> {
  const password = randomBytes(18).toString('base64url');
  const tag = randomBytes(4).toString('hex');
  const accounts = { provider: `provider-${tag}@bench.example`, moderator: `moderator-${tag}@bench.example`, password };
  const store = await openStore(databasePath);
  try {
    const service = new AccountService(store.db, { mailer: { send: async () => {} } });
    const audit = { action: 'user.create', actorId: null } as const;
    await service.createUser({ email: accounts.provider, password, role: 'provider' }, audit);
    await service.createUser({ email: accounts.moderator, password, role: 'moderator' }, audit);
  } finally {
    await store.close();
  }
  return accounts;
}

/**
 * From a moderator's approval to the listing being found by /search, over the real routes: a provider
 * submits, a moderator approves (one transaction writes the listing and an outbox row and kicks the
 * outbox worker), and the clock runs from sending the approval until a search answered by `engine`
 * returns the listing.
 */
export async function measureApprovals(options: {
  origin: string;
  engine: EngineName;
  accounts: { provider: string; moderator: string; password: string };
  count: number;
  seed: number;
  /** when given, the time Meilisearch took from enqueueing each upsert to finishing it is read from its task list */
  meilisearch?: { url: string; apiKey: string };
}): Promise<ApprovalFigures & { meilisearchTaskMs: number[] }> {
  const provider = new Person(options.origin);
  const moderator = new Person(options.origin);
  const searcher = new SequentialClient(options.origin);
  try {
    await provider.logIn(options.accounts.provider, options.accounts.password);
    await moderator.logIn(options.accounts.moderator, options.accounts.password);
    const random = createRandom(options.seed);
    const samples: number[] = [];
    const approveTimes: number[] = [];
    const taskTimes: number[] = [];
    for (let i = 0; i < options.count; i++) {
      const word = uniqueWord(random);
      const submitted = await provider.post<Submission>('/submissions', submission(word), 201);
      const started = performance.now();
      const approved = await moderator.post<Submission>(`/moderation/submissions/${submitted.id}/approve`, {}, 200);
      approveTimes.push(performance.now() - started);
      const deadline = Date.now() + 60_000;
      for (;;) {
        const { body } = await searcher.json<SearchResponse>(`/api/v1/search?q=${word}`);
        if (body.engine === options.engine && body.hits.some((h) => h.id === approved.listing_id)) break;
        if (Date.now() > deadline) {
          throw new Error(`listing ${approved.listing_id} was not searchable on ${options.engine} within 60 s`);
        }
        await new Promise((r) => setTimeout(r, 2));
      }
      samples.push(performance.now() - started);
      if (options.meilisearch) taskTimes.push(await lastUpsertTaskMs(options.meilisearch));
    }
    const s = summarise(samples);
    return {
      samplesMs: samples.map((ms) => round(ms, 1)),
      p50: s.p50,
      max: s.max,
      approveRequestP50: summarise(approveTimes).p50,
      meilisearchTaskMs: taskTimes,
    };
  } finally {
    provider.client.close();
    moderator.client.close();
    searcher.close();
  }
}
