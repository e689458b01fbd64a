import type { Country, VocabularyLabels } from '@skillway/core';

/** The vocabulary labels a page shows, in its UI language: what the layout hands to every page. */
export type Vocabulary = VocabularyLabels & { countries: Record<Country, string> };

/** Labels of ISO 639-1 codes (the languages services are offered in), only for the codes a page shows. */
export type LanguageNames = Record<string, string>;
