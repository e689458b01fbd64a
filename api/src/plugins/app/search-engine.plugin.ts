import fp from 'fastify-plugin';
import { createSearchEngine, type SearchEngine } from '@skillway/store/search';
import { FallbackSearchEngine } from '../../search/fallback.search-engine';

declare module 'fastify' {
  interface FastifyInstance {
    /** Meilisearch with the embedded engine behind it when MEILI_URL is set; the embedded engine otherwise. */
    searchEngine: SearchEngine | FallbackSearchEngine;
  }
}

export default fp(
  async (fastify) => {
    const { store, config } = fastify;
    const configured = await createSearchEngine(store, config.env);
    let engine: SearchEngine | FallbackSearchEngine = configured;
    if (configured.name !== 'sqlite') {
      const embedded = await createSearchEngine(store, { ...config.env, MEILI_URL: undefined });
      engine = new FallbackSearchEngine({
        primary: configured,
        fallback: embedded,
        timeoutMs: config.search.timeoutMs,
        retryMs: config.search.retryMs,
        log: fastify.log,
      });
    }
    fastify.decorate('searchEngine', engine);
    fastify.addHook('onClose', async () => {
      await engine.close();
    });
  },
  { name: 'search-engine', dependencies: ['config', 'store'] },
);
