import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { LISTING_ID_PATTERN, UI_LANGUAGES } from '@skillway/core';
import {
  REPORT_DETAILS_MAX_LENGTH,
  REPORT_EMAIL_MAX_LENGTH,
  REPORT_NOTE_MAX_LENGTH,
  REPORT_PROBLEMS,
  REPORT_STATUSES,
} from '@skillway/store';
import { problemResponses } from '../../problems/problem';

const Problem = Type.Union(
  REPORT_PROBLEMS.map((p) => Type.Literal(p)),
  {
    description:
      '`contact` phone or e-mail wrong, `address` address or place wrong, `closed` the service ended, ' +
      '`details` description, cost or conditions wrong, `link` the website does not work, `other` (say what in `details`)',
  },
);
const Status = Type.Union(REPORT_STATUSES.map((s) => Type.Literal(s)));

export const ReportBodySchema = Type.Object(
  {
    problem: Problem,
    details: Type.Optional(
      Type.String({ maxLength: REPORT_DETAILS_MAX_LENGTH, description: 'what is wrong; required for `other`' }),
    ),
    email: Type.Optional(
      Type.String({
        maxLength: REPORT_EMAIL_MAX_LENGTH,
        description: 'an address for a reply (optional); only moderators see it, never the listing’s owner',
      }),
    ),
    lang: Type.Optional(
      Type.Union(
        UI_LANGUAGES.map((l) => Type.Literal(l)),
        { description: 'the language the reporter reads the site in' },
      ),
    ),
  },
  { $id: 'ReportBody', additionalProperties: false },
);

const receiptFields = {
  id: Type.Integer(),
  listing_id: Type.String(),
  problem: Problem,
  status: Status,
  created_at: Type.String({ format: 'date-time' }),
};
export const ReportReceiptSchema = Type.Object(receiptFields, { $id: 'ReportReceipt' });
export const ReportForReviewSchema = Type.Object(
  {
    ...receiptFields,
    listing_name: Type.Union([Type.String(), Type.Null()]),
    listing_url: Type.Union([Type.String(), Type.Null()]),
    details: Type.Union([Type.String(), Type.Null()]),
    reply_email: Type.Union([Type.String(), Type.Null()]),
    lang: Type.String(),
    note: Type.Union([Type.String(), Type.Null()], { description: 'the moderator’s note' }),
    owner_notified: Type.Boolean({ description: 'whether the listing’s owner was told by e-mail' }),
    decided_at: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'ReportForReview' },
);
export const ReportQueueSchema = Type.Object(
  {
    open: Type.Integer({ description: 'open reports in all' }),
    items: Type.Array(Type.Ref(ReportForReviewSchema)),
  },
  { $id: 'ReportQueue' },
);
export const ReportDecisionSchema = Type.Object(
  {
    status: Type.Union([Type.Literal('fixed'), Type.Literal('dismissed')]),
    note: Type.Optional(Type.String({ maxLength: REPORT_NOTE_MAX_LENGTH })),
  },
  { $id: 'ReportDecision', additionalProperties: false },
);
const SCHEMAS = [ReportBodySchema, ReportReceiptSchema, ReportForReviewSchema, ReportQueueSchema, ReportDecisionSchema];

const ListingParams = Type.Object({ id: Type.String({ pattern: LISTING_ID_PATTERN, maxLength: 120 }) });
const ReportParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }) });

/**
 * "Report a problem" on a listing: anyone may report, without an account (rate limited as every write);
 * moderators read the open reports and mark them fixed or dismissed. The listing's owner is told by mail.
 */
const reports: FastifyPluginAsyncTypebox = async (fastify) => {
  for (const schema of SCHEMAS) if (!fastify.getSchema(schema.$id!)) fastify.addSchema(schema);
  const service = fastify.services.reports;
  const moderator = fastify.requireSession({ role: 'moderator' });

  fastify.post(
    '/listings/:id/reports',
    {
      config: { ...fastify.rateLimits.write },
      schema: {
        tags: ['reports'],
        summary: 'Report a problem with a listing (no account needed)',
        description:
          'Stored for moderators; the listing’s owner, if it has one, is told by e-mail what was reported ' +
          '(not who reported it, nor their address).',
        params: ListingParams,
        body: Type.Ref(ReportBodySchema),
        response: { 201: Type.Ref(ReportReceiptSchema), ...problemResponses(400, 404, 429) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.report(request.params.id, request.body)),
  );

  fastify.get(
    '/moderation/reports',
    {
      onRequest: moderator,
      schema: {
        tags: ['moderation'],
        summary: 'Reported problems: open ones oldest first (or decided ones, newest first)',
        querystring: Type.Object(
          {
            status: Type.Optional(Status),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref(ReportQueueSchema), ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return service.queue(request.session!.user, request.query);
    },
  );

  fastify.post(
    '/moderation/reports/:id/decision',
    {
      onRequest: moderator,
      config: { ...fastify.rateLimits.write },
      schema: {
        tags: ['moderation'],
        summary: 'Mark a reported problem fixed or dismissed, with an optional note',
        params: ReportParams,
        body: Type.Ref(ReportDecisionSchema),
        response: { 200: Type.Ref(ReportForReviewSchema), ...problemResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request) => service.decide(request.session!.user, request.params.id, request.body),
  );
};

export default reports;
