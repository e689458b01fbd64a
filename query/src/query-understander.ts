import stopwordsIso from 'stopwords-iso';
import {
  countryLabel,
  foldText,
  understoodKey,
  vocabularyLabel,
  type Category,
  type Understood,
  type UnderstoodConcept,
  type UnderstoodKind,
  type UiLanguage,
} from '@skillway/core';
import { guessLanguage, isTextLanguage, type TextLanguage } from './language-guess';
import { stemsIn } from './language-stemmers';
import { ASYLUM_SEEKER_PHRASES, EMPLOYER_PHRASES, NEED_PHRASES } from './needs.lexicon';
import { PhraseLexicon, type LexiconWord, type PhraseMatch } from './phrase-lexicon';
import { CITY_COUNTRY, LANGUAGE_COUNTRY_PHRASES, PLACE_PHRASES } from './places.lexicon';
import { isGrammarWord, isSearchFillerWord } from './stop-words';
import type { RecognisedConcept, TextInterpreter } from './text.interpreter';
import { stemWord } from './word-stemmer';

/**
 * Query understanding: from what a person typed (a word or a sentence, any of our languages, typos
 * included) and the page language to what both search engines and the matcher act on.
 *
 * - the words worth searching (`terms`): grammar and filler words out, per detected language
 *   (stopwords-iso plus the project's filler words), place names out (they become filters); each with
 *   the forms to look for: the word, its Snowball stems in the candidate languages, and, for words that
 *   named an occupation, the occupation's English words (listings are written in English);
 * - the concepts recognised: occupations and skills (the taxonomy interpreter, every label language),
 *   needs (categories), countries and cities, the audience (employers);
 * - `understood`: the same, labelled in the reader's language, for the page to show and undo.
 *
 * Concepts named in `ignore` (`country:IE`) are recognised but not applied, so "We understood" can
 * offer to take each one back.
 */

export type PlanConceptKind = UnderstoodKind;

export interface PlanConcept {
  kind: PlanConceptKind;
  value: string;
  /** 0..1, how sure the words make us */
  weight: number;
  /** positions of the words (in `words`) it was recognised from */
  positions: number[];
  matched: string;
  effect: 'filter' | 'boost';
}

export interface QueryTerm {
  /** as typed */
  text: string;
  /** folded forms to look for, the word itself first; the engines match each as a word or a prefix */
  forms: string[];
  /** keys (`kind:value`) of the concepts this word helped recognise: a listing with one covers the word */
  concepts: string[];
}

export interface QueryPlan {
  terms: QueryTerm[];
  /** concepts applied (ignored ones left out) */
  concepts: PlanConcept[];
  language: TextLanguage | null;
  languages: TextLanguage[];
  /** grammar and filler words left out of the search */
  dropped: string[];
  /** the interpreter's own findings (for the matcher's occupation fit and skill tags) */
  recognised: { occupations: RecognisedConcept[]; skills: RecognisedConcept[] };
}

export interface UnderstanderSources {
  interpreter?: TextInterpreter;
  /** Label of an occupation (ISCO code, or the ESCO URI when one was named) in `lang`. */
  occupationLabel?(code: string, uri: string | null, lang: UiLanguage): string;
  /** English words for an occupation, to search English listing texts with ("медсестра" -> nurse). */
  occupationWords?(code: string): string[];
  /** Label of an ESCO skill (the taxonomy has English skill labels only). */
  skillLabel?(uri: string): string | undefined;
}

export interface UnderstandOptions {
  lang?: string;
  ignore?: readonly string[];
  /** countries the person chose already: recognised countries and cities then add no filter */
  countriesChosen?: boolean;
  maxWords?: number;
}

const MAX_WORDS = 32;
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}]+)?/gu;

const placeLexicon = new PhraseLexicon(PLACE_PHRASES);
const needLexicon = new PhraseLexicon(NEED_PHRASES);
const employerLexicon = new PhraseLexicon(EMPLOYER_PHRASES);
const asylumLexicon = new PhraseLexicon(ASYLUM_SEEKER_PHRASES);
const languageCountryLexicon = new PhraseLexicon(LANGUAGE_COUNTRY_PHRASES);

/** Words that stopwords-iso lists but that say what a person needs here ("work", "course", "free"). */
const KEEP = new Set([
  ...[...needLexicon.patternWords(), ...employerLexicon.patternWords()].filter((w) => !isGrammarWord(w)),
  ...foldText('free online job jobs work course courses help language english training diploma').split(' '),
]);

const stopSets = new Map<string, ReadonlySet<string>>();
function stopWordsOf(lang: TextLanguage): ReadonlySet<string> {
  let set = stopSets.get(lang);
  if (!set) {
    const list = (stopwordsIso as Record<string, string[]>)[lang] ?? [];
    set = new Set(list.map((w) => foldText(w)).filter((w) => !KEEP.has(w)));
    stopSets.set(lang, set);
  }
  return set;
}

interface Word extends LexiconWord {
  surface: string;
}

