import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ListingDetailSchema, ListingId } from '@skillway/core';
import { getListingDetail } from '@skillway/store';
import { HttpProblem, problemResponses } from '../../../problems/problem';

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
    async (request) => {
      const listing = await getListingDetail(fastify.store.db, request.params.id);
      if (!listing) throw new HttpProblem(404, `There is no listing with id "${request.params.id}".`);
      return listing;
    },
  );
};

export default listings;
