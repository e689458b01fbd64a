import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';

/**
 * Security headers. The API answers JSON, so the default policy forbids everything a page could load;
 * the Swagger UI under /docs sets its own, looser policy (see swagger.plugin.ts).
 */
export default fp(
  async (fastify) => {
    await fastify.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'none'"],
          frameAncestors: ["'none'"],
        },
      },
      // The web app's server and other sites' scripts (when CORS allows them) read this API.
      crossOriginResourcePolicy: { policy: 'cross-origin' },
    });
  },
  { name: 'helmet', dependencies: ['config'] },
);
