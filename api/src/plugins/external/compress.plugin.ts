import fp from 'fastify-plugin';
import compress from '@fastify/compress';

/** gzip/brotli for people on slow or metered connections: a search page of JSON shrinks about 5x. */
export default fp(
  async (fastify) => {
    await fastify.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip', 'deflate'] });
  },
  { name: 'compress' },
);
