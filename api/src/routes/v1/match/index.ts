import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { MatchRequestSchema, MatchResponseSchema } from '@skillway/core';
import { MatchInputError } from '@skillway/store/match';
import { HttpProblem, problemResponses } from '../../../problems/problem';

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
    async (request) => {
      try {
        return await matcher.match(request.body);
      } catch (error) {
        if (!(error instanceof MatchInputError)) throw error;
        const errors = error.errors.map(({ field, reason }) => ({ field: field ? `body.${field}` : 'body', reason }));
        throw new HttpProblem(400, `The request body cannot be matched: ${error.reason}.`, errors);
      }
    },
  );
};

export default match;
