import { hsdsSchemaFiles, type HsdsTable } from '@skillway/store/hsds';

/**
 * The copied HSDS schemas as Fastify shared schemas (`$id` `hsds-service`, …), so /api/hsds answers are
 * serialised by them and the OpenAPI document shows HSDS's own definitions as components. Only JSON
 * Schema is kept: the tabular keywords (`datapackage_metadata`, `constraints`, `core`, a property's
 * `name`, …) describe CSV files, and OpenAPI tools would read them as unknown keywords.
 */
const KEEP = new Set(['type', 'description', 'title', 'format', 'enum', 'properties', 'items', 'required', '$ref']);

export const hsdsSchemaId = (file: string) =>
  `hsds-${file
    .replace(/^compiled\//, '')
    .replace(/\.json$/, '')
    .replace(/_/g, '-')}`;

function clean(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map((s) => clean(s));
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (!KEEP.has(key) || (key === 'description' && typeof value !== 'string')) continue;
    if (key === '$ref') out.$ref = `${hsdsSchemaId(value as string)}#`;
    else if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, clean(v)]));
    } else out[key] = clean(value);
  }
  // A property that is a `$ref` with siblings would hide them in OpenAPI 3.0 tools; keep the ref alone.
  if (typeof out.$ref === 'string') return { $ref: out.$ref };
  return out;
}

/** Every HSDS schema, cleaned, with its `$id`; plus the two nested shapes of the profile. */
export function hsdsFastifySchemas(): { $id: string }[] {
  const schemas = [...hsdsSchemaFiles()].map(([file, schema]) => ({
    ...(clean(schema) as object),
    $id: hsdsSchemaId(file),
  }));
  const nested = (table: HsdsTable, extra: Record<string, unknown>) => {
    const base = schemas.find((s) => s.$id === hsdsSchemaId(`${table}.json`)) as unknown as { properties: object };
    return { ...base, $id: `${hsdsSchemaId(`${table}.json`)}-nested`, properties: { ...base.properties, ...extra } };
  };
  return [
    ...schemas,
    nested('organization', { services: { type: 'array', items: { $ref: 'hsds-service#' } } }),
    nested('service_at_location', { service: { $ref: 'hsds-service#' } }),
  ];
}

/** The profile's paged list of `item` (its Page fields and `contents`). */
export function hsdsPage(itemId: string, description: string) {
  const integer = (d: string) => ({ type: 'integer', description: d });
  const flag = (d: string) => ({ type: 'boolean', description: d });
  return {
    type: 'object',
    description,
    required: ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty', 'contents'],
    properties: {
      total_items: integer('The total number of entities (e.g. services, organizations) returned'),
      total_pages: integer('Count of total pages.'),
      page_number: integer('The number of the current page'),
      size: integer('The number of entities in the current page.'),
      first_page: flag('A Boolean value indicating if this is the first page'),
      last_page: flag('A Boolean value indicating if this is the last page'),
      empty: flag('A Boolean value indicating if there is an empty result set'),
      contents: { type: 'array', items: { $ref: `${itemId}#` } },
    },
  } as const;
}
