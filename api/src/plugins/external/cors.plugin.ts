import fp from 'fastify-plugin';
import cors from '@fastify/cors';

/**
 * Cross-origin access for browsers, off unless CORS_ORIGINS lists origins: the web app calls the API
 * from its server, so only third-party front ends need this.
 */
export default fp(
  async (fastify) => {
    const origins = fastify.config.corsOrigins;
    await fastify.register(cors, {
      origin: origins.length > 0 ? origins : false,
      methods: ['GET', 'HEAD', 'POST'],
      exposedHeaders: ['ETag', 'X-Request-Id', 'Retry-After', 'X-RateLimit-Limit', 'X-RateLimit-Remaining'],
      maxAge: 600,
    });
  },
  { name: 'cors', dependencies: ['config'] },
);
