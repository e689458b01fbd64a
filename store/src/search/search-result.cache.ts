import type { SearchResponse } from '@skillway/core';
import { EncodedAnswer } from '../encoded-answer';

/** A search answer as the API sends it (EncodedAnswer: bytes serialised and compressed once). */
export class EncodedSearchResult extends EncodedAnswer<SearchResponse> {
  /** which engine answered (kept apart from the response, which a kept result no longer holds) */
  readonly engine: SearchResponse['engine'];

  constructor(response: SearchResponse) {
    super(response);
    this.engine = response.engine;
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
