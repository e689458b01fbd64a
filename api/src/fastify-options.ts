import { randomUUID } from 'node:crypto';
import type { FastifyServerOptions } from 'fastify';
import type { ApiConfig } from './config';
import { buildValidator } from './validation/validator-factory';

/** A caller's request id is kept only when it looks like one, so logs cannot be stuffed through it. */
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * The one set of Fastify options, shared by server.ts and the tests, so tests validate, log and trust
 * proxies exactly as production does.
 */
export function fastifyOptions(config: ApiConfig): FastifyServerOptions {
  return {
    logger: {
      level: config.logLevel,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    },
    // Fastify would trust the header blindly; we check it and otherwise mint a UUID.
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers[REQUEST_ID_HEADER];
      return typeof given === 'string' && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
    },
    trustProxy: Array.isArray(config.trustProxy) ? config.trustProxy.join(',') : config.trustProxy,
    // Every body this API takes is a small JSON object; a megabyte default only helps abuse.
    bodyLimit: 64 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    schemaController: { compilersFactory: { buildValidator } },
  };
}
