import { stemmer as arabic } from '@orama/stemmers/arabic';
import { stemmer as dutch } from '@orama/stemmers/dutch';
import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as hungarian } from '@orama/stemmers/hungarian';
import { stemmer as italian } from '@orama/stemmers/italian';
import { stemmer as spanish } from '@orama/stemmers/spanish';
import { stemmer as ukrainian } from '@orama/stemmers/ukrainian';
import { foldText } from '@skillway/core';
import type { TextLanguage } from './language-guess';
import { stemWord } from './word-stemmer';

/**
 * Snowball stemmers (the @orama/stemmers port) for the languages that have one; Slovak, Slovenian and
 * Persian have none there, so they get the project's language-blind suffix rules (word-stemmer.ts) and,
 * for Persian, its commonest plural and ezafe endings.
 *
 * Snowball works on lower-case words with their accents (Hungarian "ápolók" -> "ápoló"), so stemming
 * runs before folding and the stem is folded afterwards, to meet the folded index.
 */
const SNOWBALL: Partial<Record<TextLanguage, (word: string) => string>> = {
  en: english,
  fr: french,
  nl: dutch,
  es: spanish,
  it: italian,
  hu: hungarian,
  ar: arabic,
  uk: ukrainian,
};

const PERSIAN_SUFFIXES = ['های', 'ها', 'ان', 'ی', 'ای'];

function stemPersian(word: string): string {
  const w = word.replace(/\u200c/g, '');
  for (const suffix of PERSIAN_SUFFIXES) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) return w.slice(0, -suffix.length);
  }
  return w;
}

/** The stem of one word in one language, folded (lower case, no diacritics). */
export function stemIn(lang: TextLanguage, word: string): string {
  const lower = word.normalize('NFC').toLowerCase();
  const snowball = SNOWBALL[lang];
  if (snowball) return foldText(snowball(lower));
  if (lang === 'fa') return foldText(stemPersian(lower));
  return stemWord(foldText(lower));
}

/** Every stem of a word in these languages, the project's language-blind stem included. */
export function stemsIn(langs: readonly TextLanguage[], word: string): string[] {
  const out = new Set<string>([stemWord(foldText(word))]);
  for (const lang of langs) out.add(stemIn(lang, word));
  return [...out].filter((s) => s.length > 0);
}
