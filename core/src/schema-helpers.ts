import { Type, type SchemaOptions, type TUnsafe } from '@sinclair/typebox';

/**
 * A string restricted to a vocabulary, emitted as a plain JSON Schema `enum` (not TypeBox's anyOf of
 * literals) so Ajv reports "must be equal to one of the allowed values" with the list, and the
 * OpenAPI document shows a readable enum.
 */
export function StringEnum<const T extends readonly string[]>(
  values: T,
  options: SchemaOptions = {},
): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

/** A list of distinct values from a vocabulary. */
export function EnumList<const T extends readonly string[]>(values: T, options: SchemaOptions = {}) {
  return Type.Array(StringEnum(values), { uniqueItems: true, ...options });
}
