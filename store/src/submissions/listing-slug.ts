import type { Kysely } from 'kysely';
import { foldText, type ListingInput } from '@skillway/core';
import type { DB } from '../database';

const MAX_SLUG_LENGTH = 80;

/**
 * `es-accem-employment-programme` from the first country and the name, as the seed data's ids are
 * made. Letters are folded to ASCII; a name with no Latin letters or digits falls back to `listing`.
 */
export function listingSlug(input: Pick<ListingInput, 'countries' | 'name'>): string {
  const prefix = (input.countries[0] ?? 'eu').toLowerCase();
  const words = foldText(input.name)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = prefix;
  for (const word of words.length > 0 ? words : ['listing']) {
    if (slug.length + 1 + word.length > MAX_SLUG_LENGTH) break;
    slug += `-${word}`;
  }
  return slug === prefix ? `${prefix}-listing` : slug;
}

/** `base`, or `base-2`, `base-3`, … : the first id no listing has. Call inside the approving transaction. */
export async function uniqueListingId(db: Kysely<DB>, base: string): Promise<string> {
  const rows = await db
    .selectFrom('listing')
    .select('id')
    .where((eb) => eb.or([eb('id', '=', base), eb('id', 'like', `${base}-%`)]))
    .execute();
  const taken = new Set(rows.map((r) => r.id));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}
