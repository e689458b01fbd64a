import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FieldError } from '@skillway/core';
import { HealthResponseSchema, ReadyResponseSchema } from '../../../schemas/health.schema';
import { HttpProblem, problemResponses } from '../../../problems/problem';
import { FallbackSearchEngine } from '../../../search/fallback.search-engine';

const noStore = (reply: { header(name: string, value: string): unknown }) => reply.header('cache-control', 'no-store');

const health: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/health',
    {
      config: { ...fastify.rateLimits.none },
      schema: {
        tags: ['health'],
        summary: 'The process is up',
        response: { 200: Type.Ref(HealthResponseSchema) },
      },
    },
    async (_request, reply) => {
      noStore(reply);
      return { status: 'ok' as const };
    },
  );

  fastify.get(
    '/ready',
    {
      config: { ...fastify.rateLimits.none },
      schema: {
        tags: ['health'],
        summary: 'The database and the search engine answer',
        description:
          'When Meilisearch is configured and down this answers 503 (with `errors` naming it) although searches ' +
          'still work, served by the fallback engine (the embedded one on SQLite, full-text search on PostgreSQL).',
        response: { 200: Type.Ref(ReadyResponseSchema), ...problemResponses(503) },
      },
    },
    async (_request, reply) => {
      noStore(reply);
      const engine = fastify.searchEngine;
      const [database, search] = await Promise.all([
        fastify.services.health.databaseAnswers(),
        engine instanceof FallbackSearchEngine ? engine.probe() : engine.ping(),
      ]);
      const errors: FieldError[] = [];
      if (!database) errors.push({ field: 'database', reason: `the ${fastify.store.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'} database does not answer` });
      if (!search) {
        const state = engine instanceof FallbackSearchEngine ? engine.state() : undefined;
        errors.push({
          field: `search.${engine.name}`,
          reason:
            `${engine.name} does not answer` +
            (state?.last_error ? ` (${state.last_error})` : '') +
            (engine instanceof FallbackSearchEngine ? `; searches are served by ${engine.fallback.name}` : ''),
        });
      }
      if (errors.length > 0) throw new HttpProblem(503, 'Not ready: a dependency is down; see errors.', errors);
      return {
        status: 'ready' as const,
        database: 'up' as const,
        search: { engine: engine.name, status: 'up' as const },
      };
    },
  );
};

export default health;
