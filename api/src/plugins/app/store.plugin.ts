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
    // An API over an empty database answers every search with nothing; say why once, at start-up.
    const listing = await store.db.selectFrom('listing').select('id').limit(1).executeTakeFirst();
    if (!listing) {
      fastify.log.warn({ database: store.path }, 'the database has no listings yet: run `npm run index` to load data/');
    }
  },
  { name: 'store', dependencies: ['config'] },
);
