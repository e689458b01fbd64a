import fp from 'fastify-plugin';
import { REQUEST_ID_HEADER } from '../../fastify-options';

/** Echoes the request id (the caller's, when it sent a sane one) so logs and reports can be joined. */
export default fp(
  async (fastify) => {
    fastify.addHook('onRequest', async (request, reply) => {
      reply.header(REQUEST_ID_HEADER, request.id);
    });
  },
  { name: 'request-id' },
);
