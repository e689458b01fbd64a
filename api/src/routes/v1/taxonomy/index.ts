import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { OccupationNamesResponseSchema, OccupationSuggestResponseSchema, TaxonomyResponseSchema } from '@skillway/core';
import {
  OccupationNamesQuerySchema,
  OccupationSuggestQuerySchema,
  TaxonomyQuerySchema,
} from '../../../schemas/taxonomy.schema';
import { problemResponses } from '../../../problems/problem';

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
    async (request) => fastify.services.taxonomy.vocabularies(request.query.lang ?? 'en'),
  );

  fastify.get(
    '/taxonomy/occupations',
    {
      config: { cache: { maxAge: 3600 } },
      schema: {
        tags: ['taxonomy'],
        summary: "Occupation autocomplete over ESCO labels in every language, and the project's own uk/fa/ar labels",
        description:
          'Word prefixes, accents ignored: `enferm`, `ápol`, `nurs`, `медсес`, `پرست` all find nurses. ' +
          'The occupation a person most likely means comes first: a whole occupation name typed, then the ' +
          'occupations of the ISCO group the words describe best ("nurse": nursing professionals before ' +
          '"nurse assistant"). Each label says its `source`: `esco`, or `skillway` for the project\'s own ' +
          'translations (Ukrainian, Persian, everyday Arabic words), which are not part of ESCO. ' +
          'This service uses the ESCO classification of the European Commission.',
        querystring: OccupationSuggestQuerySchema,
        response: { 200: Type.Ref(OccupationSuggestResponseSchema), ...problemResponses(400, 429) },
      },
    },
    async (request) => {
      const { q, lang = 'en', limit = 10 } = request.query;
      return { occupations: await fastify.services.taxonomy.suggestOccupations({ q, lang, limit }) };
    },
  );

  fastify.get(
    '/taxonomy/occupations/names',
    {
      config: { cache: { maxAge: 3600 } },
      schema: {
        tags: ['taxonomy'],
        summary: 'Names of ISCO-08 groups and ESCO occupations, in one language',
        description:
          'For showing the occupations of a listing or a filter by name: `ref` repeated, each an ISCO-08 code or ' +
          'an ESCO occupation URI. English where the taxonomy has no name in `lang`; unknown references are left out.',
        querystring: OccupationNamesQuerySchema,
        response: { 200: OccupationNamesResponseSchema, ...problemResponses(400, 429) },
      },
    },
    async (request) => {
      const { ref, lang = 'en' } = request.query;
      return { names: await fastify.services.taxonomy.occupationNames(ref, lang) };
    },
  );
};

export default taxonomy;
