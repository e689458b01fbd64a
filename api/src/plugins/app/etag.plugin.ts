import { createHash } from 'node:crypto';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Marks a read route as cacheable: ETag, Cache-Control max-age (seconds), 304 on If-None-Match.
     * Listings and search: 30 s (approved edits show within moments); taxonomy: an hour (it changes
     * only when the data is re-indexed, and the ETag still catches that).
     */
    cache?: { maxAge: number };
  }
}

/** Timing fields change on every response without the content changing; they must not change the ETag. */
const TIMING_FIELD = /"took_ms":[-+0-9.eE]+/g;

export function weakEtag(payload: string | Buffer): string {
  const text = typeof payload === 'string' ? payload : payload.toString('utf8');
  const digest = createHash('sha1').update(text.replace(TIMING_FIELD, '')).digest('base64url');
  return `W/"${digest.slice(0, 27)}"`;
}

/** If-None-Match matches with the weak comparison RFC 9110 prescribes for conditional GETs. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/**
 * ETag and Cache-Control for the routes marked `config.cache`. A global onSend hook, so it sees the
 * serialised JSON before @fastify/compress (a route-level hook) turns it into a compressed stream.
 */
export default fp(
  async (fastify) => {
    fastify.addHook('onSend', async (request, reply, payload) => {
      const cache = request.routeOptions.config?.cache;
      if (!cache || (request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) return payload;
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
      const etag = weakEtag(payload);
      reply.header('etag', etag);
      reply.header('cache-control', `public, max-age=${cache.maxAge}`);
      reply.header('vary', 'Accept-Encoding');
      if (matchesIfNoneMatch(request.headers['if-none-match'], etag)) {
        reply.code(304);
        return '';
      }
      return payload;
    });
  },
  { name: 'etag' },
);
