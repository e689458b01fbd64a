import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { SearchResponse } from '@skillway/core';

/**
 * A search answer as the API sends it: the JSON bytes, serialised once, and their gzip and brotli
 * forms, each compressed the first time a client asks for it. The API sends these bytes as they are
 * (see api/src/routes/v1/search), so a repeated search costs no ranking, no serialisation and no
 * compression.
 *
 * Once kept in the cache (`keep()`), it holds bytes only: the response object (several times the size
 * of its JSON on the heap) is let go; `response` then parses the JSON.
 */
export class EncodedSearchResult {
  readonly body: Buffer;
  /** which engine answered (kept apart from the response, which a kept result no longer holds) */
  readonly engine: SearchResponse['engine'];
  private object?: SearchResponse;
  private gzipped?: Buffer;
  private brotli?: Buffer;

  constructor(response: SearchResponse) {
    this.object = response;
    this.engine = response.engine;
    this.body = Buffer.from(JSON.stringify(response));
  }

  /** The answer as an object: the one it was made from until it is kept, then parsed from the bytes. */
  get response(): SearchResponse {
    return this.object ?? (JSON.parse(this.body.toString('utf8')) as SearchResponse);
  }

  /** Lets the response object go: a kept answer is bytes only. */
  keep(): this {
    this.object = undefined;
    return this;
  }

  /**
   * The body in `encoding`. Fast settings: an answer is compressed once per index generation, but with
   * every query distinct it is compressed on every request (brotli's default quality 11 costs ~5 ms).
   * Measured on 200 distinct answers at 100,000 listings (21.6 kB of JSON on average): gzip 3 0.18 ms,
   * 5.8 kB; gzip 5 0.27 ms, 5.5 kB; brotli 4 0.37 ms, 5.5 kB; brotli 5 0.6 ms, 5.2 kB.
   */
  encoded(encoding: 'br' | 'gzip'): Buffer {
    if (encoding === 'gzip') return (this.gzipped ??= gzipSync(this.body, { level: 3 }));
    return (this.brotli ??= brotliCompressSync(this.body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 4,
        [constants.BROTLI_PARAM_SIZE_HINT]: this.body.length,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    }));
  }

  /** Bytes held, for the cache's budget. */
  get size(): number {
    return this.body.length + (this.gzipped?.length ?? 0) + (this.brotli?.length ?? 0);
  }
}

export interface SearchResultCacheOptions {
  /**
   * Total bytes of JSON (and compressed copies) kept, each answer counted once however many keys lead
   * to it; least recently used go first. Default 32 MB: the bench's mix of 1,000 searches needs ~25 MB
   * (answers of ~20 kB of JSON, plus their gzip), and a kept answer is bytes only.
   */
  maxBytes?: number;
  /**
   * How long an answer from Meilisearch is reused (default 0: not at all). The generation says when
   * SQLite's copy of a listing changed, but Meilisearch applies the same change a moment later (its
   * document task), and when Meilisearch stops answering the embedded engine must take over at once,
   * not after the cached answers expire. Answers of the embedded engine live until the generation changes.
   */
  meilisearchMaxAgeMs?: number;
  now?: () => number;
}

interface Entry {
  generation: string;
  result: EncodedSearchResult;
  at: number;
}

/**
 * Search answers by normalised query, valid for one index generation: every change of a listing (the
 * indexer, an approval through the outbox, a removal, a provider's confirmation) bumps the generation,
 * so an answer never outlives the listings it was computed from. Several keys may point at one answer
 * (the request as sent, and what query understanding made of it).
 */
export class SearchResultCache {
  private readonly entries = new Map<string, Entry>();
  /** per answer kept: how many keys lead to it and the bytes it was counted for */
  private readonly held = new Map<EncodedSearchResult, { keys: number; bytes: number }>();
  private bytes = 0;
  private readonly maxBytes: number;
  private readonly meiliMaxAge: number;
  private readonly now: () => number;
  hits = 0;
  misses = 0;

  constructor(options: SearchResultCacheOptions = {}) {
    this.maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
    this.meiliMaxAge = options.meilisearchMaxAgeMs ?? 0;
    this.now = options.now ?? Date.now;
  }

  get(key: string, generation: string): EncodedSearchResult | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      this.misses++;
      return undefined;
    }
    const expired =
      entry.generation !== generation ||
      (entry.result.engine === 'meilisearch' && this.now() - entry.at >= this.meiliMaxAge);
    if (expired) {
      this.drop(key, entry);
      this.misses++;
      return undefined;
    }
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.hits++;
    return entry.result;
  }

  set(keys: readonly string[], generation: string, result: EncodedSearchResult): void {
    if (result.engine === 'meilisearch' && this.meiliMaxAge <= 0) return;
    result.keep();
    const at = this.now();
    for (const key of new Set(keys)) {
      const old = this.entries.get(key);
      if (old) this.drop(key, old);
      this.entries.set(key, { generation, result, at });
      this.bytes += key.length;
      const held = this.held.get(result);
      if (held) held.keys++;
      else {
        // Counted with what compressing it will add (gzip is ~15-20% of the JSON, brotli less).
        const bytes = Math.max(result.size, Math.ceil(result.body.length * 1.25));
        this.held.set(result, { keys: 1, bytes });
        this.bytes += bytes;
      }
    }
    for (const [key, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(key, entry);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** Bytes counted for what is kept (JSON, compressed copies, keys). */
  get byteSize(): number {
    return this.bytes;
  }

  private drop(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= key.length;
    const held = this.held.get(entry.result)!;
    if (--held.keys === 0) {
      this.held.delete(entry.result);
      this.bytes -= held.bytes;
    }
  }
}

/**
 * JSON with object keys sorted, so equal queries written differently meet. With `sortLists`, lists of
 * strings are sets (the values of a filter: `country=NL&country=IE` is `country=IE&country=NL`); in a
 * query plan they are not (a term's first form is the word as typed).
 */
export function stableKey(value: unknown, sortLists = false): string {
  return JSON.stringify(normalise(value, sortLists));
}

function normalise(value: unknown, sortLists: boolean): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => normalise(v, sortLists));
    return sortLists && items.every((v) => typeof v === 'string') ? [...new Set(items as string[])].sort() : items;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, normalise(v, sortLists)]),
    );
  }
  return value;
}
