import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ListingDetailSchema, ListingId } from '@skillway/core';
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
        response: { 200: Type.Ref(ListingDetailSchema), ...problemResponses(400, 404, 429) },
      },
    },
    async (request) => fastify.services.listings.detail(request.params.id),
  );
};

export default listings;
