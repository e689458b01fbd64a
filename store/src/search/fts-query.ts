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
 * The forms one word may take in the index:
 * - as typed and folded: unicode61 strips accents but does not turn ß into ss or ø into o as foldText does;
 * - as a prefix ("nurs" finds "nursing"), except single characters, which would match half the vocabulary;
 * - minus its last character when it is long enough (see STEM_MIN_CHARS).
 */
function wordForms(word: string): string[] {
  const folded = foldText(word);
  const chars = [...folded];
  const prefix = chars.length > 1 ? '*' : '';
  const forms = new Set([word, folded].map((f) => quoted(f) + prefix));
  if (chars.length >= STEM_MIN_CHARS) forms.add(quoted(chars.slice(0, -1).join('')) + '*');
  return [...forms];
}

/** Words FTS5 can search for; one made only of marks or symbols its tokenizer drops would be an empty phrase. */
export function searchableWords(words: readonly string[]): string[] {
  return words.filter((w) => tokenize(w).length > 0);
}

/** Every word must match, in any column, in one of its forms. */
export function ftsAllWordsQuery(words: readonly string[]): string | undefined {
  const usable = searchableWords(words);
  if (usable.length === 0) return undefined;
  return usable
    .map((w) => {
      const forms = wordForms(w);
      return forms.length === 1 ? forms[0] : `(${forms.join(' OR ')})`;
    })
    .join(' AND ');
}

/** The words in this order, next to each other, the last one as a prefix. Undefined for one word. */
export function ftsPhraseQuery(words: readonly string[]): string | undefined {
  const usable = searchableWords(words);
  if (usable.length < 2) return undefined;
  return `${quoted(usable.join(' '))}*`;
}
