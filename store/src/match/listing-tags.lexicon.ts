import type { Kysely } from 'kysely';
import type { DB } from '../database';
import { LexiconIndex, stemLabel } from './lexicon-index';

export const TAG_CONCEPT_PREFIX = 'tag:';

export interface ListingTag {
  /** the value as listings store it, e.g. `PLAB exam` or an ESCO skill URI */
  value: string;
  stems: string[];
}

/**
 * The skill tags listings carry, as a small lexicon of its own: the words people use ("CV", "Dutch",
 * "nursing") are recognised as the tags that will actually match listings. Unlike the taxonomy, tags
 * change whenever a provider's listing is approved, so this part is reloaded on a timer.
 */
export interface ListingTagsLexicon {
  index: LexiconIndex;
  tags: ListingTag[];
  loadedAt: number;
}

export async function loadListingTagsLexicon(
  db: Kysely<DB>,
  skillLabels: ReadonlyMap<string, string>,
  now: number = Date.now(),
): Promise<ListingTagsLexicon> {
  const rows = await db
    .selectFrom('listing_value')
    .select('value')
    .distinct()
    .where('field', '=', 'skills')
    .orderBy('value')
    .execute();
  const tags: ListingTag[] = [];
  const labels = [];
  for (const { value } of rows) {
    // A listing may name an ESCO skill by URI; its words are the skill's label.
    const text = value.startsWith('http') ? skillLabels.get(value) : value;
    if (!text) continue;
    tags.push({ value, stems: [...new Set(stemLabel(text).map((w) => w.stem))] });
    if (!value.startsWith('http')) {
      labels.push({
        kind: 'skill' as const,
        concept: TAG_CONCEPT_PREFIX + value,
        uri: null,
        code: null,
        lang: 'en',
        label: value,
        preferred: true,
      });
    }
  }
  return { index: new LexiconIndex(labels), tags, loadedAt: now };
}
