import type {
  EngineSearchQuery,
  EngineSearchResponse,
  ProgressCallback,
  SearchDocument,
  SearchEngine,
} from '@skillway/store/search';

export interface FallbackLogger {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

export interface FallbackOptions {
  /** Meilisearch: the better engine, when it answers */
  primary: SearchEngine;
  /**
   * The store's own engine: always there, since it lives in the database the API reads anyway. The
   * embedded SQLite FTS5 engine, or on PostgreSQL its full-text engine (a degraded mode: no idf in the
   * ranking, slower at scale; its answers say `engine: 'postgres'`).
   */
  fallback: SearchEngine;
  /** how long the primary may take to search or answer a ping before it counts as down */
  timeoutMs: number;
  /** first wait before a down primary is asked again; doubles per failed probe up to maxRetryMs */
  retryMs: number;
  maxRetryMs?: number;
  log?: FallbackLogger;
  now?: () => number;
}

export interface PrimaryState {
  engine: SearchEngine['name'];
  up: boolean;
  /** ISO time since when it has been down */
  down_since?: string;
  last_error?: string;
}

class TimeoutError extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Serves searches from the primary engine and, when it fails or is slow, from the fallback, so a
 * Meilisearch outage costs ranking quality (and on PostgreSQL some speed), not the service. After a failure the primary is left alone
 * for a backoff period (a dead server would otherwise cost a connection attempt per request), then one
 * ping decides whether to go back. Each response's `engine` says which one answered.
 *
 * Writes go to both engines: the database (SQLite or PostgreSQL) is the source of truth and the
 * fallback index must stay current for the day it is needed.
 */
export class FallbackSearchEngine implements SearchEngine {
  private down: { since: number; error: string; retryAt: number; wait: number } | null = null;
  private probing: Promise<boolean> | null = null;
  private readonly maxRetryMs: number;
  private readonly now: () => number;

  constructor(private readonly options: FallbackOptions) {
    this.maxRetryMs = options.maxRetryMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  get name(): SearchEngine['name'] {
    return this.options.primary.name;
  }

  get primary(): SearchEngine {
    return this.options.primary;
  }

  get fallback(): SearchEngine {
    return this.options.fallback;
  }

  async search(query: EngineSearchQuery): Promise<EngineSearchResponse> {
    if (this.down && !(await this.primaryIsBack())) return this.options.fallback.search(query);
    try {
      return await withTimeout(this.options.primary.search(query), this.options.timeoutMs, this.name);
    } catch (error) {
      this.markDown(error);
      return this.options.fallback.search(query);
    }
  }

  /** Asks the primary now (for /ready), whatever the backoff says, and records the answer. */
  async probe(): Promise<boolean> {
    this.probing ??= this.pingPrimary().finally(() => (this.probing = null));
    return this.probing;
  }

  state(): PrimaryState {
    if (!this.down) return { engine: this.name, up: true };
    return {
      engine: this.name,
      up: false,
      down_since: new Date(this.down.since).toISOString(),
      last_error: this.down.error,
    };
  }

  async rebuild(documents: readonly SearchDocument[], onProgress?: ProgressCallback): Promise<void> {
    await this.options.fallback.rebuild(documents);
    await this.options.primary.rebuild(documents, onProgress);
  }

  async upsert(documents: readonly SearchDocument[]): Promise<void> {
    await Promise.all([this.options.fallback.upsert(documents), this.options.primary.upsert(documents)]);
  }

  async remove(ids: readonly string[]): Promise<void> {
    await Promise.all([this.options.fallback.remove(ids), this.options.primary.remove(ids)]);
  }

  /** True while search works at all, which the fallback guarantees as long as the database answers. */
  async ping(): Promise<boolean> {
    const [primary, fallback] = await Promise.all([this.probe(), this.options.fallback.ping()]);
    return primary || fallback;
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.options.primary.close(), this.options.fallback.close()]);
  }

  /** Whether a down primary should serve this request: only once its backoff is over and it pings. */
  private async primaryIsBack(): Promise<boolean> {
    if (this.down && this.now() < this.down.retryAt) return false;
    return this.probe();
  }

  private async pingPrimary(): Promise<boolean> {
    let up: boolean;
    let error = 'ping answered false';
    try {
      up = await withTimeout(this.options.primary.ping(), this.options.timeoutMs, this.name);
    } catch (e) {
      up = false;
      error = describe(e);
    }
    if (up) this.markUp();
    else this.markDown(error, true);
    return up;
  }

  private markDown(error: unknown, fromProbe = false): void {
    const now = this.now();
    const message = describe(error);
    if (!this.down) {
      this.down = { since: now, error: message, retryAt: now + this.options.retryMs, wait: this.options.retryMs };
      this.options.log?.warn(
        { engine: this.name, fallback: this.options.fallback.name, err: message, retry_ms: this.options.retryMs },
        'search engine failed; serving from the fallback',
      );
      return;
    }
    const wait = fromProbe ? Math.min(this.down.wait * 2, this.maxRetryMs) : this.down.wait;
    this.down = { since: this.down.since, error: message, retryAt: now + wait, wait };
  }

  private markUp(): void {
    if (!this.down) return;
    this.options.log?.info(
      { engine: this.name, down_ms: this.now() - this.down.since },
      'search engine answers again; back from the fallback',
    );
    this.down = null;
  }
}
