import type { SearchQuery, SearchResponse, Understood } from '@skillway/core';
import type { MatchDataCache } from '../match/match-data.cache';
import { understanderFor } from '../match/query-understander.factory';
import type { SearchEngine } from './search-engine';

export const NOTHING_UNDERSTOOD: Understood = { concepts: [], corrections: [], ignored: [], language: null };

export interface SearchService {
  search(query: SearchQuery): Promise<SearchResponse>;
}

/**
 * GET /search: the query is read by the query understander (words worth searching, their forms,
 * recognised occupations, needs, places and audience), the engine searches with that plan, and the
 * answer says what was understood, with the typos the engine corrected.
 */
export function createSearchService({ engine, data }: { engine: SearchEngine; data: MatchDataCache }): SearchService {
  return {
    async search(query) {
      const text = query.q?.trim();
      if (!text) {
        const { corrections: _none, ...result } = await engine.search(query);
        return { ...result, understood: NOTHING_UNDERSTOOD };
      }
      const understander = understanderFor(await data.get());
      const { plan, understood } = understander.understand(text, {
        lang: query.lang,
        ignore: query.ignore,
        countriesChosen: (query.country ?? []).length > 0,
      });
      const { corrections, ...result } = await engine.search({ ...query, plan });
      return { ...result, understood: { ...understood, corrections: corrections ?? [] } };
    },
  };
}
