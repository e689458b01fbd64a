import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { MatchResponse } from '@skillway/core';
import { EncodedMatchAnswer, MatchAnswerCache } from './match-answer.cache';

/** An answer whose JSON is about `size` bytes. */
const answerOf = (size: number, took = 1): EncodedMatchAnswer =>
  new EncodedMatchAnswer({
    results: [],
    interpreted: { occupations: [], skills: [] },
    understood: { text: 'x'.repeat(size) },
    took_ms: took,
  } as unknown as MatchResponse);

describe('EncodedMatchAnswer', () => {
  it('holds the JSON bytes and, once kept, gives the same answer parsed from them', () => {
    const answer = answerOf(2000);
    const object = answer.response;
    expect(JSON.parse(answer.body.toString('utf8'))).toEqual(object);
    expect(answer.keep().response).not.toBe(object);
    expect(answer.response).toEqual(object);
    expect(JSON.parse(gunzipSync(answer.encoded('gzip')).toString('utf8'))).toEqual(object);
    expect(answer.encoded('gzip')).toBe(answer.encoded('gzip'));
  });

  it('keeps its compressed forms in buffers of their own size, not in zlib 16 KiB chunks', () => {
    const answer = answerOf(3000).keep();
    for (const encoding of ['gzip', 'br'] as const) {
      const bytes = answer.encoded(encoding);
      expect(bytes.length).toBeLessThan(1000);
      expect(bytes.buffer.byteLength).toBe(bytes.length);
    }
  });
});

describe('MatchAnswerCache', () => {
  it('gives an answer back within its generation only', () => {
    const cache = new MatchAnswerCache();
    const answer = answerOf(100);
    cache.set('a', 'g1', answer);
    expect(cache.get('a', 'g1')).toBe(answer);
    expect(cache.get('a', 'g2')).toBeUndefined();
    // a stale answer is dropped, not kept beside the new one
    expect(cache.size).toBe(0);
    expect(cache.heldBytes).toBe(0);
  });

  it('keeps to its byte budget, dropping the least recently used first', () => {
    const cache = new MatchAnswerCache({ maxAnswers: 100, maxBytes: 10_000 });
    for (const key of ['a', 'b', 'c']) cache.set(key, 'g', answerOf(2_500));
    expect(cache.get('a', 'g')).toBeDefined(); // a is now the most recently used
    cache.set('d', 'g', answerOf(2_500));
    expect(cache.heldBytes).toBeLessThanOrEqual(10_000);
    expect(cache.get('b', 'g')).toBeUndefined();
    expect(cache.get('a', 'g')).toBeDefined();
    expect(cache.get('d', 'g')).toBeDefined();
  });

  it('keeps to its count, and an answer replacing another under the same key is counted once', () => {
    const cache = new MatchAnswerCache({ maxAnswers: 2 });
    cache.set('a', 'g', answerOf(10));
    const bytes = cache.heldBytes;
    cache.set('a', 'g', answerOf(10, 2));
    expect(cache.heldBytes).toBe(bytes);
    cache.set('b', 'g', answerOf(10));
    cache.set('c', 'g', answerOf(10));
    expect(cache.size).toBe(2);
    expect(cache.get('a', 'g')).toBeUndefined();
  });
});
