import type { Kysely } from 'kysely';
import {
  COUNTRIES,
  countryLabel,
  languageLabel,
  VOCABULARY_LABELS,
  VOCABULARY_VALUES,
  type LabelledVocabulary,
  type OccupationSuggestion,
  type TaxonomyResponse,
  type Term,
  type UiLanguage,
} from '@skillway/core';
import type { DB } from './database';
import { listListingLanguages } from './listing-languages.repository';
import { occupationNames, suggestOccupations } from './taxonomy.repository';

function vocabularyTerms(vocabulary: LabelledVocabulary, lang: UiLanguage): Term[] {
  const labels = VOCABULARY_LABELS[lang][vocabulary] as Record<string, string>;
  return VOCABULARY_VALUES[vocabulary].map((value) => ({ value, label: labels[value]! }));
}

/** The vocabularies of filters and listings, occupation autocomplete and occupation names. */
export class TaxonomyService {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * Every vocabulary with labels in `lang`, in the order a filter list shows them: the product's order
   * for the controlled vocabularies, alphabetical (in `lang`) for the open list of languages.
   */
  async vocabularies(lang: UiLanguage): Promise<TaxonomyResponse> {
    const collator = new Intl.Collator(lang);
    const languages = (await listListingLanguages(this.db))
      .map((value) => ({ value, label: languageLabel(value, lang) }))
      .sort((a, b) => collator.compare(a.label, b.label));
    return {
      lang,
      countries: COUNTRIES.map((value) => ({ value, label: countryLabel(value, lang) })),
      categories: vocabularyTerms('categories', lang),
      audiences: vocabularyTerms('audiences', lang),
      kinds: vocabularyTerms('kinds', lang),
      costs: vocabularyTerms('costs', lang),
      delivery: vocabularyTerms('delivery', lang),
      languages,
    };
  }

  suggestOccupations(params: { q: string; lang?: string; limit?: number }): Promise<OccupationSuggestion[]> {
    return suggestOccupations(this.db, params);
  }

  /** The names of ISCO codes and ESCO URIs in `lang`, in the order asked; unknown references are left out. */
  async occupationNames(refs: readonly string[], lang: string): Promise<{ ref: string; label: string }[]> {
    const names = await occupationNames(this.db, refs, lang);
    return refs.flatMap((ref) => (names.has(ref) ? [{ ref, label: names.get(ref)! }] : []));
  }
}
