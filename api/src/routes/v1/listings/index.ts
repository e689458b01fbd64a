import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ListingDetailSchema, ListingId, ListingPointSchema } from '@skillway/core';
import { listingPoints } from '@skillway/store';
import { problemResponses } from '../../../problems/problem';

const listings: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/listings/:id',
    {
      // Short: an approved edit should show within moments, even through a shared cache.
      config: { cache: { maxAge: 30 } },
      schema: {
        tags: ['listings'],
        summary: 'One listing, with its organisation, its services and related listings',
        params: Type.Object({ id: ListingId }),
        response: {
          200: Type.Intersect([
            Type.Ref(ListingDetailSchema),
            Type.Object({
              points: Type.Array(Type.Ref(ListingPointSchema), {
                description:
                  'where to draw it on a map (docs/near-me.md): each location’s coordinates, else the centre of its ' +
                  'city (`approximate`); without locations, the listing’s city or its service area’s cities; none ' +
                  'for online-only listings',
              }),
            }),
          ]),
          ...problemResponses(400, 404, 429),
        },
      },
    },
    async (request) => {
      const detail = await fastify.services.listings.detail(request.params.id);
      return { ...detail, points: listingPoints(detail) };
    },
  );
};

export default listings;
