import { describe, expect, it } from 'vitest';
import { lintOpenApi } from './lint-openapi';
import { operationIdFor, tidyOpenApiDocument } from './tidy-document';

describe('the OpenAPI document', () => {
  it('passes Redocly CLI recommended rules with every warning an error (npm run lint:openapi)', async () => {
    const { ok, output } = await lintOpenApi();
    expect(output).toContain('Your API description is valid');
    expect(ok, output).toBe(true);
  }, 120_000);
});

describe('tidyOpenApiDocument', () => {
  it('keeps the components operations reach, transitively, and drops the rest', () => {
    const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
    const tidy = tidyOpenApiDocument({
      paths: { '/a': { get: { responses: { 200: { content: { 'application/json': { schema: ref('A') } } } } } } },
      components: {
        schemas: { A: { properties: { b: ref('B') } }, B: { type: 'string' }, Unused: { type: 'string' } },
        securitySchemes: { sessionCookie: { type: 'apiKey', in: 'cookie', name: 's' } },
      },
    });
    expect(Object.keys(tidy.components.schemas)).toEqual(['A', 'B']);
    expect(Object.keys(tidy.components.securitySchemes)).toEqual(['sessionCookie']);
  });

  it("turns draft-07 dependencies into JSON Schema 2020-12's dependentRequired", () => {
    const tidy = tidyOpenApiDocument({ paths: {}, schema: { dependencies: { latitude: ['longitude'] } } });
    expect(tidy.schema).toEqual({ dependentRequired: { latitude: ['longitude'] } });
  });

  it('derives a unique operationId from the method and the path', () => {
    expect(operationIdFor('GET', '/api/v1/listings/:id/freshness')).toBe('getListingsByIdFreshness');
    expect(operationIdFor('POST', '/api/v1/auth/password-reset/request')).toBe('postAuthPasswordResetRequest');
  });
});
