import type { Kysely } from 'kysely';
import {
  COUNTRIES,
  countryLabel,
  languageLabel,
  VOCABULARY_LABELS,
  VOCABULARY_VALUES,
  type LabelledVocabulary,
  type UiLanguage,
} from '@skillway/core';
import type { DB } from '@skillway/store';
import type { TaxonomyResponse, Term } from '../schemas/taxonomy.schema';
import { listListingLanguages } from './listing-languages.repository';

function vocabularyTerms(vocabulary: LabelledVocabulary, lang: UiLanguage): Term[] {
  const labels = VOCABULARY_LABELS[lang][vocabulary] as Record<string, string>;
  return VOCABULARY_VALUES[vocabulary].map((value) => ({ value, label: labels[value]! }));
}

/**
 * Every vocabulary with labels in `lang`, in the order a filter list shows them: the product's order
 * for the controlled vocabularies, alphabetical (in `lang`) for the open list of languages.
 */
export async function buildTaxonomy(db: Kysely<DB>, lang: UiLanguage): Promise<TaxonomyResponse> {
  const collator = new Intl.Collator(lang);
  const languages = (await listListingLanguages(db))
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
