import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ApiConfig } from './config';
import configPlugin from './plugins/app/config.plugin';
import helmetPlugin from './plugins/external/helmet.plugin';
import corsPlugin from './plugins/external/cors.plugin';
import compressPlugin from './plugins/external/compress.plugin';
import rateLimitPlugin from './plugins/external/rate-limit.plugin';
import swaggerPlugin from './plugins/external/swagger.plugin';
import sharedSchemasPlugin from './plugins/app/shared-schemas.plugin';
import requestIdPlugin from './plugins/app/request-id.plugin';
import problemHandlersPlugin from './plugins/app/problem-handlers.plugin';
import etagPlugin from './plugins/app/etag.plugin';
import storePlugin from './plugins/app/store.plugin';
import databaseHealthPlugin from './plugins/app/database-health.plugin';
import searchEnginePlugin from './plugins/app/search-engine.plugin';
import servicesPlugin from './plugins/app/services.plugin';
import queryServicesPlugin from './plugins/app/query-services.plugin';
import authPlugin from './plugins/auth';
import outboxWorkerPlugin from './plugins/outbox-worker';
import v1Routes from './routes/v1';
import { API_PREFIX } from './routes/v1/prefix';
import hsdsRoutes, { HSDS_PREFIX } from './routes/hsds';

export interface AppOptions {
  config: ApiConfig;
}

/**
 * The whole API as one plugin, with no port: server.ts listens, tests register it on their own
 * instance built from the same fastify-options.ts. Plugins load in stages, each relying on the ones
 * before it: third-party plugins, then our decorators and hooks, then the routes. Not encapsulated
 * (fastify-plugin, as fastify/demo's server does): its error handler, hooks and decorators belong to
 * the instance it is registered on, so a route added anywhere on that instance gets them too.
 */
async function app(fastify: FastifyInstance, opts: AppOptions): Promise<void> {
  await fastify.register(configPlugin, { config: opts.config });

  // Stage 1: third-party plugins.
  await fastify.register(helmetPlugin);
  await fastify.register(corsPlugin);
  await fastify.register(compressPlugin);
  await fastify.register(rateLimitPlugin);
  await fastify.register(swaggerPlugin);

  // Stage 2: our own schemas, hooks and decorators.
  await fastify.register(sharedSchemasPlugin);
  await fastify.register(requestIdPlugin);
  await fastify.register(problemHandlersPlugin);
  await fastify.register(etagPlugin);
  await fastify.register(storePlugin);
  await fastify.register(databaseHealthPlugin);
  await fastify.register(searchEnginePlugin);
  await fastify.register(servicesPlugin);
  await fastify.register(queryServicesPlugin);
  await fastify.register(authPlugin);
  await fastify.register(outboxWorkerPlugin);

  // Stage 3: routes.
  await fastify.register(v1Routes, { prefix: API_PREFIX });
  await fastify.register(hsdsRoutes, { prefix: HSDS_PREFIX });
}

export default fp(app, { name: 'skillway-api' });
