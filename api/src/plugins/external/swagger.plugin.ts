import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { API_PREFIX } from '../../routes/v1/prefix';

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
          license: { name: 'Data: ESCO CC BY 4.0; listings: see source_url of each' },
        },
        tags: [
          { name: 'search', description: 'Faceted search over listings' },
          { name: 'listings', description: 'One listing with its organisation and related listings' },
          { name: 'taxonomy', description: 'Vocabularies with labels, occupation autocomplete' },
          { name: 'match', description: 'From what a person can do to the services that lead to work' },
          { name: 'health', description: 'Liveness and readiness' },
        ],
      },
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
