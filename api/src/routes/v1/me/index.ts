import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ListingRefSchema, SessionSchema } from '@skillway/core';
import { toUser } from '../../../plugins/auth';
import { problemResponses } from '../../../problems/problem';

const me: FastifyPluginAsyncTypebox = async (fastify) => {
  const { submissions } = fastify.services;

  fastify.get(
    '/me',
    {
      onRequest: fastify.requireSession(),
      schema: {
        tags: ['accounts'],
        summary: 'Who is signed in, and the CSRF token for writes',
        response: { 200: Type.Ref(SessionSchema), ...problemResponses(401) },
      },
    },
    async (request, reply) => {
      const session = request.session!;
      reply.header('cache-control', 'no-store');
      return { user: toUser(session.user), csrf_token: session.csrf_token, expires_at: session.expires_at };
    },
  );

  fastify.get(
    '/me/listings',
    {
      onRequest: fastify.requireSession(),
      schema: {
        tags: ['accounts'],
        summary: 'The live listings I own (I can propose edits to them)',
        response: {
          200: Type.Object({ items: Type.Array(Type.Ref(ListingRefSchema)) }),
          ...problemResponses(401),
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { items: await submissions.listMyListings(request.session!.user) };
    },
  );
};

export default me;
