import fp from 'fastify-plugin';
import type { ApiConfig } from '../../config';

declare module 'fastify' {
  interface FastifyInstance {
    config: ApiConfig;
  }
}

/** The checked configuration (see config.ts), available to every later plugin as `fastify.config`. */
export default fp<{ config: ApiConfig }>(
  async (fastify, opts) => {
    fastify.decorate('config', opts.config);
  },
  { name: 'config' },
);
