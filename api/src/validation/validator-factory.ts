import type { FastifyServerOptions } from 'fastify';
import type { AnySchema } from 'ajv';
import { createAjv } from '@skillway/core';

type ValidatorFactory = NonNullable<
  NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildValidator']
>;

/**
 * Fastify's validator, built from the project's own Ajv settings (createAjv: the options and formats the
 * indexer uses for data files), so an HTTP request and a data file are judged by the same rules and the
 * errors have the `verbose` detail formatAjvErrors needs.
 *
 * Two instances because the parts differ: a query string only carries strings and repeats a key for a
 * list, so it coerces (`country=IE` becomes ['IE'], `page=2` becomes 2); a JSON body already has types,
 * so it is checked as sent (`"limit": "5"` is an error, not a number). Neither strips unknown fields:
 * the schemas reject them with a message, which beats a filter that silently does nothing.
 */
export const buildValidator = ((externalSchemas: Record<string, unknown>) => {
  const coercing = createAjv({ coerceTypes: 'array' });
  const exact = createAjv();
  for (const schema of Object.values(externalSchemas)) {
    coercing.addSchema(schema as AnySchema);
    exact.addSchema(schema as AnySchema);
  }
  return ({ schema, httpPart }: { schema: { $id?: string }; httpPart?: string }) => {
    const ajv = httpPart === 'body' ? exact : coercing;
    // A route may use a shared schema itself (querystring: SearchQuerySchema); Ajv refuses a second $id.
    return (schema.$id && ajv.getSchema(schema.$id)) || ajv.compile(schema);
  };
}) as unknown as ValidatorFactory;
