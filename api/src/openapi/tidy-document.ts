/**
 * Final touches on the generated OpenAPI document, so that client generators and Redocly's
 * recommended rules accept it (npm run lint:openapi):
 * - draft-07 `dependencies` (core keeps it because the shared Ajv knows it) becomes OpenAPI 3.1's
 *   JSON Schema 2020-12 `dependentRequired` / `dependentSchemas`;
 * - components no operation reaches are left out (schemas registered for validation only).
 */
type Json = unknown;
type JsonObject = Record<string, Json>;

const isObject = (value: Json): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function modernise(node: Json): Json {
  if (Array.isArray(node)) return node.map(modernise);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'dependencies' && isObject(value)) {
      for (const [property, dependency] of Object.entries(value)) {
        const target = Array.isArray(dependency) ? 'dependentRequired' : 'dependentSchemas';
        out[target] = { ...(out[target] as JsonObject | undefined), [property]: modernise(dependency) };
      }
      continue;
    }
    out[key] = modernise(value);
  }
  return out;
}

const COMPONENT_REF = /^#\/components\/([^/]+)\/(.+)$/;

function collectRefs(node: Json, found: Set<string>): void {
  if (Array.isArray(node)) for (const item of node) collectRefs(item, found);
  else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && COMPONENT_REF.test(value)) found.add(value);
      else collectRefs(value, found);
    }
  }
}

/** Components reachable from the paths (and from the security requirements), transitively. */
function pruneComponents(document: JsonObject): JsonObject {
  const components = isObject(document.components) ? document.components : {};
  const reached = new Set<string>();
  const queue: string[] = [];
  const visit = (node: Json) => {
    const found = new Set<string>();
    collectRefs(node, found);
    for (const ref of found) {
      if (reached.has(ref)) continue;
      reached.add(ref);
      queue.push(ref);
    }
  };
  visit(document.paths);
  while (queue.length > 0) {
    const [, kind, name] = COMPONENT_REF.exec(queue.pop()!)!;
    const group = components[kind!];
    if (isObject(group)) visit(group[decodeURIComponent(name!)]);
  }
  const kept: JsonObject = {};
  for (const [kind, group] of Object.entries(components)) {
    if (!isObject(group) || kind === 'securitySchemes') {
      kept[kind] = group;
      continue;
    }
    kept[kind] = Object.fromEntries(
      Object.entries(group).filter(
        ([name]) =>
          reached.has(`#/components/${kind}/${encodeURIComponent(name)}`) ||
          reached.has(`#/components/${kind}/${name}`),
      ),
    );
  }
  return { ...document, components: kept };
}

export function tidyOpenApiDocument<T>(document: T): T {
  return pruneComponents(modernise(document) as JsonObject) as T;
}

/** `GET /api/v1/listings/:id/claims` -> `getListingsByIdClaims`: unique, stable, derived from the route. */
export function operationIdFor(method: string, url: string): string {
  const words = url
    .split('/')
    .filter((part) => part && part !== 'api' && !/^v\d+$/.test(part))
    .map((part) => (part.startsWith(':') ? `by-${part.slice(1)}` : part))
    .flatMap((part) => part.split(/[^A-Za-z0-9]+/))
    .filter(Boolean);
  return [method.toLowerCase(), ...words.map((w) => w[0]!.toUpperCase() + w.slice(1))].join('');
}
