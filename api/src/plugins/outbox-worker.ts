import fp from 'fastify-plugin';
import type { SearchEngine } from '@skillway/store/search';
import { DEFAULT_BACKOFF, OutboxWorker } from '@skillway/store';
import { FallbackSearchEngine } from '../search/fallback.search-engine';

declare module 'fastify' {
  interface FastifyInstance {
    outboxWorker: OutboxWorker;
  }
}

function milliseconds(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 10) {
    throw new Error(`Invalid configuration:\n  ${name}: "${raw}" is not a whole number of milliseconds (10 or more)`);
  }
  return Number(raw);
}

/**
 * Keeps the search engines in step with SQLite: applies the outbox rows that approvals write, to the
 * embedded index always and to Meilisearch when it is configured. Rows left by an earlier process are
 * replayed at start; a failing engine is retried with exponential backoff (OUTBOX_RETRY_MS, default
 * 1000, doubling up to OUTBOX_MAX_RETRY_MS, default 300000) while the other engine is served at once.
 */
export default fp(
  async (fastify) => {
    const engine = fastify.searchEngine;
    // Each engine separately: the fallback wrapper writes to both at once, so one failure would hide the other's success.
    const engines: SearchEngine[] =
      engine instanceof FallbackSearchEngine ? [engine.fallback, engine.primary] : [engine];
    const env = fastify.config.env;
    const worker = new OutboxWorker({
      db: fastify.store.db,
      engines,
      backoff: {
        initialMs: milliseconds(env, 'OUTBOX_RETRY_MS', DEFAULT_BACKOFF.initialMs),
        maxMs: milliseconds(env, 'OUTBOX_MAX_RETRY_MS', DEFAULT_BACKOFF.maxMs),
      },
      logger: fastify.log.child({ component: 'outbox' }),
    });
    fastify.decorate('outboxWorker', worker);
    fastify.addHook('onReady', async () => worker.start());
    // preClose: before the store and the engines close under it.
    fastify.addHook('preClose', async () => worker.stop());
  },
  { name: 'outbox-worker', dependencies: ['store', 'search-engine'] },
);
