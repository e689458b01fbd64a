import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { TSchema, Static } from '@sinclair/typebox';

/**
 * Ajv options shared by the indexer, the API (Fastify's validator compiler) and the tests, so data
 * files and HTTP bodies are judged by the same rules. `verbose` keeps each error's schema and data,
 * which the messages below need.
 */
export const AJV_OPTIONS = {
  allErrors: true,
  verbose: true,
  strict: false,
  removeAdditional: false,
  useDefaults: true,
} as const satisfies Options;

export function createAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ ...AJV_OPTIONS, ...options });
  addFormats.default(ajv);
  return ajv;
}

export interface FieldError {
  /** e.g. `audiences[1]`, `email`, or `` for the record itself */
  field: string;
  reason: string;
}

/** `/audiences/1` -> `audiences[1]`; `/a/b` -> `a.b`. */
export function pointerToField(pointer: string): string {
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(part) ? `[${part}]` : out ? `.${part}` : part;
  }
  return out;
}

const SHOW_MAX = 60;

/**
 * The value as JSON, cut to 60 characters. It stops writing as soon as it has more than fits, so a
 * hostile body (an array nested 5,000 deep, a string of megabytes) costs no more than a short one and
 * cannot overflow the stack the way JSON.stringify of the whole value does.
 */
export function show(value: unknown): string {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return String(value);
  let out = '';
  const full = () => out.length > SHOW_MAX;
  const walk = (v: unknown): void => {
    if (full()) return;
    if (typeof v === 'string') out += JSON.stringify(v.length > SHOW_MAX ? v.slice(0, SHOW_MAX + 1) : v);
    else if (typeof v === 'bigint') out += String(v);
    else if (v === null || typeof v !== 'object') out += JSON.stringify(v) ?? 'null';
    else if (v instanceof Date) out += JSON.stringify(v);
    else if (Array.isArray(v)) {
      out += '[';
      for (let i = 0; i < v.length && !full(); i++) {
        if (i > 0) out += ',';
        const item: unknown = v[i];
        walk(item === undefined || typeof item === 'function' || typeof item === 'symbol' ? null : item);
      }
      out += ']';
    } else {
      out += '{';
      let first = true;
      for (const key in v) {
        if (full()) break;
        if (!Object.prototype.hasOwnProperty.call(v, key)) continue;
        const item = (v as Record<string, unknown>)[key];
        if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
        out += `${first ? '' : ','}${JSON.stringify(key.length > SHOW_MAX ? key.slice(0, SHOW_MAX + 1) : key)}:`;
        first = false;
        walk(item);
      }
      out += '}';
    }
  };
  walk(value);
  return out.length > SHOW_MAX ? `${out.slice(0, SHOW_MAX - 3)}...` : out;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function reasonFor(error: ErrorObject): string {
  const data = error.data;
  const schema = error.parentSchema as { description?: string } | undefined;
  switch (error.keyword) {
    case 'enum':
      return `${show(data)} is not one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return `is not a known field`;
    case 'type':
      return `must be ${error.params.type}, not ${typeName(data)} ${show(data)}`;
    case 'format':
      return `${show(data)} is not a valid ${error.params.format === 'uri' ? 'URL' : error.params.format}`;
    case 'pattern':
      return `${show(data)} is not well-formed${schema?.description ? ` (expected ${schema.description})` : ''}`;
    case 'anyOf':
      return `${show(data)} is not ${schema?.description ?? 'an allowed value'}`;
    case 'uniqueItems':
      return `has a repeated value at positions ${error.params.j} and ${error.params.i}`;
    case 'minItems':
      return `must have at least ${error.params.limit} item${error.params.limit === 1 ? '' : 's'}`;
    case 'maxItems':
      return `must have at most ${error.params.limit} items`;
    case 'minLength':
      return `must be at least ${error.params.limit} characters long`;
    case 'maxLength':
      return `must be at most ${error.params.limit} characters long`;
    case 'minimum':
    case 'maximum':
      return `${show(data)} ${error.message}`;
    default:
      return error.message ?? 'is invalid';
  }
}

/**
 * Turns Ajv's errors into one readable reason per field. A union (anyOf) reports its branches'
 * failures and then its own; only the anyOf line is kept, since the branches are noise to a reader.
 */
export function formatAjvErrors(errors: readonly ErrorObject[] | null | undefined): FieldError[] {
  if (!errors) return [];
  const unionPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    if (unionPaths.has(error.instancePath) && error.keyword !== 'anyOf') continue;
    let field = pointerToField(error.instancePath);
    if (error.keyword === 'required') field = [field, error.params.missingProperty].filter(Boolean).join('.');
    if (error.keyword === 'additionalProperties')
      field = [field, error.params.additionalProperty].filter(Boolean).join('.');
    // One reason per field: a bad URL fails both `format` and `pattern`; the first says enough.
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ field, reason: reasonFor(error) });
  }
  return out;
}

export interface Validator<T extends TSchema> {
  (value: unknown): value is Static<T>;
  errors(value: unknown): FieldError[];
}

/** Compiles a schema once; `errors(value)` gives readable field errors ([] when valid). */
export function compileValidator<T extends TSchema>(schema: T, ajv: Ajv = createAjv()): Validator<T> {
  const validate: ValidateFunction = ajv.compile(schema);
  const check = ((value: unknown) => validate(value)) as Validator<T>;
  check.errors = (value: unknown) => (validate(value) ? [] : formatAjvErrors(validate.errors));
  return check;
}
