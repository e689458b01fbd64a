import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { PLACES_MAX_LIMIT, PlacesQuerySchema, PlacesResponseSchema } from '@skillway/core';
import { suggestPlaces } from '@skillway/store';
import { problemResponses } from '../../../problems/problem';

const places: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/places',
    {
      // As /search: a field typed into may ask on every key. The gazetteer changes only with a release.
      config: { ...fastify.rateLimits.search, cache: { maxAge: 86_400 } },
      schema: {
        tags: ['places'],
        summary: 'Places for a "near" field: a datalist, and "did you mean"',
        description:
          'Up to 8 towns and cities of the directory’s countries and their neighbours, from a packaged GeoNames ' +
          'gazetteer (CC BY 4.0; no lookup leaves the server): a name in any language or script matched exactly ' +
          '(`Корк`, `كورك`, `Den Haag`), then names that start with the text, then near misses (`Crok`). ' +
          'Places in the directory’s countries first, then the bigger. Postcodes are not supported yet. ' +
          'See docs/near-me.md.',
        querystring: PlacesQuerySchema,
        response: { 200: Type.Ref(PlacesResponseSchema), ...problemResponses(400, 429) },
      },
    },
    async (request) => {
      const { q, country, limit = PLACES_MAX_LIMIT } = request.query;
      return { query: q, places: suggestPlaces(q, { limit, ...(country && { countries: country }) }) };
    },
  );
};

export default places;
