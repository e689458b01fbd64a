import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ListingId, ListingInputSchema, SubmissionSchema } from '@skillway/core';
import { problemResponses } from '../../../problems/problem';

const revisions: FastifyPluginAsyncTypebox = async (fastify) => {
  const { submissions } = fastify.services;

  fastify.post(
    '/listings/:id/revisions',
    {
      onRequest: fastify.requireSession(),
      config: { ...fastify.authRateLimits.submit },
      schema: {
        tags: ['submissions'],
        summary: 'Propose an edit to a live listing I own',
        description:
          'The body is the whole listing as it should read (without `id`). It goes live when a moderator approves ' +
          'it; until then GET /submissions shows it pending. One pending edit per listing: change it with PUT.',
        params: Type.Object({ id: ListingId }),
        body: Type.Ref(ListingInputSchema),
        response: { 201: Type.Ref(SubmissionSchema), ...problemResponses(400, 401, 403, 404, 409, 413, 429) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await submissions.proposeEdit(request.session!.user, request.params.id, request.body)),
  );
};

export default revisions;
