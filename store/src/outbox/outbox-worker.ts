import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { DB } from '../database';
import { bumpIndexGeneration } from '../index-generation/index-generation';
import type { SearchDocument, SearchEngine } from '../search/search-engine';
import { loadSearchDocuments } from '../search/search-document';
import {
  claimDueOutboxRows,
  deleteDoneOutboxRows,
  markOutboxDone,
  markOutboxFailed,
  nextOutboxAttemptAt,
  renewOutboxLease,
  type OutboxRow,
} from './outbox.repository';

export interface Backoff {
  /** wait after the first failure; doubles with each further failure */
  initialMs: number;
  maxMs: number;
}
export const DEFAULT_BACKOFF: Backoff = { initialMs: 1_000, maxMs: 5 * 60_000 };

/** 1 s, 2 s, 4 s, … capped: a search engine that is down is asked less and less often, never given up on. */
export function backoffDelay(attempts: number, backoff: Backoff = DEFAULT_BACKOFF): number {
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.max(0, attempts - 1));
}

export interface WorkerLogger {
  info(object: Record<string, unknown>, message: string): void;
  warn(object: Record<string, unknown>, message: string): void;
  error(object: Record<string, unknown>, message: string): void;
}

export interface OutboxWorkerOptions {
  db: Kysely<DB>;
  /** Every engine that must follow the listings: the embedded one always, Meilisearch when configured. */
  engines: readonly SearchEngine[];
  loadDocuments?: (db: Kysely<DB>, ids: readonly string[]) => Promise<SearchDocument[]>;
  backoff?: Backoff;
  batchSize?: number;
  logger?: WorkerLogger;
  now?: () => Date;
  /** Who claims rows (outbox.claimed_by); default host:pid:random, unique per worker. */
  workerId?: string;
  /**
   * How long a claim holds rows (default 60 s). A worker that dies holding rows delays them this long;
   * one slower than this (an engine hanging past its timeouts) may see another worker apply them too,
   * which is harmless (applying is idempotent) but no longer "exactly once".
   */
  leaseMs?: number;
  /**
   * Looks at the outbox at least this often (default 30 s), kicked or not: rows another instance
   * committed but could not apply (it died between its commit and its kick, or while holding a lease)
   * have no kick here. One indexed read per period.
   */
  pollMs?: number;
}

export const DEFAULT_LEASE_MS = 60_000;
export const DEFAULT_POLL_MS = 30_000;

export interface RunResult {
  /** rows every engine has now applied */
  done: number;
  /** rows left pending for a retry */
  failed: number;
}

const silent: WorkerLogger = { info() {}, warn() {}, error() {} };

