import { foldText } from '@skillway/core';
import { allowedTypos, editDistance, ONE_TYPO_FROM } from './typo-corrector';
import { stemWord } from './word-stemmer';

/**
 * A small lexicon of phrases that stand for one concept (a need, a country, a city, an audience) and
 * the matcher that finds them in a person's words.
 *
 * A phrase is written as people write it, one or more patterns separated by spaces:
 * - `diploma` matches the word, its plural and other forms with the same language-blind stem;
 * - `recogn*` matches any word that starts with `recogn` (for languages that inflect: "мов*" finds
 *   мова, мову, мови);
 * - `угорщин~` matches words that start with `угорщин` and are at most three letters longer (a
 *   country name with its case ending: "Угорщині", "Írországban", "na Slovensku");
 * - `slovakia=` matches that word only (names: the language-blind stem of "Slovakia" and "Slovenia"
 *   is the same).
 * Words and patterns of 5+ letters also match with a typo (Meilisearch's rule: one edit from 5
 * letters, two from 9, first letter kept): "langauge" is "language", "recogntion" "recogni*".
 * Words of a phrase may have up to two other words between them ("find a job", "find me a good job").
 * Patterns and words are folded (lower case, no diacritics) before they are compared.
 */

export interface PhraseEntry<K extends string = string> {
  kind: K;
  value: string;
  /** how sure a match makes us, 0..1 ("job" says job-matching more surely than "work") */
  weight: number;
  patterns: Pattern[];
}

interface Pattern {
  text: string;
  mode: 'word' | 'prefix' | 'inflected' | 'exact';
  stem: string;
  typos: number;
}

export interface PhraseMatch<K extends string = string> {
  entry: PhraseEntry<K>;
  /** positions (in the word list) of the words matched */
  positions: number[];
}

const MAX_GAP = 2;
const MAX_INFLECTION = 3;

const MODES: Record<string, Pattern['mode']> = { '*': 'prefix', '~': 'inflected', '=': 'exact' };

function parsePattern(raw: string): Pattern {
  const mode = MODES[raw.at(-1) ?? ''] ?? 'word';
  const text = foldText(mode === 'word' ? raw : raw.slice(0, -1));
  return { text, mode, stem: stemWord(text), typos: allowedTypos(text) };
}

export function phraseEntry<K extends string>(kind: K, value: string, phrase: string, weight = 1): PhraseEntry<K> {
  return { kind, value, weight, patterns: phrase.trim().split(/\s+/).map(parsePattern) };
}

/** A word as the matcher sees it: folded, and its language-blind stem. */
export interface LexiconWord {
  folded: string;
  stem: string;
}

function matches(pattern: Pattern, word: LexiconWord): boolean {
  switch (pattern.mode) {
    case 'prefix':
      return word.folded.startsWith(pattern.text) || nearly(word.folded.slice(0, pattern.text.length), pattern);
    case 'inflected':
      return word.folded.startsWith(pattern.text) && word.folded.length - pattern.text.length <= MAX_INFLECTION;
    case 'exact':
      return word.folded === pattern.text || nearly(word.folded, pattern);
    default:
      return (
        word.folded === pattern.text ||
        (pattern.stem.length >= 3 && word.stem === pattern.stem) ||
        nearly(word.folded, pattern)
      );
  }
}

/** A typo away: the first letter right, and within the typos a word of the pattern's length allows. */
function nearly(text: string, pattern: Pattern): boolean {
  if (pattern.typos === 0 || text.length < ONE_TYPO_FROM || text[0] !== pattern.text[0]) return false;
  return editDistance(text, pattern.text, pattern.typos) <= pattern.typos;
}

export class PhraseLexicon<K extends string = string> {
  /** first pattern's first letter -> entries, so a word is only compared with plausible phrases */
  private readonly byFirstLetter = new Map<string, PhraseEntry<K>[]>();

  constructor(entries: readonly PhraseEntry<K>[]) {
    for (const entry of entries) {
      const letter = entry.patterns[0]!.text[0] ?? '';
      const list = this.byFirstLetter.get(letter);
      if (list) list.push(entry);
      else this.byFirstLetter.set(letter, [entry]);
    }
  }

  /** Words each pattern of the lexicon could stand for, for the stop-word filter to keep them. */
  patternWords(): string[] {
    return [...this.byFirstLetter.values()].flat().flatMap((e) => e.patterns.map((p) => p.text));
  }

  /** Every phrase found, longest first; a word belongs to one phrase at most. */
  find(words: readonly LexiconWord[]): PhraseMatch<K>[] {
    const found: PhraseMatch<K>[] = [];
    words.forEach((word, start) => {
      for (const entry of this.byFirstLetter.get(word.folded[0] ?? '') ?? []) {
        const positions = matchAt(entry.patterns, words, start);
        if (positions) found.push({ entry, positions });
      }
    });
    found.sort(
      (a, b) =>
        b.positions.length - a.positions.length || b.entry.weight - a.entry.weight || a.positions[0]! - b.positions[0]!,
    );
    const used = new Set<number>();
    return found.filter((m) => {
      if (m.positions.some((p) => used.has(p))) return false;
      for (const p of m.positions) used.add(p);
      return true;
    });
  }
}

function matchAt(patterns: readonly Pattern[], words: readonly LexiconWord[], start: number): number[] | undefined {
  if (!matches(patterns[0]!, words[start]!)) return undefined;
  const positions = [start];
  let at = start;
  for (const pattern of patterns.slice(1)) {
    let next = -1;
    for (let i = at + 1; i <= Math.min(words.length - 1, at + 1 + MAX_GAP); i++) {
      if (matches(pattern, words[i]!)) {
        next = i;
        break;
      }
    }
    if (next === -1) return undefined;
    positions.push(next);
    at = next;
  }
  return positions;
}
