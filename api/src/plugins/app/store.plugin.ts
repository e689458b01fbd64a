import fp from 'fastify-plugin';
import { openStore, type Store } from '@skillway/store/db';

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
  }
}

/** The SQLite store (the source of truth), opened once and closed when the server closes. */
export default fp(
  async (fastify) => {
    const store = await openStore(fastify.config.databasePath);
    fastify.decorate('store', store);
    fastify.addHook('onClose', async () => {
      await store.close();
    });
  },
  { name: 'store', dependencies: ['config'] },
);