function splitQuery(text: string, max: number): Word[] {
  const words: Word[] = [];
  for (const match of text.normalize('NFC').matchAll(WORD)) {
    if (words.length >= max) break;
    const surface = match[0];
    const folded = foldText(surface);
    words.push({ surface, folded, stem: stemWord(folded) });
  }
  return words;
}

/** Readings kept per understander: people ask the same things ("nurse", "learn English") again and again. */
const CACHE_SIZE = 2000;

export interface Understanding {
  plan: QueryPlan;
  understood: Understood;
}

export class QueryUnderstander {
  private readonly cache = new Map<string, Understanding>();

  constructor(private readonly sources: UnderstanderSources = {}) {}

  /**
   * Reads `text` (see the module comment). The result is shared between callers asking the same
   * question and must not be changed.
   */
  understand(text: string, options: UnderstandOptions = {}): Understanding {
    const key = JSON.stringify([text, options.lang, options.ignore, options.countriesChosen, options.maxWords]);
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const result = this.read(text, options);
    this.cache.set(key, result);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return result;
  }

  private read(text: string, options: UnderstandOptions): Understanding {
    const lang: UiLanguage = isTextLanguage(options.lang) ? options.lang : 'en';
    const ignore = new Set(options.ignore ?? []);
    const words = splitQuery(text, options.maxWords ?? MAX_WORDS);
    const guess = guessLanguage(text, options.lang);
    const concepts: PlanConcept[] = [];
    const add = (
      kind: PlanConceptKind,
      value: string,
      weight: number,
      positions: number[],
      effect: PlanConcept['effect'],
    ) => {
      const existing = concepts.find((c) => c.kind === kind && c.value === value);
      if (existing) {
        existing.weight = Math.max(existing.weight, weight);
        existing.positions = [...new Set([...existing.positions, ...positions])].sort((a, b) => a - b);
        existing.matched = existing.positions.map((p) => words[p]!.surface).join(' ');
        return;
      }
      concepts.push({
        kind,
        value,
        weight,
        positions,
        matched: positions.map((p) => words[p]!.surface).join(' '),
        effect,
      });
    };

    // Places first: "Cork" and "Ireland" are filters, never occupations or search words.
    const placeWords = new Set<number>();
    for (const m of placeLexicon.find(words) as PhraseMatch<'country' | 'city'>[]) {
      for (const p of m.positions) placeWords.add(p);
      if (options.countriesChosen) continue;
      if (m.entry.kind === 'city') {
        add('city', m.entry.value, 1, m.positions, 'filter');
      } else add('country', m.entry.value, 1, m.positions, 'filter');
    }
    // A city names its country: "in Cork" is "in Ireland" too, shown once, as the city.
    for (const city of concepts.filter((c) => c.kind === 'city')) {
      const country = CITY_COUNTRY.get(city.value)?.country;
      if (country && !concepts.some((c) => c.kind === 'country' && c.value === country)) {
        concepts.push({ ...city, kind: 'country', value: country, matched: city.matched });
        concepts.at(-1)!.weight = 0; // implied, not said: not shown (see toUnderstood)
      }
    }

    const rest = words.map((w, i) => (placeWords.has(i) ? { ...w, folded: '', stem: '' } : w));
    // Words that said a need or who the person is are not occupations ("aprender", "dienst", "کار").
    const saidWords = new Set<number>();
    for (const m of needLexicon.find(rest)) {
      add('need', m.entry.value, m.entry.weight, m.positions, 'boost');
      for (const p of m.positions) saidWords.add(p);
    }
    for (const m of [...employerLexicon.find(rest), ...asylumLexicon.find(rest)]) {
      add('audience', m.entry.value, 1, m.positions, 'boost');
      for (const p of m.positions) saidWords.add(p);
    }
    for (const m of languageCountryLexicon.find(rest)) {
      if (!concepts.some((c) => c.kind === 'country' && c.value === m.entry.value))
        add('country', m.entry.value, m.entry.weight, m.positions, 'boost');
      for (const p of m.positions) saidWords.add(p);
    }

    const occupationWords = new Map<number, string[]>();
    const recognised: QueryPlan['recognised'] = { occupations: [], skills: [] };
    if (this.sources.interpreter && words.length > 0) {
      const interpreter = this.sources.interpreter;
      const textWithoutPlaces = rest
        .map((w, i) => (w.folded && !saidWords.has(i) ? withoutClitic(w.surface, interpreter) : ','))
        .join(' ');
      const interpretation = interpreter.interpret(textWithoutPlaces);
      recognised.occupations = interpretation.occupations;
      recognised.skills = interpretation.skills;
      for (const concept of [...interpretation.occupations, ...interpretation.skills]) {
        const positions = positionsOf(words, concept.matched, placeWords);
        if (concept.kind === 'occupation' && concept.code) {
          add('occupation', concept.code, Math.min(1, concept.score), positions, 'boost');
          const english = this.sources.occupationWords?.(concept.code) ?? [];
          for (const p of positions) occupationWords.set(p, [...(occupationWords.get(p) ?? []), ...english]);
        } else if (concept.kind === 'skill') {
          add('skill', concept.concept, Math.min(1, concept.score), positions, 'boost');
        }
      }
    }

    // Looked up in each candidate language's list (a union of the lists cost ~2,000 set inserts a query).
    const stopLists = guess.candidates.map(stopWordsOf);
    const conceptWords = new Set(
      concepts.filter((c) => c.kind !== 'country' && c.kind !== 'city').flatMap((c) => c.positions),
    );
    const terms: QueryTerm[] = [];
    const dropped: string[] = [];
    words.forEach((word, position) => {
      if (placeWords.has(position)) return;
      // A concept's grammar words ("our" in "our firm") are carried by the concept, not searched for.
      const stopWord = stopLists.some((list) => list.has(word.folded)) || [...word.folded].length < 2;
      if (stopWord || (!conceptWords.has(position) && isSearchFillerWord(word.folded))) {
        dropped.push(word.surface);
        return;
      }
      const forms = new Set<string>([word.folded]);
      for (const stem of stemsIn(guess.candidates.slice(0, 3), word.surface))
        if ([...stem].length >= 4) forms.add(stem);
      for (const english of occupationWords.get(position) ?? []) forms.add(foldText(english));
      const keys = concepts
        .filter((c) => c.positions.includes(position) && c.kind !== 'country' && c.kind !== 'city')
        .map((c) => understoodKey(c.kind, c.value));
      terms.push({ text: word.surface, forms: [...forms], concepts: keys });
    });

    // A city is also searched for as a word: listings in it, or that name it, cover it.
    for (const city of concepts.filter((c) => c.kind === 'city' && !ignore.has(understoodKey(c.kind, c.value)))) {
      const forms = new Set([foldText(city.value), ...city.positions.map((p) => words[p]!.folded)]);
      terms.push({ text: city.matched, forms: [...forms], concepts: [] });
    }

    const applied = concepts.filter((c) => !ignore.has(understoodKey(c.kind, c.value)));
    // An ignored city takes its implied country with it.
    const withoutImplied = applied.filter(
      (c) =>
        !(
          c.kind === 'country' &&
          c.weight === 0 &&
          ![...applied].some((o) => o.kind === 'city' && CITY_COUNTRY.get(o.value)?.country === c.value)
        ),
    );
    const plan: QueryPlan = {
      terms: terms.map((t) => ({ ...t, concepts: t.concepts.filter((k) => !ignore.has(k)) })),
      concepts: withoutImplied,
      language: guess.language,
      languages: guess.candidates,
      dropped,
      recognised,
    };
    return { plan, understood: this.toUnderstood(plan, concepts, lang) };
  }

