import fp from 'fastify-plugin';
import { createSearchEngine, type SearchEngine } from '@skillway/store/search';
import { FallbackSearchEngine } from '../../search/fallback.search-engine';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Meilisearch with the store's own engine behind it when MEILI_URL is set; the store's own engine
     * otherwise. That engine is the embedded SQLite FTS5 one, or on PostgreSQL (DATABASE_URL) its
     * full-text engine (store/src/search/postgres.search-engine.ts), which answers in degraded mode.
     */
    searchEngine: SearchEngine | FallbackSearchEngine;
    /**
     * The engines the outbox worker writes approved listings to, each separately: the store's own one,
     * and Meilisearch with the admin key (searches use the search-only key when MEILI_SEARCH_KEY is set).
     */
    searchIndexWriters: SearchEngine[];
  }
}

export default fp(
  async (fastify) => {
    const { store, config } = fastify;
    const meili = config.meilisearch;
    // SQLite's FTS5 engine, or PostgreSQL's full-text engine on a PostgreSQL store (createSearchEngine).
    const embedded = createSearchEngine(store, {});
    const engines: SearchEngine[] = [embedded];
    let engine: SearchEngine | FallbackSearchEngine = embedded;
    let writers: SearchEngine[] = [embedded];
    if (meili) {
      const connect = (key: string | undefined) =>
        createSearchEngine(store, {
          MEILI_URL: meili.url,
          MEILI_MASTER_KEY: key,
          MEILI_INDEX_PREFIX: meili.indexPrefix,
        });
      const searching = connect(meili.searchKey);
      const writing = meili.searchKey === meili.adminKey ? searching : connect(meili.adminKey);
      engines.push(...new Set([searching, writing]));
      writers = [embedded, writing];
      engine = new FallbackSearchEngine({
        primary: searching,
        fallback: embedded,
        timeoutMs: config.search.timeoutMs,
        retryMs: config.search.retryMs,
        log: fastify.log,
      });
    }
    fastify.decorate('searchEngine', engine);
    fastify.decorate('searchIndexWriters', writers);
    fastify.addHook('onClose', async () => {
      await Promise.all(engines.map((e) => e.close()));
    });
  },
  { name: 'search-engine', dependencies: ['config', 'store'] },
);
