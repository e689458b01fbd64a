import fp from 'fastify-plugin';
import { openPostgresStore, openStore, type SqliteStore, type Store } from '@skillway/store';

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
  }
}

/**
 * When a write fails with SQLITE_FULL or an I/O error, SQLite rolls the transaction back itself; Kysely
 * then sends its own ROLLBACK, which fails with "cannot rollback - no transaction is active" and is the
 * error that reaches the log, hiding the real one. A ROLLBACK outside a transaction becomes a no-op here,
 * so Kysely rethrows the real error. (This belongs in the store's dialect; see issue 16.)
 */
export function keepTheRealError(sqlite: SqliteStore['sqlite']): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const nothing = prepare('select 1 where 0');
  sqlite.prepare = ((source: string) =>
    /^\s*rollback\s*;?\s*$/i.test(source) && !sqlite.inTransaction
      ? nothing
      : prepare(source)) as typeof sqlite.prepare;
}

/**
 * The store (the source of truth), opened once and closed when the server closes: the SQLite file at
 * DATABASE_PATH, or PostgreSQL when DATABASE_URL is set (several API instances on one database).
 */
export default fp(
  async (fastify) => {
    const { databaseUrl, databasePath } = fastify.config;
    const store: Store = databaseUrl ? await openPostgresStore(databaseUrl) : await openStore(databasePath);
    if (store.sqlite) keepTheRealError(store.sqlite);
    fastify.decorate<Store>('store', store);
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
