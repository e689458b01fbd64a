import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  COUNTRIES,
  ESCO_OCCUPATION_URI_PATTERN,
  ISCO_CODE_PATTERN,
  LISTING_ID_PATTERN,
  STORY_ID_PATTERN,
  STORY_TELLERS,
  StoryListSchema,
  StorySchema,
  StorySourceSchema,
  StorySubmissionSchema,
  StoryTextsSchema,
  StringEnum,
} from '@skillway/core';
import { STORIES_MAX_PER_PAGE, STORY_REJECT_REASON_MAX_LENGTH } from '@skillway/store';
import { problemResponses } from '../../../problems/problem';

export const StoryQueueSchema = Type.Object(
  { items: Type.Array(Type.Ref(StorySchema)) },
  { $id: 'StoryQueue', description: 'stories waiting for a moderator (or an account’s own), with their status' },
);
export const StoryRejectBodySchema = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: STORY_REJECT_REASON_MAX_LENGTH }) },
  { $id: 'StoryRejectBody', additionalProperties: false },
);
const SCHEMAS = [
  StoryTextsSchema,
  StorySourceSchema,
  StorySchema,
  StoryListSchema,
  StorySubmissionSchema,
  StoryQueueSchema,
  StoryRejectBodySchema,
];

const StoryParams = Type.Object({ id: Type.String({ pattern: STORY_ID_PATTERN, minLength: 3, maxLength: 120 }) });
const StoryQuery = Type.Object(
  {
    country: Type.Optional(StringEnum(COUNTRIES)),
    occupation: Type.Optional(
      Type.Union([Type.String({ pattern: ISCO_CODE_PATTERN }), Type.String({ pattern: ESCO_OCCUPATION_URI_PATTERN })], {
        description: 'ISCO-08 code (its sub-groups and parents match too) or ESCO occupation URI',
      }),
    ),
    teller: Type.Optional(StringEnum(STORY_TELLERS, { description: 'the audience: refugee or employer stories' })),
    listing: Type.Optional(
      Type.String({ pattern: LISTING_ID_PATTERN, maxLength: 120, description: 'stories that went through it' }),
    ),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'words in the story, any language' })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
    per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: STORIES_MAX_PER_PAGE, default: 20 })),
  },
  { additionalProperties: false },
);

/**
 * Success stories (issue 19): public, read-only lists and pages of published stories; submissions by
 * signed-in accounts (pending until a moderator publishes them); the moderators' queue.
 */
const stories: FastifyPluginAsyncTypebox = async (fastify) => {
  for (const schema of SCHEMAS) if (!fastify.getSchema(schema.$id!)) fastify.addSchema(schema);
  const service = fastify.services.stories;
  const signedIn = fastify.requireSession();
  const moderator = fastify.requireSession({ role: 'moderator' });

  fastify.get(
    '/stories',
    {
      schema: {
        tags: ['stories'],
        summary: 'Published success stories, newest first, filtered like search (country, occupation, audience)',
        querystring: StoryQuery,
        response: { 200: Type.Ref(StoryListSchema), ...problemResponses(400) },
      },
    },
    async (request) => service.list(request.query),
  );

  fastify.get(
    '/stories/mine',
    {
      onRequest: signedIn,
      schema: {
        tags: ['stories'],
        summary: 'The stories I submitted, newest first, with their status and any reason for a rejection',
        response: { 200: Type.Ref(StoryQueueSchema), ...problemResponses(401) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { items: await service.mine(request.session!.user) };
    },
  );

  fastify.get(
    '/stories/:id',
    {
      schema: {
        tags: ['stories'],
        summary: 'One published story, with the listings it went through in order',
        params: StoryParams,
        response: { 200: Type.Ref(StorySchema), ...problemResponses(400, 404) },
      },
    },
    async (request) => service.get(request.params.id),
  );

  fastify.post(
    '/stories',
    {
      onRequest: signedIn,
      config: { ...fastify.authRateLimits.submit },
      schema: {
        tags: ['stories'],
        summary: 'Submit a story told to you (consent required; anonymous if asked); a moderator reviews it',
        description:
          'For signed-in providers and employers (an account exists once its e-mail address is confirmed). The story is stored as ' +
          '"told to" the named organisation with today as the consent date, in the language it is written in, ' +
          'and stays pending (not shown, not searchable) until a moderator publishes it.',
        body: Type.Ref(StorySubmissionSchema),
        response: { 201: Type.Ref(StorySchema), ...problemResponses(400, 401, 403, 413, 429) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.submit(request.session!.user, request.body)),
  );

  fastify.get(
    '/moderation/stories',
    {
      onRequest: moderator,
      schema: {
        tags: ['moderation'],
        summary: 'Stories waiting for review, oldest first',
        response: { 200: Type.Ref(StoryQueueSchema), ...problemResponses(401, 403) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { items: await service.pending(request.session!.user) };
    },
  );

  fastify.post(
    '/moderation/stories/:id/approve',
    {
      onRequest: moderator,
      config: { ...fastify.rateLimits.write },
      schema: {
        tags: ['moderation'],
        summary: 'Publish a story: it is listed, searchable and shown on the listings it names',
        params: StoryParams,
        response: { 200: Type.Ref(StorySchema), ...problemResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request) => service.approve(request.session!.user, request.params.id),
  );

  fastify.post(
    '/moderation/stories/:id/reject',
    {
      onRequest: moderator,
      config: { ...fastify.rateLimits.write },
      schema: {
        tags: ['moderation'],
        summary: 'Reject a story with a reason (its submitter sees the reason)',
        params: StoryParams,
        body: Type.Ref(StoryRejectBodySchema),
        response: { 200: Type.Ref(StorySchema), ...problemResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request) => service.reject(request.session!.user, request.params.id, request.body.reason),
  );
};

export default stories;
