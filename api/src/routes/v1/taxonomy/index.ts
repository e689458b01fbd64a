import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { suggestOccupations } from '@skillway/store/taxonomy.repository';
import {
  OccupationSuggestQuerySchema,
  OccupationSuggestResponseSchema,
  TaxonomyQuerySchema,
  TaxonomyResponseSchema,
} from '../../../schemas/taxonomy.schema';
import { problemResponses } from '../../../problems/problem';
import { buildTaxonomy } from '../../../taxonomy/taxonomy.service';

const taxonomy: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/taxonomy',
    {
      config: { cache: { maxAge: 3600 } },
      schema: {
        tags: ['taxonomy'],
        summary: 'The vocabularies of filters and listings, with labels in one UI language',
        querystring: TaxonomyQuerySchema,
        response: { 200: Type.Ref(TaxonomyResponseSchema), ...problemResponses(400, 429) },
      },
    },
    async (request) => buildTaxonomy(fastify.store.db, request.query.lang ?? 'en'),
  );

  fastify.get(
    '/taxonomy/occupations',
    {
      config: { cache: { maxAge: 3600 } },
      schema: {
        tags: ['taxonomy'],
        summary: 'Occupation autocomplete over ESCO labels in every language',
        description:
          'Word prefixes, accents ignored: `enferm`, `ápol`, `nurs` all find nurses. ' +
          'This service uses the ESCO classification of the European Commission.',
        querystring: OccupationSuggestQuerySchema,
        response: { 200: Type.Ref(OccupationSuggestResponseSchema), ...problemResponses(400, 429) },
      },
    },
    async (request) => {
      const { q, lang = 'en', limit = 10 } = request.query;
      return { occupations: await suggestOccupations(fastify.store.db, { q, lang, limit }) };
    },
  );
};

export default taxonomy;
