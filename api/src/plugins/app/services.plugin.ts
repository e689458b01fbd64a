import fp from 'fastify-plugin';
import { createMailer, createServices, type Services } from '@skillway/store';

declare module 'fastify' {
  interface FastifyInstance {
    /** every domain service, built once (store/src/services.ts); routes call one method of one of them */
    services: Services;
  }
}

/**
 * The services container: the one place the API builds services, over the store it opened and the
 * mailer of its configuration. No route constructs a service.
 */
export default fp(
  async (fastify) => {
    const mailer = createMailer(fastify.config.mail, fastify.log.child({ component: 'mail' }));
    fastify.addHook('onClose', async () => mailer.close?.());
    const services = createServices({
      db: fastify.store.db,
      mailer,
      config: { webUrl: fastify.config.mail.webUrl },
      // Search follows an approval within moments instead of at the outbox worker's next scheduled pass.
      onListingChanged: () => fastify.outboxWorker?.kick(),
    });
    fastify.decorate('services', services);
    fastify.addHook('onReady', async () => {
      await services.accounts.pruneSessions();
    });
  },
  { name: 'services', dependencies: ['config', 'store'] },
);
