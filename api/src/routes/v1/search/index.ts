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
          'filters are AND-ed. `engine` in the response says which engine answered. ' +
          '`near` (a town in any language, typos allowed) orders by distance and limits to its country and EU-wide ' +
          'listings unless `country` is given; hits with a `point` (city centres, marked approximate) get `distance_km`; ' +
          'an unknown place is not an error (`near.resolved: false`). See docs/near-me.md.',
        querystring: SearchQuerySchema,
        response: { 200: Type.Ref(SearchResponseSchema), ...problemResponses(400, 429) },
      },
    },
    // The answer's bytes as the result cache holds them, compressed once per answer (not per request):
    // @fastify/compress leaves a body that already has a Content-Encoding alone.
    async (request, reply) => {
      const result = await fastify.searchService.searchEncoded(request.query);
      reply.type('application/json; charset=utf-8');
      const encoding = result.body.length >= 1024 ? acceptedEncoding(request.headers['accept-encoding']) : undefined;
      // Bytes, not the object the schema types: Fastify sends a Buffer as it is, unserialised.
      if (!encoding) return reply.send(result.body as never);
      reply.header('content-encoding', encoding).header('vary', 'Accept-Encoding');
      return reply.send(result.encoded(encoding) as never);
    },
  );
};

/** brotli when the client takes it, else gzip, else none (q-values of 0 refuse an encoding). */
export function acceptedEncoding(header: string | undefined): 'br' | 'gzip' | undefined {
  if (!header) return undefined;
  const accepted = new Set(
    header
      .split(',')
      .map((part) => part.trim().toLowerCase().split(';'))
      .filter(([, ...params]) => !params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p)))
      .map(([name]) => name!.trim()),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return undefined;
}

export default search;
