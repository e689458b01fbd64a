import type { SearchQuery, SearchResponse, Understood } from '@skillway/core';
import type { QueryPlan } from '@skillway/query';
import type { MatchDataCache } from '../match/match-data.cache';
import { understanderFor } from '../match/query-understander.factory';
import { localizeHits } from '../listing-texts';
import { readNear, withDistances } from '../geo/near';
import type { SearchEngine } from './search-engine';
import { EncodedSearchResult, stableKey, type SearchResultCache } from './search-result.cache';

export const NOTHING_UNDERSTOOD: Understood = { concepts: [], corrections: [], ignored: [], language: null };

export interface SearchService {
  search(query: SearchQuery): Promise<SearchResponse>;
  /**
   * The same answer as bytes ready to send (JSON, and gzip/brotli on demand), from the result cache
   * when the service has one. The response object it carries is shared: never change it.
   */
  searchEncoded(query: SearchQuery): Promise<EncodedSearchResult>;
}

/**
 * GET /search: the query is read by the query understander (words worth searching, their forms,
 * recognised occupations, needs, places and audience), the engine searches with that plan, and the
 * answer says what was understood, with the typos the engine corrected.
 *
 * With a `cache`, answers are kept per index generation under two keys: the request as sent (so a
 * repeated search costs one read of the generation) and what understanding made of it (the plan, what
 * was understood and the filters, so "Nurse", "nurse " and "nurse" share one answer).
 */
export function createSearchService({
  engine,
  data,
  cache,
}: {
  engine: SearchEngine;
  data: MatchDataCache;
  cache?: SearchResultCache;
}): SearchService {
  type Understanding = { plan: QueryPlan; understood: Understood };

  async function understand(query: SearchQuery, text: string): Promise<Understanding> {
    return understanderFor(await data.get()).understand(text, {
      lang: query.lang,
      ignore: query.ignore,
      countriesChosen: (query.country ?? []).length > 0,
    });
  }

  async function answer(query: SearchQuery, text: string | undefined, reading?: Understanding) {
    // `near` (docs/near-me.md): the place, its implied country and the distance order.
    const near = readNear(query);
    const asked = near ? { ...near.query, ...(near.byDistance && near.from && { nearPoint: near.from }) } : query;
    const placed = <T extends SearchResponse>(response: T): T =>
      near
        ? { ...response, hits: near.from ? withDistances(response.hits, near.from) : response.hits, near: near.near }
        : response;
    if (!text) {
      const { corrections: _none, ...result } = await engine.search(asked);
      return placed({ ...localizeHits(result, query.lang), understood: NOTHING_UNDERSTOOD });
    }
    const { plan, understood } = reading ?? (await understand(query, text));
    const { corrections, ...result } = await engine.search({ ...asked, plan });
    // Names and summaries in the reader's language where the listing has them (marked when translated).
    return placed({
      ...localizeHits(result, query.lang),
      understood: { ...understood, corrections: corrections ?? [] },
    });
  }

  return {
    search(query) {
      return answer(query, query.q?.trim());
    },

    async searchEncoded(query) {
      const text = query.q?.trim();
      if (!cache) return new EncodedSearchResult(await answer(query, text));
      // The day too: which listings are stale (they sink) changes with the date, not only with writes.
      const generation = `${await data.generation()}|${new Date().toISOString().slice(0, 10)}`;
      const asSent = `q:${stableKey({ ...query, q: text?.replace(/\s+/g, ' ') }, true)}`;
      const cached = cache.get(asSent, generation);
      if (cached) return cached;
      const reading = text ? await understand(query, text) : undefined;
      // `lang` stays in: the hits' names and summaries are in the reader's language.
      const { q: _q, ignore: _ignore, ...filters } = query;
      const keys = [asSent];
      if (reading) {
        const { terms, concepts } = reading.plan;
        keys.push(`p:${stableKey({ terms, concepts, understood: reading.understood })}|${stableKey(filters, true)}`);
        const known = cache.get(keys[1]!, generation);
        if (known) {
          cache.set([asSent], generation, known);
          return known;
        }
      }
      const result = new EncodedSearchResult(await answer(query, text, reading));
      // An answer from a stand-in (the embedded engine while Meilisearch is down) is not kept: the
      // next search must go back to the engine configured as soon as it answers again.
      if (result.response.engine === engine.name) cache.set(keys, generation, result);
      return result;
    },
  };
}
