import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { MatchResponse } from '@skillway/core';

/**
 * A /match answer as the API sends it: its JSON bytes, serialised once, and their gzip and brotli forms,
 * each compressed the first time a client asks for it (the same settings as EncodedSearchResult in
 * store/src/search/search-result.cache.ts). Once kept (`keep()`), it holds bytes only: the response
 * object takes ~31 kB of heap, its JSON ~13 kB.
 *
 * JSON.stringify says what the route's schema serializer said: the same JSON on 312 answers at 100k
 * listings (every field of an answer is in MatchResponseSchema), and api/src/routes/v1/match checks
 * the bytes against the schema.
 */
export class EncodedMatchAnswer {
  readonly body: Buffer;
  private object?: MatchResponse;
  private gzipped?: Buffer;
  private brotli?: Buffer;

  constructor(response: MatchResponse) {
    this.object = response;
    this.body = Buffer.from(JSON.stringify(response));
  }

  /** The answer as an object: the one it was made from until it is kept, then parsed from the bytes. */
  get response(): MatchResponse {
    return this.object ?? (JSON.parse(this.body.toString('utf8')) as MatchResponse);
  }

  /** Lets the response object go: a kept answer is bytes only. */
  keep(): this {
    this.object = undefined;
    return this;
  }

  /** The body in `encoding` (fast settings: with every profile new, each answer is compressed once). */
  encoded(encoding: 'br' | 'gzip'): Buffer {
    if (encoding === 'gzip') return (this.gzipped ??= exactCopy(gzipSync(this.body, { level: 3 })));
    return (this.brotli ??= exactCopy(
      brotliCompressSync(this.body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 4,
          [constants.BROTLI_PARAM_SIZE_HINT]: this.body.length,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        },
      }),
    ));
  }

  /** Bytes held now. */
  get size(): number {
    return this.body.length + (this.gzipped?.length ?? 0) + (this.brotli?.length ?? 0);
  }
}

/**
 * zlib's sync output is a view of a 16 KiB chunk: a kept 2 kB gzip held all 16 KiB (500 answers,
 * ~15 MB of ArrayBuffers for ~2 MB of gzip). A copy of its own size lets the chunk go.
 */
function exactCopy(view: Buffer): Buffer {
  if (view.buffer.byteLength <= view.length) return view;
  const copy = Buffer.allocUnsafeSlow(view.length);
  view.copy(copy);
  return copy;
}

export interface MatchAnswerCacheOptions {
  /** at most this many answers (default 500) */
  maxAnswers?: number;
  /**
   * Bytes of JSON kept, each answer counted with what compressing it will add (default 8 MiB: the 500
   * answers of ~13 kB of JSON, plus their gzip, that the count allows).
   */
  maxBytes?: number;
}

/**
 * /match answers by request, valid for one index generation (see MatchDataCache.generation), least
 * recently used dropped first when either the count or the bytes are over.
 */
export class MatchAnswerCache {
  private readonly entries = new Map<string, { generation: string; answer: EncodedMatchAnswer; bytes: number }>();
  private bytes = 0;
  private readonly maxAnswers: number;
  private readonly maxBytes: number;

  constructor(options: MatchAnswerCacheOptions = {}) {
    this.maxAnswers = options.maxAnswers ?? 500;
    this.maxBytes = options.maxBytes ?? 8 * 1024 * 1024;
  }

  /** Bytes counted for the answers held (for tests and the budget). */
  get heldBytes(): number {
    return this.bytes;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string, generation: string): EncodedMatchAnswer | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.drop(key);
    if (entry.generation !== generation) return undefined;
    // Most recently used last.
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    return entry.answer;
  }

  set(key: string, generation: string, answer: EncodedMatchAnswer): void {
    answer.keep();
    this.drop(key);
    // Gzip is ~20% of the JSON, brotli a little less.
    const bytes = key.length * 2 + Math.ceil(answer.body.length * 1.25);
    this.entries.set(key, { generation, answer, bytes });
    this.bytes += bytes;
    for (const old of this.entries.keys()) {
      if (this.entries.size <= this.maxAnswers && this.bytes <= this.maxBytes) break;
      this.drop(old);
    }
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}
