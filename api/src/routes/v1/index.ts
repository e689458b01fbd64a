import type { FastifyPluginAsync } from 'fastify';
import docs from './docs';
import health from './health';
import listings from './listings';
import match from './match';
import search from './search';
import taxonomy from './taxonomy';

/** Version 1 of the API, mounted under API_PREFIX by app.ts. */
const v1: FastifyPluginAsync = async (fastify) => {
  await fastify.register(health);
  await fastify.register(search);
  await fastify.register(listings);
  await fastify.register(taxonomy);
  await fastify.register(match);
  await fastify.register(docs);
};

export default v1;
