import { franc } from 'franc-min';
import { UI_LANGUAGES, type UiLanguage } from '@skillway/core';

/**
 * Which languages a short text may be in, most likely first.
 *
 * A search box gets three or four words, too few for any detector on its own, so three signals are
 * combined: the script (Arabic letters are Arabic or Persian, and پ چ ژ گ ی say Persian; Cyrillic with
 * і ї є ґ is Ukrainian), a trigram guess (franc) among the languages the directory serves once the
 * text is long enough for it to mean something, and the page language, which is where people usually
 * write. English is always a candidate: it is the listings' language and the one people borrow words
 * from ("أبحث عن job").
 */

/** Languages the text may be in: UI languages (reading), plus listing languages we stem (de). */
export type TextLanguage = UiLanguage;

const FRANC_CODES: Record<string, TextLanguage> = {
  eng: 'en',
  fra: 'fr',
  nld: 'nl',
  spa: 'es',
  ita: 'it',
  hun: 'hu',
  slk: 'sk',
  slv: 'sl',
};
const FRANC_ONLY = Object.keys(FRANC_CODES);
/** Below this many letters franc's guess is noise (it calls "sem medicinska sestra" Spanish). */
const MIN_LETTERS_FOR_TRIGRAMS = 24;

const ARABIC_SCRIPT = /[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]/u;
const PERSIAN_LETTERS = /[پچژگکی]/u;
const ARABIC_ONLY_LETTERS = /[ةىكي]/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;

export interface LanguageGuess {
  /** the most likely language, or null when nothing says (digits only, or too short and no hint) */
  language: TextLanguage | null;
  /** every language worth reading the text in, most likely first */
  candidates: TextLanguage[];
}

export function isTextLanguage(lang: string | undefined | null): lang is TextLanguage {
  return (UI_LANGUAGES as readonly string[]).includes(lang ?? '');
}

export function guessLanguage(text: string, pageLanguage?: string): LanguageGuess {
  const page = isTextLanguage(pageLanguage) ? pageLanguage : undefined;
  const ordered: TextLanguage[] = [];
  const add = (lang: TextLanguage | undefined) => {
    if (lang && !ordered.includes(lang)) ordered.push(lang);
  };

  if (ARABIC_SCRIPT.test(text)) {
    const persian = PERSIAN_LETTERS.test(text) && !/[ةى]/u.test(text);
    const arabic = ARABIC_ONLY_LETTERS.test(text) && !PERSIAN_LETTERS.test(text);
    if (persian) add('fa');
    else if (arabic) add('ar');
    else add(page === 'fa' ? 'fa' : 'ar');
    add(ordered[0] === 'fa' ? 'ar' : 'fa');
  }
  if (CYRILLIC.test(text)) add('uk');
  if (LATIN.test(text)) {
    const letters = (text.match(/\p{L}/gu) ?? []).length;
    if (letters >= MIN_LETTERS_FOR_TRIGRAMS) {
      const code = franc(text, { only: FRANC_ONLY, minLength: MIN_LETTERS_FOR_TRIGRAMS });
      const guessed = FRANC_CODES[code];
      // The page language wins over a weak guess when it is itself written in Latin letters.
      if (page && page !== guessed && !['ar', 'fa', 'uk'].includes(page)) add(page);
      add(guessed);
    }
    if (page && !['ar', 'fa', 'uk'].includes(page)) add(page);
  }
  const language = ordered[0] ?? null;
  add(page);
  add('en');
  // Latin letters on an Arabic, Persian or Ukrainian page: most likely an English word borrowed.
  return { language: language ?? (LATIN.test(text) ? 'en' : null), candidates: ordered };
}
