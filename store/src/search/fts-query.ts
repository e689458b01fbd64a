import { foldText, tokenize } from '@skillway/core';
import { STEM_MIN_CHARS } from './search-ranking';

/**
 * FTS5 MATCH strings from query words. Nothing the user typed reaches FTS5 as syntax: words are letters
 * and digits only (see queryWords), each goes in as a double-quoted string, so AND, OR, NOT, NEAR, *, ^,
 * :, quotes, parentheses and `-` are plain text or gone.
 */

function quoted(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * How one query word may match a word of the text, both folded (foldText):
 * - `exact`: the whole word;
 * - `prefixes`: the word starts with it ("nurs" finds "nursing"). A word of 3+ characters is a prefix;
 *   a 2-character word only when it is the last one (still being typed), so "of" in "recognition of
 *   qualifications" does not drag in "offer" and "official"; a single character never is;
 * - and a word of STEM_MIN_CHARS+ characters also as a prefix without its last character.
 * The FTS5 queries and the snippet marks of the SQLite engine both follow this rule.
 */
export function wordMatchRule(word: string, isLast: boolean): { exact: string[]; prefixes: string[] } {
  const folded = foldText(word);
  const chars = [...folded];
  const prefix = chars.length >= 3 || (chars.length === 2 && isLast);
  const rule = { exact: prefix ? [] : [folded], prefixes: prefix ? [folded] : [] };
  if (chars.length >= STEM_MIN_CHARS) rule.prefixes.push(chars.slice(0, -1).join(''));
  return rule;
}

/** One word's FTS5 alternatives; each form is asked for as typed too, because unicode61 strips accents
 * but does not turn ß into ss or ø into o as foldText does. */
function wordQuery(word: string, isLast: boolean): string {
  const rule = wordMatchRule(word, isLast);
  const asTyped = word === foldText(word) ? [] : [word];
  const forms = new Set([
    ...[...rule.exact, ...(rule.exact.length ? asTyped : [])].map((f) => quoted(f)),
    ...[...rule.prefixes, ...(rule.prefixes.length ? asTyped : [])].map((f) => `${quoted(f)}*`),
  ]);
  return forms.size === 1 ? [...forms][0]! : `(${[...forms].join(' OR ')})`;
}

/** Words FTS5 can search for; one made only of marks or symbols its tokenizer drops would be an empty phrase. */
export function searchableWords(words: readonly string[]): string[] {
  return words.filter((w) => tokenize(w).length > 0);
}

/** The FTS5 query for the word at `index` of the (searchable) words. */
export function ftsWordQuery(words: readonly string[], index: number): string {
  return wordQuery(words[index]!, index === words.length - 1);
}

/** The words in this order, next to each other, the last one as a prefix. Undefined for one word. */
export function ftsPhraseQuery(words: readonly string[]): string | undefined {
  const usable = searchableWords(words);
  if (usable.length < 2) return undefined;
  return `${quoted(usable.join(' '))}*`;
}

/** The FTS5 query for a term: any of its forms (the word, its stems, corrections, translations). */
export function ftsTermQuery(forms: readonly string[], isLast: boolean): string | undefined {
  const usable = searchableWords(forms);
  if (usable.length === 0) return undefined;
  if (usable.length === 1) return wordQuery(usable[0]!, isLast);
  return `(${usable.map((f) => wordQuery(f, isLast)).join(' OR ')})`;
}