function appliedSet(row: OutboxRow): Set<string> {
  return new Set(row.applied_to.split(',').filter(Boolean));
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Applies outbox rows to the search engines. SQLite holds the truth; each row only says "listing X
 * changed", so the worker reads X's current state and upserts it (or removes X when it is gone). That
 * makes every application idempotent and the order of rows irrelevant: replays and retries are safe.
 *
 * One run at a time per worker (a kick during a run schedules another run after it). Any number of
 * workers may share one database (every API process, every instance runs one): a worker claims the rows
 * it applies with a lease (outbox.repository.ts, claimDueOutboxRows), so two workers never take one
 * row, and the rows of a worker that died are taken by another once its lease has passed.
 *
 * Marking rows done also increments the index generation, in the same transaction: every instance's
 * caches see the change once every engine has it (Meilisearch included, whose writes are awaited).
 */
export class OutboxWorker {
  private readonly db: Kysely<DB>;
  private readonly engines: readonly SearchEngine[];
  private readonly loadDocuments: (db: Kysely<DB>, ids: readonly string[]) => Promise<SearchDocument[]>;
  private readonly backoff: Backoff;
  private readonly batchSize: number;
  private readonly logger: WorkerLogger;
  private readonly now: () => Date;
  readonly workerId: string;
  private readonly leaseMs: number;
  private readonly pollMs: number;

  private running: Promise<void> | null = null;
  private again = false;
  private replayNext = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private pruneBefore: string | undefined;

  constructor(options: OutboxWorkerOptions) {
    this.db = options.db;
    this.engines = options.engines;
    this.loadDocuments = options.loadDocuments ?? loadSearchDocuments;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.batchSize = options.batchSize ?? 100;
    this.logger = options.logger ?? silent;
    this.now = options.now ?? (() => new Date());
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  }

  /**
   * Starts working; rows left pending by an earlier process are replayed at once, whatever their
   * schedule. Applied rows older than `keepDoneDays` are deleted first: they tell nothing the listing
   * table does not.
   */
  start(options: { keepDoneDays?: number } = {}): void {
    this.stopped = false;
    this.replayNext = true;
    this.pruneBefore = new Date(this.now().getTime() - (options.keepDoneDays ?? 30) * 86_400_000).toISOString();
    this.kick();
  }

  /** Runs now (after an approval), instead of waiting for the next scheduled retry. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.clearTimer();
    this.running = this.loop().finally(() => {
      this.running = null;
    });
  }

  /** Resolves when no run is in progress (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    await this.idle();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      const replay = this.replayNext;
      this.replayNext = false;
      try {
        if (this.pruneBefore) await deleteDoneOutboxRows(this.db, this.pruneBefore);
        this.pruneBefore = undefined;
        await this.runOnce({ replay });
      } catch (error) {
        // The database itself failed (not an engine): try again later rather than stop for good.
        this.logger.error({ err: error }, 'outbox run failed');
        this.schedule(this.backoff.initialMs);
        return;
      }
    } while (this.again && !this.stopped);
    if (!this.stopped) await this.scheduleNextDue();
  }

  private async scheduleNextDue(): Promise<void> {
    let next: string | undefined;
    try {
      next = await nextOutboxAttemptAt(this.db, this.now().toISOString());
    } catch (error) {
      this.logger.error({ err: error }, 'outbox schedule failed');
    }
    const due = next === undefined ? this.pollMs : Math.max(0, Date.parse(next) - this.now().getTime());
    this.schedule(Math.min(due, this.pollMs));
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick();
    }, delayMs);
    // A pending retry must not keep a finished process (a CLI, a test) alive.
    this.timer.unref();
  }

  /**
   * One pass over the rows that are due (every pending row with `replay`). Public so tests and a CLI can
   * drain the outbox without timers.
   */
  async runOnce(options: { replay?: boolean } = {}): Promise<RunResult> {
    const result: RunResult = { done: 0, failed: 0 };
    let afterId = 0;
    for (;;) {
      const now = this.now();
      const rows = await claimDueOutboxRows(
        this.db,
        {
          worker: this.workerId,
          now: now.toISOString(),
          leaseUntil: new Date(now.getTime() + this.leaseMs).toISOString(),
        },
        {
          limit: this.batchSize,
          ignoreSchedule: options.replay,
          afterId,
        },
      );
      if (rows.length === 0) return result;
      afterId = rows.at(-1)!.id;
      const batch = await this.applyBatch(rows);
      result.done += batch.done;
      result.failed += batch.failed;
    }
  }

  /**
   * Renews the lease on `rows` every third of it while `work` runs: an engine may take minutes (a
   * Meilisearch task waits up to its task timeout behind a rebuild), and a lease that ran out would let
   * another worker apply the same rows.
   */
  private async holdingLease<T>(rows: readonly OutboxRow[], work: () => Promise<T>): Promise<T> {
    const ids = rows.map((r) => r.id);
    let renewing: Promise<void> = Promise.resolve();
    const timer = setInterval(() => {
      const leaseUntil = new Date(this.now().getTime() + this.leaseMs).toISOString();
      renewing = renewOutboxLease(this.db, this.workerId, ids, leaseUntil).catch((error: unknown) =>
        this.logger.warn({ err: error }, 'could not renew the outbox lease'),
      );
    }, this.leaseMs / 3);
    timer.unref();
    try {
      return await work();
    } finally {
      clearInterval(timer);
      // A renewal landing after the rows are recorded would hold a failed row past its retry time.
      await renewing;
    }
  }

  private async applyBatch(rows: readonly OutboxRow[]): Promise<RunResult> {
    const { applied, errors } = await this.holdingLease(rows, () => this.applyToEngines(rows));
    return this.record(rows, applied, errors);
  }

  private async applyToEngines(rows: readonly OutboxRow[]) {
    const ids = [...new Set(rows.map((r) => r.listing_id))];
    const documents = await this.loadDocuments(this.db, ids);
    const byId = new Map(documents.map((d) => [d.id, d]));
    const applied = new Map(rows.map((r) => [r.id, appliedSet(r)]));
    const errors = new Map<number, string[]>();

    for (const engine of this.engines) {
      const needing = rows.filter((r) => !applied.get(r.id)!.has(engine.name));
      if (needing.length === 0) continue;
      const wanted = [...new Set(needing.map((r) => r.listing_id))];
      const upserts = wanted.flatMap((id) => byId.get(id) ?? []);
      const removals = wanted.filter((id) => !byId.has(id));
      try {
        if (upserts.length > 0) await engine.upsert(upserts);
        if (removals.length > 0) await engine.remove(removals);
        for (const row of needing) applied.get(row.id)!.add(engine.name);
      } catch (error) {
        this.logger.warn(
          { err: error, engine: engine.name, listings: wanted },
          `search engine ${engine.name} did not take ${wanted.length} listing change(s); will retry`,
        );
        for (const row of needing)
          errors.set(row.id, [...(errors.get(row.id) ?? []), `${engine.name}: ${describe(error)}`]);
      }
    }
    return { applied, errors };
  }

  /** Marks the applied rows done (bumping the generation) and the others failed, in one transaction. */
  private async record(
    rows: readonly OutboxRow[],
    applied: ReadonlyMap<number, Set<string>>,
    errors: ReadonlyMap<number, string[]>,
  ): Promise<RunResult> {
    const now = this.now();
    const doneIds = rows.filter((r) => !errors.has(r.id)).map((r) => r.id);
    await this.db.transaction().execute(async (trx) => {
      // Rows of one batch applied to the same engines share one `applied_to` value.
      const byApplied = new Map<string, number[]>();
      for (const id of doneIds) {
        const key = [...applied.get(id)!].sort().join(',');
        byApplied.set(key, [...(byApplied.get(key) ?? []), id]);
      }
      for (const [key, group] of byApplied) await markOutboxDone(trx, group, key, now.toISOString());
      // Every instance's caches compare the generation: they move on once the engines have the change.
      if (doneIds.length > 0) await bumpIndexGeneration(trx);
      for (const row of rows) {
        const rowErrors = errors.get(row.id);
        if (!rowErrors) continue;
        const attempts = row.attempts + 1;
        await markOutboxFailed(trx, row.id, {
          attempts,
          applied_to: [...applied.get(row.id)!].sort().join(','),
          next_attempt_at: new Date(now.getTime() + backoffDelay(attempts, this.backoff)).toISOString(),
          error: rowErrors.join('; '),
        });
      }
    });
    if (doneIds.length > 0) this.logger.info({ rows: doneIds.length }, 'search index follows listing changes');
    return { done: doneIds.length, failed: rows.length - doneIds.length };
  }
}
