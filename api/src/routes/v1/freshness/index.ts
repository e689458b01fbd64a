import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { BrokenLinksSchema, FreshnessSchema } from '@skillway/core';
import { problemResponses } from '../../../problems/problem';

const ListingParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });

/**
 * Freshness of listings (confirmed by the provider, checked by us, may be out of date), the owner's
 * confirmation, the broken links for moderators, and the two jobs the API can run on a schedule, both
 * off by default: FRESHNESS_REMINDERS_EVERY_HOURS (6- and 9-month reminders to owners) and
 * LINK_CHECK_EVERY_HOURS (the same check as `npm run check-links`).
 */
const freshnessRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  for (const schema of [FreshnessSchema, BrokenLinksSchema])
    if (!fastify.getSchema(schema.$id!)) fastify.addSchema(schema);
  const service = fastify.services.freshness;

  fastify.get(
    '/listings/:id/freshness',
    {
      schema: {
        tags: ['listings'],
        summary: 'When the listing was last confirmed by its provider and checked by us; whether it may be out of date',
        params: ListingParams,
        response: { 200: Type.Ref(FreshnessSchema), ...problemResponses(400, 404) },
      },
    },
    async (request) => service.get(request.params.id),
  );

  fastify.post(
    '/listings/:id/confirm',
    {
      onRequest: fastify.requireSession(),
      config: { ...fastify.authRateLimits.submit },
      schema: {
        tags: ['listings'],
        summary: 'The owner confirms the listing is right as it is (reminders start over)',
        params: ListingParams,
        response: { 200: Type.Ref(FreshnessSchema), ...problemResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => service.confirm(request.session!.user, request.params.id),
  );

  fastify.get(
    '/moderation/links',
    {
      onRequest: fastify.requireSession({ role: 'moderator' }),
      schema: {
        tags: ['moderation'],
        summary: 'Links that did not answer or answered 4xx/5xx at the last check (npm run check-links)',
        response: { 200: Type.Ref(BrokenLinksSchema), ...problemResponses(401, 403) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { items: await fastify.services.linkCheck.brokenLinks() };
    },
  );

  const { freshnessRemindersEveryHours, linkCheckEveryHours } = fastify.config.jobs;
  const jobs = [
    {
      name: 'freshness reminders',
      every: freshnessRemindersEveryHours,
      run: async () => fastify.log.info({ job: 'freshness', sent: await service.sendReminders() }, 'reminders sent'),
    },
    {
      name: 'link check',
      every: linkCheckEveryHours,
      run: async () => {
        const { checked, broken } = await fastify.services.linkCheck.checkAll();
        fastify.log.info({ job: 'link-check', checked, broken }, 'links checked');
      },
    },
  ];
  const timers: NodeJS.Timeout[] = [];
  fastify.addHook('onReady', async () => {
    for (const job of jobs) {
      if (job.every <= 0) continue;
      let running = false;
      const tick = () => {
        if (running) return;
        running = true;
        job
          .run()
          .catch((err: unknown) => fastify.log.error({ err, job: job.name }, 'a scheduled job failed'))
          .finally(() => (running = false));
      };
      timers.push(setInterval(tick, job.every * 3_600_000).unref());
      fastify.log.info({ job: job.name, every_hours: job.every }, 'scheduled job on');
    }
  });
  fastify.addHook('preClose', async () => {
    for (const timer of timers) clearInterval(timer);
  });
};

export default freshnessRoutes;
