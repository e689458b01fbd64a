import { createAjv, pointerToField } from '@skillway/core';
import { hsdsOpenApi, hsdsSchemaFiles, type HsdsListSchema, type HsdsTable, type JsonSchema } from './hsds-schemas';

export interface HsdsValidatorOptions {
  /**
   * HSDS schemas leave objects open (any extra property passes). Closed, every object of a schema
   * refuses properties it does not name, so a misspelt or invented field fails the check too.
   */
  closed?: boolean;
}

export interface HsdsValidator {
  /** Problems of `value` as an HSDS `table` object (`[]` when it is valid), e.g. `phones[0].number: must have required property 'number'`. */
  table(table: HsdsTable, value: unknown): string[];
  /**
   * Problems of a fully nested organization (with its `services`) or service_at_location (with its
   * `service`), the shapes of the profile's `/organizations/{id}` and `/service_at_locations/{id}`
   * (compiled/organization.json and compiled/service_at_location.json, which are the per-table files
   * with these two additions and every reference inlined).
   */
  nested(table: 'organization' | 'service_at_location', value: unknown): string[];
  /** Problems of one item of a paged list (`service_list`, …). */
  listItem(schema: HsdsListSchema, value: unknown): string[];
  /** Problems of a paged response: the profile's Page fields, and each of `contents` checked by `check`. */
  page(value: unknown, check: (item: unknown) => string[]): string[];
}

function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    // `properties` maps names to schemas: close each schema, never treat the map itself as one.
    out[key] =
      key === 'properties'
        ? Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, closeObjects(v)]))
        : closeObjects(value);
  }
  if (out.type === 'object' && out.properties && !('additionalProperties' in out)) out.additionalProperties = false;
  return out;
}

/**
 * Ajv over the copied HSDS schemas, with the formats they use (uuid, uri, email, date-time): for tests
 * of the HSDS API and of the export, and for the export's own check before it writes anything.
 */
export function createHsdsValidator(options: HsdsValidatorOptions = {}): HsdsValidator {
  const ajv = createAjv({ verbose: false, useDefaults: false });
  for (const [path, schema] of hsdsSchemaFiles()) {
    ajv.addSchema((options.closed ? closeObjects(schema) : schema) as JsonSchema, path);
  }
  const nested = (table: HsdsTable, extra: Record<string, unknown>) => {
    const base = ajv.getSchema(`${table}.json`)!.schema as JsonSchema;
    ajv.addSchema({ ...base, properties: { ...base.properties, ...extra } }, `nested-${table}.json`);
  };
  nested('organization', { services: { type: 'array', items: { $ref: 'service.json' } } });
  nested('service_at_location', { service: { $ref: 'service.json' } });
  const page = hsdsOpenApi().components.schemas.Page;
  ajv.addSchema(
    {
      ...page,
      required: ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty', 'contents'],
      properties: { ...(page.properties as object), contents: { type: 'array' } },
      ...(options.closed && { additionalProperties: false }),
    },
    'page',
  );

  const run = (key: string, value: unknown): string[] => {
    const validate = ajv.getSchema(key);
    if (!validate) throw new Error(`No HSDS schema ${key}`);
    if (validate(value)) return [];
    return (validate.errors ?? []).map(
      (e) => `${pointerToField(e.instancePath) || '(record)'}: ${e.message ?? e.keyword}${paramsOf(e.params)}`,
    );
  };
  return {
    table: (table, value) => run(`${table}.json`, value),
    nested: (table, value) => run(`nested-${table}.json`, value),
    listItem: (schema, value) => run(`compiled/${schema}.json`, value),
    page(value, check) {
      const problems = run('page', value);
      const contents = (value as { contents?: unknown }).contents;
      if (Array.isArray(contents)) {
        contents.forEach((item, i) => problems.push(...check(item).map((p) => `contents[${i}].${p}`)));
      }
      return problems;
    },
  };
}

function paramsOf(params: Record<string, unknown>): string {
  const extra = params.additionalProperty ?? params.allowedValues ?? params.format;
  return extra === undefined ? '' : ` (${JSON.stringify(extra)})`;
}
