import type { Kysely } from 'kysely';
import pg from 'pg';
import type { DB } from '../database';
import { isPostgres } from '../migrations/dialect';
import { INDEX_GENERATION_CHANNEL } from './index-generation';

export interface MetaRow {
  key: string;
  value: string;
}

export interface IndexGenerationReaderOptions {
  /**
   * PostgreSQL only: where to LISTEN for bumps (the store's DATABASE_URL). Without it every read goes
   * to the database.
   */
  listen?: pg.ClientConfig;
  /**
   * How long a cached read is trusted even without a notification (default 1000 ms): the bound on
   * staleness if a notification is lost (the listening connection broke and has not noticed yet).
   */
  maxAgeMs?: number;
  /** first wait before reconnecting a broken listener (doubles up to 30 s) */
  reconnectMs?: number;
  logger?: { warn(object: Record<string, unknown>, message: string): void };
}

/**
 * Reads the meta rows every request compares (the index generation, the taxonomy hash) for the caches
 * of one API instance (MatchDataCache, and through it the search result cache).
 *
 * - SQLite: every read goes to the database. It is a primary-key read inside the process, a few µs,
 *   and never stale.
 * - PostgreSQL with `listen`: a read is a network round trip (measured in generation-read.bench.ts:
 *   tens of µs of API CPU and as much again of the server's, on a cached /search of a few hundred µs),
 *   so the rows are kept and dropped when a bump's NOTIFY arrives (it is sent on commit: the change is
 *   visible when it arrives) or after `maxAgeMs`. Stale for the notification's delivery (about a
 *   millisecond) and at most `maxAgeMs` if it is lost; while the listener is down, every read goes to
 *   the database.
 */
export class IndexGenerationReader {
  private readonly maxAgeMs: number;
  private cached: { key: string; rows: MetaRow[]; at: number } | undefined;
  /** moves on every notification: a read that started before one must not be cached after it */
  private epoch = 0;
  private client: pg.Client | undefined;
  private listening = false;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryMs: number;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly options: IndexGenerationReaderOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? 1_000;
    this.retryMs = options.reconnectMs ?? 1_000;
  }

  /** Whether reads are served from the cache now (a listener is connected). */
  get cachedReads(): boolean {
    return this.listening;
  }

  /** Connects the listener (PostgreSQL with `listen`; otherwise nothing to do). */
  async start(): Promise<void> {
    this.stopped = false;
    if (!this.options.listen || !isPostgres(this.db)) return;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.listening = false;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  async read(keys: readonly string[]): Promise<MetaRow[]> {
    const key = keys.join('\u0000');
    const cached = this.cached;
    if (this.listening && cached?.key === key && performance.now() - cached.at < this.maxAgeMs) return cached.rows;
    const epoch = this.epoch;
    const at = performance.now();
    const rows = await this.db
      .selectFrom('meta')
      .select(['key', 'value'])
      .where('key', 'in', [...keys])
      .execute();
    if (this.listening && epoch === this.epoch) this.cached = { key, rows, at };
    return rows;
  }

  private invalidate(): void {
    this.epoch++;
    this.cached = undefined;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client(this.options.listen);
    const broken = (err?: unknown) => {
      if (this.client !== client) return;
      this.client = undefined;
      this.listening = false;
      this.invalidate();
      if (this.stopped) return;
      this.options.logger?.warn({ err }, 'index generation listener lost; reading the generation on every request');
      client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('notification', (message) => {
      if (message.channel === INDEX_GENERATION_CHANNEL) this.invalidate();
    });
    client.on('error', broken);
    client.on('end', () => broken());
    this.client = client;
    try {
      await client.connect();
      await client.query(`listen ${INDEX_GENERATION_CHANNEL}`);
      // Whatever was cached before the listener (re)connected may have missed a notification.
      this.invalidate();
      this.listening = this.client === client;
      this.retryMs = this.options.reconnectMs ?? 1_000;
    } catch (err) {
      broken(err);
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.retryTimer) return;
    const wait = this.retryMs;
    this.retryMs = Math.min(30_000, this.retryMs * 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.stopped) void this.connect();
    }, wait);
    this.retryTimer.unref();
  }
}
