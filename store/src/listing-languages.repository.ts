import type { Kysely } from 'kysely';
import type { DB } from './database';

/** The language codes listings are offered in, each once. */
export async function listListingLanguages(db: Kysely<DB>): Promise<string[]> {
  const rows = await db
    .selectFrom('listing_value')
    .select('value')
    .distinct()
    .where('field', '=', 'languages')
    .orderBy('value')
    .execute();
  return rows.map((r) => r.value);
}