  private toUnderstood(plan: QueryPlan, all: readonly PlanConcept[], lang: UiLanguage): Understood {
    const appliedKeys = new Set(plan.concepts.map((c) => understoodKey(c.kind, c.value)));
    const shown: UnderstoodConcept[] = all
      .filter((c) => appliedKeys.has(understoodKey(c.kind, c.value)) && !(c.kind === 'country' && c.weight === 0))
      .map((c) => ({
        kind: c.kind,
        value: c.value,
        label: this.label(c, lang),
        matched: c.matched,
        effect: c.effect,
        ignore: understoodKey(c.kind, c.value),
      }));
    return { concepts: shown, corrections: [], ignored: plan.dropped, language: plan.language };
  }

  private label(c: PlanConcept, lang: UiLanguage): string {
    switch (c.kind) {
      case 'need':
        return vocabularyLabel('categories', c.value as Category, lang);
      case 'country':
        return countryLabel(c.value, lang);
      case 'audience':
        return vocabularyLabel('audiences', c.value as never, lang);
      case 'occupation':
        return this.sources.occupationLabel?.(c.value, null, lang) ?? c.matched;
      case 'skill':
        return c.value.startsWith('tag:') ? c.value.slice(4) : (this.sources.skillLabel?.(c.value) ?? c.matched);
      default:
        return c.value;
    }
  }
}

/** Where the interpreter's matched surfaces are among the words (first unused occurrence of each). */
function positionsOf(words: readonly Word[], matched: readonly string[], skip: ReadonlySet<number>): number[] {
  const used = new Set<number>();
  for (const surface of matched) {
    const index = words.findIndex(
      (w, i) => !used.has(i) && !skip.has(i) && (w.surface === surface || w.surface.endsWith(surface)),
    );
    if (index >= 0) used.add(index);
  }
  return [...used].sort((a, b) => a - b);
}

const ARABIC_CLITIC = /^[\u0643\u0628\u0644\u0641\u0648]/u; // ك ب ل ف و: "as", "with", "for", "so", "and"

/**
 * Arabic writes some prepositions and "and" as one letter joined to the next word ("كمهندس", as an
 * engineer). When the word is unknown and the word without that letter is a label word, read that.
 */
function withoutClitic(surface: string, interpreter: TextInterpreter): string {
  if (!ARABIC_CLITIC.test(surface) || [...surface].length < 4 || interpreter.knows(surface)) return surface;
  const rest = surface.slice(1);
  return interpreter.knows(rest) ? rest : surface;
}
