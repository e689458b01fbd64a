import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { MatchRequestSchema, MatchResponseSchema } from '@skillway/core';
import { problemResponses } from '../../../problems/problem';
import { acceptedEncoding } from '../search';

/**
 * POST because a profile (occupations, skills, free text) does not fit a URL well, but it reads
 * nothing and changes nothing: it gets the search rate limit, not the write one.
 */
const match: FastifyPluginAsyncTypebox = async (fastify) => {
  const { matcher } = fastify;

  fastify.post(
    '/match',
    {
      config: { ...fastify.rateLimits.search },
      schema: {
        tags: ['match'],
        summary: 'Services that fit what a person can do, with the reasons',
        description:
          'Give at least one of `occupations`, `skills`, `text`, `needs` or `country`. Searches use the same engine and the same query understanding as /search.',
        body: Type.Ref(MatchRequestSchema),
        response: { 200: Type.Ref(MatchResponseSchema), ...problemResponses(400, 413, 415, 429) },
      },
    },
    // A MatchInputError is a DomainError: the app's error handler answers it as a 400 with field errors.
    // The answer's bytes as the matcher keeps them, compressed once per answer (as /search does):
    // a repeated profile costs no ranking, no serialisation and no compression.
    async (request, reply) => {
      const answer = await matcher.matchEncoded(request.body);
      reply.type('application/json; charset=utf-8');
      const encoding = answer.body.length >= 1024 ? acceptedEncoding(request.headers['accept-encoding']) : undefined;
      // Bytes, not the object the schema types: Fastify sends a Buffer as it is, unserialised.
      if (!encoding) return reply.send(answer.body as never);
      reply.header('content-encoding', encoding).header('vary', 'Accept-Encoding');
      return reply.send(answer.encoded(encoding) as never);
    },
  );
};

export default match;
