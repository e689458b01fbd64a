import fp from 'fastify-plugin';
import { OutboxWorker } from '@skillway/store';

declare module 'fastify' {
  interface FastifyInstance {
    outboxWorker: OutboxWorker;
  }
}

/**
 * Keeps the search engines in step with SQLite: applies the outbox rows that approvals write, to the
 * embedded index always and to Meilisearch when it is configured. Rows left by an earlier process are
 * replayed at start; a failing engine is retried with exponential backoff (OUTBOX_RETRY_MS, default
 * 1000, doubling up to OUTBOX_MAX_RETRY_MS, default 300000) while the other engine is served at once.
 */
export default fp(
  async (fastify) => {
    // Each engine separately (search-engine.plugin.ts): one engine's failure must not hide the other's success.
    const worker = new OutboxWorker({
      db: fastify.store.db,
      engines: fastify.searchIndexWriters,
      backoff: { initialMs: fastify.config.outbox.retryMs, maxMs: fastify.config.outbox.maxRetryMs },
      logger: fastify.log.child({ component: 'outbox' }),
    });
    fastify.decorate('outboxWorker', worker);
    fastify.addHook('onReady', async () => worker.start());
    // preClose: before the store and the engines close under it.
    fastify.addHook('preClose', async () => worker.stop());
  },
  { name: 'outbox-worker', dependencies: ['store', 'search-engine'] },
);
