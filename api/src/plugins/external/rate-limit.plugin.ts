import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import type { FastifyContextConfig } from 'fastify';

type RouteLimit = Pick<FastifyContextConfig, 'rateLimit'>;

declare module 'fastify' {
  interface FastifyInstance {
    /** per-route rate-limit settings, to spread into a route's `config` */
    rateLimits: { search: RouteLimit; write: RouteLimit; none: RouteLimit };
  }
}

const MINUTE = 60_000;

/**
 * Per-client limits (by IP; behind a proxy set TRUST_PROXY so the client's address is used, not the
 * proxy's): a generous global one, a tighter one on search and match (they cost the most), and the
 * tightest on writes. RATE_LIMIT_PER_MINUTE=0 turns them all off (benchmarks, trusted networks).
 */
export default fp(
  async (fastify) => {
    const limits = fastify.config.rateLimit;
    if (limits.global === 0) {
      fastify.decorate('rateLimits', { search: {}, write: {}, none: {} });
      return;
    }
    await fastify.register(rateLimit, { global: true, max: limits.global, timeWindow: MINUTE });
    fastify.decorate('rateLimits', {
      search: { rateLimit: { max: limits.search || limits.global, timeWindow: MINUTE } },
      write: { rateLimit: { max: limits.write || limits.global, timeWindow: MINUTE } },
      none: { rateLimit: false },
    });
  },
  { name: 'rate-limit', dependencies: ['config'] },
);
