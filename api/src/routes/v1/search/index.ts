import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { SearchQuerySchema, SearchResponseSchema } from '@skillway/core';
import { problemResponses } from '../../../problems/problem';

const search: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/search',
    {
      config: { ...fastify.rateLimits.search, cache: { maxAge: 30 } },
      schema: {
        tags: ['search'],
        summary: 'Search listings, with facet counts',
        description:
          'Repeat a parameter for several values (`country=IE&country=NL`): values of one filter are OR-ed, ' +
          'filters are AND-ed. `engine` in the response says which engine answered.',
        querystring: SearchQuerySchema,
        response: { 200: Type.Ref(SearchResponseSchema), ...problemResponses(400, 429) },
      },
    },
    async (request) => fastify.searchService.search(request.query),
  );
};

export default search;
