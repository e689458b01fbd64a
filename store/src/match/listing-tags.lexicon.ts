import { LexiconIndex, stemLabel } from '@skillway/query';

export const TAG_CONCEPT_PREFIX = 'tag:';

export interface ListingTag {
  /** the value as listings store it, e.g. `PLAB exam` or an ESCO skill URI */
  value: string;
  stems: string[];
}

/**
 * The skill tags listings carry, as a small lexicon of its own: the words people use ("CV", "Dutch",
 * "nursing") are recognised as the tags that will actually match listings. Unlike the taxonomy, tags
 * change whenever a provider's listing is approved, so this part is rebuilt with the listing snapshot.
 */
export interface ListingTagsLexicon {
  index: LexiconIndex;
  tags: ListingTag[];
}

/** `values`: the distinct `skills` values of listings, free tags and ESCO skill URIs alike. */
export function buildListingTagsLexicon(
  values: Iterable<string>,
  skillLabels: ReadonlyMap<string, string>,
): ListingTagsLexicon {
  const tags: ListingTag[] = [];
  const labels = [];
  for (const value of [...new Set(values)].sort()) {
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
  return { index: new LexiconIndex(labels), tags };
}
