import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { CSRF_HEADER, SESSION_COOKIE } from '@skillway/core';
import { API_PREFIX } from '../../routes/v1/prefix';
import { operationIdFor, tidyOpenApiDocument } from '../../openapi/tidy-document';
import { SESSION_HOOKS } from '../auth';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether a route runs requireSession's hook (then it needs the session cookie, and the CSRF header on writes). */
function needsSession(onRequest: unknown): boolean {
  return [onRequest].flat().some((hook) => typeof hook === 'function' && SESSION_HOOKS.has(hook));
}

/** Swagger UI needs scripts, styles and data: images from its own origin; nothing from elsewhere. */
const DOCS_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "connect-src 'self'",
  "font-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "script-src 'self'",
  "script-src-attr 'none'",
  // Swagger UI sets inline styles on its elements.
  "style-src 'self' 'unsafe-inline'",
].join('; ');

/**
 * The OpenAPI document, generated from the routes' TypeBox schemas. Shared schemas keep their `$id` as
 * the component name (`#/components/schemas/SearchResponse`), so the document reads like the code.
 * Swagger UI is served from the package's own files, so /docs works without internet access.
 */
export default fp(
  async (fastify) => {
    await fastify.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Skillway API',
          version: '1.0.0',
          description:
            'Services that help refugees get their skills recognised and find work in nine European countries. ' +
            'Errors are RFC 9457 problem details (`application/problem+json`). ' +
            'Occupation data: "This service uses the ESCO classification of the European Commission."',
          license: { name: 'Data: ESCO CC BY 4.0; listings: see source_url of each', identifier: 'CC-BY-4.0' },
        },
        servers: [{ url: '/', description: 'this server (every path starts with /api/v1)' }],
        components: {
          securitySchemes: {
            sessionCookie: {
              type: 'apiKey',
              in: 'cookie',
              name: SESSION_COOKIE,
              description: 'set by POST /auth/login and POST /auth/verify-email (HTTP-only, SameSite=Lax)',
            },
            csrfHeader: {
              type: 'apiKey',
              in: 'header',
              name: CSRF_HEADER,
              description: 'the `csrf_token` from GET /me or POST /auth/login; needed on every signed-in write',
            },
          },
        },
        tags: [
          { name: 'search', description: 'Faceted search over listings' },
          { name: 'listings', description: 'One listing with its organisation and related listings' },
          { name: 'taxonomy', description: 'Vocabularies with labels, occupation autocomplete' },
          { name: 'places', description: 'Towns and cities for "near me", from a packaged GeoNames gazetteer' },
          { name: 'match', description: 'From what a person can do to the services that lead to work' },
          { name: 'health', description: 'Liveness and readiness' },
        ],
      },
      // Every operation gets an operationId from its method and path, and says what it needs to be called.
      transform: ({ schema, url, route }) => {
        const methods = [route.method].flat();
        const secured = needsSession(route.onRequest);
        const security = !secured
          ? []
          : methods.every((m) => SAFE_METHODS.has(m))
            ? [{ sessionCookie: [] }]
            : [{ sessionCookie: [], csrfHeader: [] }];
        return { schema: { ...schema, operationId: operationIdFor(methods[0]!, url), security } as typeof schema, url };
      },
      transformObject: (document) =>
        tidyOpenApiDocument('openapiObject' in document ? document.openapiObject : document.swaggerObject),
      refResolver: {
        buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
      },
    });
    await fastify.register(swaggerUi, {
      routePrefix: `${API_PREFIX}/docs`,
      staticCSP: DOCS_CSP,
      uiConfig: { deepLinking: true, validatorUrl: null, tryItOutEnabled: true },
    });
  },
  { name: 'swagger' },
);
