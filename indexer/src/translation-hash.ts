import { hash } from 'node:crypto';
import { originalText, TRANSLATABLE_FIELDS, type ListingRecord, type TranslatableField } from '@skillway/core';

/**
 * The fingerprint of the original texts a translation was made from: the first 16 hex digits of
 * SHA-256 over the record's own texts of exactly the fields the translation gives (in a fixed order).
 * A change to the summary makes a translated summary stale; it does not touch a translation that only
 * gives the name.
 */
export function translationSourceHash(
  record: Pick<ListingRecord, Exclude<TranslatableField, 'eligibility_note'> | 'eligibility'>,
  fields: Iterable<string>,
): string {
  const wanted = new Set(fields);
  const source = TRANSLATABLE_FIELDS.filter((f) => wanted.has(f)).map((f) => [f, originalText(record, f) ?? null]);
  return hash('sha256', JSON.stringify(source)).slice(0, 16);
}

/** The translatable fields an entry gives. */
export function translatedFields(entry: Record<string, unknown>): TranslatableField[] {
  return TRANSLATABLE_FIELDS.filter((f) => entry[f] !== undefined);
}
