import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ListingInputSchema, SubmissionListSchema, SubmissionSchema } from '@skillway/core';
import { problemResponses } from '../../../problems/problem';

export const SubmissionIdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }) });

/** A provider's own submissions: every query is scoped to the signed-in account in the store. */
const submissionRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { submissions } = fastify.services;
  const signedIn = fastify.requireSession();

  fastify.post(
    '/submissions',
    {
      onRequest: signedIn,
      config: { ...fastify.authRateLimits.submit },
      schema: {
        tags: ['submissions'],
        summary: 'Submit a new listing for review',
        description:
          'The body is a listing without `id` (the same schema as data/listings.json); it stays pending until a ' +
          'moderator approves it. Text is stored and returned as plain text, never as HTML.',
        body: Type.Ref(ListingInputSchema),
        response: { 201: Type.Ref(SubmissionSchema), ...problemResponses(400, 401, 403, 413, 429) },
      },
    },
    async (request, reply) => reply.code(201).send(await submissions.submitNew(request.session!.user, request.body)),
  );

  fastify.get(
    '/submissions',
    {
      onRequest: signedIn,
      schema: {
        tags: ['submissions'],
        summary: 'My submissions, newest first, with their status and any rejection reason',
        response: { 200: Type.Ref(SubmissionListSchema), ...problemResponses(401) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { items: await submissions.listMine(request.session!.user) };
    },
  );

  fastify.get(
    '/submissions/:id',
    {
      onRequest: signedIn,
      schema: {
        tags: ['submissions'],
        summary: 'One of my submissions',
        params: SubmissionIdParams,
        response: { 200: Type.Ref(SubmissionSchema), ...problemResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return submissions.getMine(request.session!.user, request.params.id);
    },
  );

  fastify.put(
    '/submissions/:id',
    {
      onRequest: signedIn,
      config: { ...fastify.authRateLimits.submit },
      schema: {
        tags: ['submissions'],
        summary: 'Replace the content of one of my submissions while it is pending',
        params: SubmissionIdParams,
        body: Type.Ref(ListingInputSchema),
        response: { 200: Type.Ref(SubmissionSchema), ...problemResponses(400, 401, 403, 404, 409, 413, 429) },
      },
    },
    async (request) => submissions.update(request.session!.user, request.params.id, request.body),
  );
};

export default submissionRoutes;
