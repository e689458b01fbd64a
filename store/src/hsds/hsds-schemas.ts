import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The copied Open Referral HSDS 3.x schemas (see schema/README.md). */
export const HSDS_SCHEMA_DIR = fileURLToPath(new URL('./schema/', import.meta.url));
export const HSDS_VERSION = '3.1';

export type JsonSchema = Record<string, unknown> & {
  name?: string;
  path?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  required?: string[];
  tabular_required?: string[];
  datapackage_metadata?: { order?: number };
  $ref?: string;
};

/** The tables of HSDS, by the name their schema gives (`service`, `service_at_location`, …). */
export type HsdsTable =
  | 'accessibility'
  | 'address'
  | 'attribute'
  | 'contact'
  | 'cost_option'
  | 'funding'
  | 'language'
  | 'location'
  | 'meta_table_description'
  | 'metadata'
  | 'organization'
  | 'organization_identifier'
  | 'phone'
  | 'program'
  | 'required_document'
  | 'schedule'
  | 'service'
  | 'service_area'
  | 'service_at_location'
  | 'service_capacity'
  | 'taxonomy'
  | 'taxonomy_term'
  | 'unit'
  | 'url';

/** The items of the profile's paged lists (`compiled/<name>.json`). */
export type HsdsListSchema = 'service_list' | 'organization_list' | 'service_at_location_list';

let cache: Map<string, JsonSchema> | undefined;

/**
 * Every schema file by its path under schema/ (`service.json`, `compiled/service_list.json`); the
 * per-table files refer to each other by those names. Read once; callers must not change them.
 */
export function hsdsSchemaFiles(): ReadonlyMap<string, JsonSchema> {
  if (cache) return cache;
  const files = new Map<string, JsonSchema>();
  for (const dir of ['', 'compiled/']) {
    for (const name of readdirSync(HSDS_SCHEMA_DIR + dir)) {
      if (!name.endsWith('.json') || name === 'openapi.json') continue;
      files.set(dir + name, JSON.parse(readFileSync(HSDS_SCHEMA_DIR + dir + name, 'utf8')) as JsonSchema);
    }
  }
  cache = files;
  return files;
}

export function hsdsTableSchema(table: HsdsTable): JsonSchema {
  const schema = hsdsSchemaFiles().get(`${table}.json`);
  if (!schema) throw new Error(`No HSDS schema for table ${table}`);
  return schema;
}

/** The profile's OpenAPI document (its paths, parameters and `Page` shape). */
export function hsdsOpenApi(): { components: { schemas: { Page: JsonSchema } } } & Record<string, unknown> {
  return JSON.parse(readFileSync(HSDS_SCHEMA_DIR + 'openapi.json', 'utf8')) as never;
}
