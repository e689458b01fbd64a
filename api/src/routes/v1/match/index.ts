import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { MatchRequestSchema, MatchResponseSchema } from '@skillway/core';
import { createMatcher } from '@skillway/store/match/matcher';
import { problemResponses } from '../../../problems/problem';

/**
 * POST because a profile (occupations, skills, free text) does not fit a URL well, but it reads
 * nothing and changes nothing: it gets the search rate limit, not the write one.
 */
const match: FastifyPluginAsyncTypebox = async (fastify) => {
  const matcher = createMatcher({ db: fastify.store.db, engine: fastify.searchEngine });
  fastify.post(
    '/match',
    {
      config: { ...fastify.rateLimits.search },
      schema: {
        tags: ['match'],
        summary: 'Services that fit what a person can do, with the reasons',
        body: MatchRequestSchema,
        response: { 200: Type.Ref(MatchResponseSchema), ...problemResponses(400, 413, 415, 429) },
      },
    },
    async (request) => matcher.match(request.body),
  );
};

export default match;
