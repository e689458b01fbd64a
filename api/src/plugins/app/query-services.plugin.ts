import fp from 'fastify-plugin';
import { IndexGenerationReader } from '@skillway/store';
import { createMatcher, MatchDataCache, type Matcher } from '@skillway/store/match';
import { createSearchService, SearchResultCache, type SearchService } from '@skillway/store/search';

declare module 'fastify' {
  interface FastifyInstance {
    searchService: SearchService;
    matcher: Matcher;
  }
}

/**
 * Search and matching share what they read into memory (the taxonomy, its lexicon and the listing
 * snapshot): one MatchDataCache for both, so the query understanding of /search and /match is the
 * same and is loaded once. Built next to the services container (services.plugin.ts), not in it,
 * because of that shared cache.
 *
 * Every request compares the index generation (store/src/index-generation) with what the caches hold.
 * On SQLite that is a read inside the process; on PostgreSQL a round trip would cost more than a cached
 * search, so the generation is kept until a change's NOTIFY arrives (about a millisecond after the
 * commit; at most 1 s if a notification is lost): another instance's approval reaches this one's
 * caches that fast.
 */
export default fp(
  async (fastify) => {
    const { databaseUrl } = fastify.config;
    const meta = new IndexGenerationReader(fastify.store.db, {
      listen: databaseUrl ? { connectionString: databaseUrl } : undefined,
      logger: fastify.log.child({ component: 'index-generation' }),
    });
    await meta.start();
    fastify.addHook('onClose', async () => meta.stop());
    const data = new MatchDataCache(fastify.store.db, { meta });
    // The last 500 distinct /match answers, per index generation (the embedded engine only).
    const matcher = createMatcher({ db: fastify.store.db, engine: fastify.searchEngine, data, resultCacheSize: 500 });
    // Search answers as ready bytes per index generation (store/src/search/search-result.cache.ts).
    // Meilisearch's answers are kept too: the generation moves only once the outbox has applied a change
    // to every engine (store/src/outbox), so an answer of this generation is Meilisearch's current one.
    // The minute bounds what a change made outside the outbox (a manual re-index of Meilisearch alone)
    // may leave stale. Without this, every search of a deployment on Meilisearch costs ~8 ms of its CPU,
    // and a second API instance on the same cores adds nothing (BENCHMARKS.md, PostgreSQL).
    const cache = new SearchResultCache({ meilisearchMaxAgeMs: 60_000 });
    fastify.decorate('searchService', createSearchService({ engine: fastify.searchEngine, data, cache }));
    fastify.decorate('matcher', matcher);
    // The lexicon takes about a second to build; build it once the server is up, not on someone's request.
    fastify.addHook('onReady', async () => {
      matcher.warm().catch((err: unknown) => fastify.log.warn({ err }, 'could not warm the match lexicon'));
    });
  },
  { name: 'query-services', dependencies: ['store', 'search-engine'] },
);
