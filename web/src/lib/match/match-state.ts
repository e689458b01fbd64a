import { CATEGORIES, COUNTRIES, LANGUAGE_CODE_PATTERN, type Category, type Country } from '@skillway/core';
import type { IgnoredParam } from '$lib/search/search-state';

/**
 * The matching wizard's answers, read from its URL (a GET form), so a result page can be bookmarked
 * or shared and the back button returns to the answers.
 */
export interface MatchState {
  /** the occupation as typed or picked */
  occ: string;
  country: Country | '';
  need: Category[];
  /** languages the person speaks (ISO 639-1) */
  speaks: string[];
}

/** What a refugee may need; employer support is for the employers' door. */
export const NEEDS = CATEGORIES.filter((c) => c !== 'employer-support');

/** Offered in the wizard: the languages most refugees in these countries speak, then the host languages. */
export const SPOKEN_LANGUAGES = [
  'ar',
  'fa',
  'ps',
  'uk',
  'ru',
  'ti',
  'so',
  'ku',
  'tr',
  'ur',
  'am',
  'en',
  'fr',
  'es',
  'it',
  'nl',
  'de',
  'hu',
  'sk',
  'sl',
] as const;

const LANGUAGE = new RegExp(LANGUAGE_CODE_PATTERN);

export function parseMatchState(params: URLSearchParams): { state: MatchState; ignored: IgnoredParam[] } {
  const ignored: IgnoredParam[] = [];
  const country = params.get('country') ?? '';
  const state: MatchState = { occ: (params.get('occ') ?? '').trim().slice(0, 200), country: '', need: [], speaks: [] };
  if (country) {
    if ((COUNTRIES as readonly string[]).includes(country)) state.country = country as Country;
    else ignored.push({ field: 'country', value: country, reason: 'unknown-value' });
  }
  for (const need of new Set(params.getAll('need'))) {
    if ((NEEDS as readonly string[]).includes(need)) state.need.push(need as Category);
    else ignored.push({ field: 'need', value: need, reason: 'unknown-value' });
  }
  for (const code of new Set(params.getAll('speaks'))) {
    if (LANGUAGE.test(code)) state.speaks.push(code);
    else ignored.push({ field: 'speaks', value: code, reason: 'bad-format' });
  }
  return { state, ignored };
}

export function hasAnswers(state: MatchState): boolean {
  return !!(state.occ || state.country || state.need.length || state.speaks.length);
}
