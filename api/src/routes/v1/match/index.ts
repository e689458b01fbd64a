import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { MatchRequestSchema, MatchResponseSchema } from '@skillway/core';
import { problemResponses } from '../../../problems/problem';

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
    async (request) => matcher.match(request.body),
  );
};

export default match;
