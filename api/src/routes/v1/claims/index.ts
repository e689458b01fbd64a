import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { problemResponses } from '../../../problems/problem';
import {
  CLAIM_SCHEMAS,
  ClaimBodySchema,
  ClaimForReviewSchema,
  ClaimListSchema,
  ClaimQueueSchema,
  ClaimSchema,
  OwnerListSchema,
  ReasonBodySchema,
} from './schemas';

const ListingParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });
const ClaimParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }) });
const OwnerParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 200 }),
  user_id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }),
});

/**
 * Claims: a provider with a verified address asks to manage a listing already in the directory
 * (confirmed at once at the listing's own web domain, otherwise queued); moderators decide, see who
 * owns what, and revoke. Edits then go through POST /listings/:id/revisions like any owner's.
 */
const claims: FastifyPluginAsyncTypebox = async (fastify) => {
  for (const schema of CLAIM_SCHEMAS) if (!fastify.getSchema(schema.$id!)) fastify.addSchema(schema);
  const service = fastify.services.claims;
  const signedIn = fastify.requireSession();
  const moderator = fastify.requireSession({ role: 'moderator' });

  fastify.post(
    '/listings/:id/claims',
    {
      onRequest: signedIn,
      config: { ...fastify.authRateLimits.submit },
      schema: {
        tags: ['claims'],
        summary: 'Ask to manage a listing that is in the directory already',
        description:
          'Needs a confirmed e-mail address. Confirmed at once (`status: approved`, `method: domain`) when the ' +
          'address is at the listing’s own web domain (the host of its url, ignoring www.); otherwise it waits ' +
          'for a moderator, who sees the evidence.',
        params: ListingParams,
        body: Type.Ref(ClaimBodySchema),
        response: { 201: Type.Ref(ClaimSchema), ...problemResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.request(request.session!.user, request.params.id, request.body ?? {})),
  );

  fastify.get(
    '/claims',
    {
      onRequest: signedIn,
      schema: {
        tags: ['claims'],
        summary: 'My claims, newest first',
        response: { 200: Type.Ref(ClaimListSchema), ...problemResponses(401) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { items: await service.listMine(request.session!.user) };
    },
  );

  fastify.get(
    '/moderation/claims',
    {
      onRequest: moderator,
      schema: {
        tags: ['moderation'],
        summary: 'Pending claims, oldest first, with the address and evidence to judge them',
        response: { 200: Type.Ref(ClaimQueueSchema), ...problemResponses(401, 403) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return service.queue(request.session!.user);
    },
  );

  fastify.post(
    '/moderation/claims/:id/approve',
    {
      onRequest: moderator,
      config: { ...fastify.rateLimits.write },
      schema: {
        tags: ['moderation'],
        summary: 'Confirm a claim: the provider manages the listing from now on',
        params: ClaimParams,
        response: { 200: Type.Ref(ClaimForReviewSchema), ...problemResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request) => service.approve(request.session!.user, request.params.id),
  );

  fastify.post(
    '/moderation/claims/:id/reject',
    {
      onRequest: moderator,
      config: { ...fastify.rateLimits.write },
      schema: {
        tags: ['moderation'],
        summary: 'Refuse a claim, with a reason the provider reads',
        params: ClaimParams,
        body: Type.Ref(ReasonBodySchema),
        response: { 200: Type.Ref(ClaimForReviewSchema), ...problemResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request) => service.reject(request.session!.user, request.params.id, request.body.reason),
  );

  fastify.get(
    '/moderation/owners',
    {
      onRequest: moderator,
      schema: {
        tags: ['moderation'],
        summary: 'Who manages which listing',
        querystring: Type.Object(
          { listing: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref(OwnerListSchema), ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { items: await service.owners(request.session!.user, { listingId: request.query.listing }) };
    },
  );

  fastify.post(
    '/moderation/listings/:id/owners/:user_id/revoke',
    {
      onRequest: moderator,
      config: { ...fastify.rateLimits.write },
      schema: {
        tags: ['moderation'],
        summary: 'End an account’s ownership of a listing, with a reason',
        params: OwnerParams,
        body: Type.Ref(ReasonBodySchema),
        response: { 204: Type.Null(), ...problemResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      await service.revoke(request.session!.user, request.params.id, request.params.user_id, request.body.reason);
      return reply.code(204).send(null);
    },
  );
};

export default claims;
