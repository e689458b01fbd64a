import type { FastifyPluginAsync } from 'fastify';
import docs from './docs';
import health from './health';
import listings from './listings';
import match from './match';
import search from './search';
import taxonomy from './taxonomy';
import auth from './auth';
import me from './me';
import submissions from './submissions';
import revisions from './listings/revisions';
import moderation from './moderation';
import claims from './claims';
import freshness from './freshness';
import reports from './reports';
import stories from './stories';
import places from './places';

/** Version 1 of the API, mounted under API_PREFIX by app.ts. */
const v1: FastifyPluginAsync = async (fastify) => {
  await fastify.register(health);
  await fastify.register(search);
  await fastify.register(listings);
  await fastify.register(taxonomy);
  await fastify.register(match);
  await fastify.register(docs);
  await fastify.register(auth);
  await fastify.register(me);
  await fastify.register(submissions);
  await fastify.register(revisions);
  await fastify.register(moderation);
  await fastify.register(claims);
  await fastify.register(freshness);
  await fastify.register(reports);
  await fastify.register(stories);
  await fastify.register(places);
};

export default v1;
