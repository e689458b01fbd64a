import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ModerationQueueSchema, ModerationSubmissionSchema, RejectBodySchema, SubmissionSchema } from '@skillway/core';
import { problemResponses } from '../../../problems/problem';
import { SubmissionIdParams } from '../submissions';

const moderation: FastifyPluginAsyncTypebox = async (fastify) => {
  const service = fastify.services.moderation;
  const moderator = fastify.requireSession({ role: 'moderator' });

  fastify.get(
    '/moderation/queue',
    {
      onRequest: moderator,
      schema: {
        tags: ['moderation'],
        summary: 'Pending submissions, oldest first',
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref(ModerationQueueSchema), ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return service.queue(request.session!.user, { limit: request.query.limit });
    },
  );

  fastify.get(
    '/moderation/submissions/:id',
    {
      onRequest: moderator,
      schema: {
        tags: ['moderation'],
        summary: 'One submission to review; for an edit, the live version and a field-by-field diff',
        params: SubmissionIdParams,
        response: { 200: Type.Ref(ModerationSubmissionSchema), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return service.get(request.session!.user, request.params.id);
    },
  );

  fastify.post(
    '/moderation/submissions/:id/approve',
    {
      onRequest: moderator,
      config: { ...fastify.rateLimits.write },
      schema: {
        tags: ['moderation'],
        summary: 'Approve: the listing goes live and becomes searchable within moments',
        params: SubmissionIdParams,
        response: { 200: Type.Ref(SubmissionSchema), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.approve(request.session!.user, request.params.id),
  );

  fastify.post(
    '/moderation/submissions/:id/reject',
    {
      onRequest: moderator,
      config: { ...fastify.rateLimits.write },
      schema: {
        tags: ['moderation'],
        summary: 'Reject, with a reason the provider sees',
        params: SubmissionIdParams,
        body: RejectBodySchema,
        response: { 200: Type.Ref(SubmissionSchema), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.reject(request.session!.user, request.params.id, request.body.reason),
  );
};

export default moderation;
