import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

/** The OpenAPI document at a stable address (Swagger UI itself is mounted at /docs by swagger.plugin.ts). */
const docs: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/openapi.json',
    { config: { cache: { maxAge: 300 } }, schema: { hide: true } },
    async (_request, reply) => {
      reply.type('application/json; charset=utf-8');
      return JSON.stringify(fastify.swagger());
    },
  );
};

export default docs;
