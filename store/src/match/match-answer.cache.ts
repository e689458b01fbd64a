import type { MatchResponse } from '@skillway/core';
import { EncodedAnswer } from '../encoded-answer';

/** A /match answer as the API sends it (EncodedAnswer: bytes serialised and compressed once). */
export class EncodedMatchAnswer extends EncodedAnswer<MatchResponse> {}

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
