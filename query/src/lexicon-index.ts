import { tokenize } from '@skillway/core';
import { isGrammarWord } from './stop-words';
import { stemWord } from './word-stemmer';

export type ConceptKind = 'occupation' | 'skill';

/** One label of one concept, reduced to the stems that can match a person's words. */
export interface LexiconEntry {
  kind: ConceptKind;
  /**
   * What the entry is evidence for. Occupations: the ISCO-08 code (the unit group of an ESCO
   * occupation, or the group a group label names). Skills: the ESCO skill URI, or `tag:<tag>` for a
   * free tag that listings carry.
   */
  concept: string;
  uri: string | null;
  code: string | null;
  lang: string;
  label: string;
  /** distinct stems of the label, stop words removed, in label order */
  stems: string[];
  /** ESCO preferred label (1) or alternative label (0); alt labels count a little less */
  preferred: boolean;
  /**
   * The stems that can be the label's head noun, the word that names the occupation: last in
   * English, Dutch and Hungarian ("specialist nurse"), first in the Romance languages and Arabic
   * ("enfermero especialista"), either in Slovak and Slovene (adjective + noun, or noun + genitive).
   * "map" in "map maker" is a modifier; a text that matches only modifiers is weak evidence.
   */
  heads: string[];
}

export interface LabelInput {
  kind: ConceptKind;
  concept: string;
  uri: string | null;
  code: string | null;
  lang: string;
  label: string;
  preferred: boolean;
}

const ASCII_ONLY = /^[ -~]*$/;

export interface StemmedWord {
  /** the word as folded (lower case, no diacritics) */
  folded: string;
  stem: string;
}

/**
 * Folds, splits, drops grammar words and one-letter words, stems: how labels and tags are read.
 * `cache` (folded word -> stem) pays off when reading the whole taxonomy, where words repeat a lot.
 */
export function stemLabel(text: string, cache?: Map<string, string>): StemmedWord[] {
  const out: StemmedWord[] = [];
  // Most labels are printable ASCII, where folding is lower-casing: skipping NFKD halves the build time.
  const words = ASCII_ONLY.test(text) ? (text.toLowerCase().match(/[a-z0-9]+/g) ?? []) : tokenize(text);
  for (const folded of words) {
    if (folded.length < 2 || isGrammarWord(folded)) continue;
    let stem = cache?.get(folded);
    if (stem === undefined) {
      stem = stemWord(folded);
      cache?.set(folded, stem);
    }
    out.push({ folded, stem });
  }
  return out;
}

const HEAD_LAST = new Set(['en', 'nl', 'hu']);
const HEAD_FIRST = new Set(['es', 'it', 'fr', 'ar']);
/** "instructor of medicine", "wholesaler in machine tools", "hoofd van de afdeling": the head comes first. */
const POSTMODIFIER_START = new Set(['of', 'in', 'van']);

function headStems(form: string, words: readonly string[], lang: string, cache: Map<string, string>): string[] {
  const first = words[0]!;
  const last = words[words.length - 1]!;
  if (HEAD_LAST.has(lang)) {
    const tokens = form.toLowerCase().split(/[^\p{L}\p{N}]+/u);
    const cut = tokens.findIndex((t, i) => i > 0 && POSTMODIFIER_START.has(t));
    if (cut > 0) {
      const before = stemLabel(tokens.slice(0, cut).join(' '), cache).map((w) => w.stem);
      if (before.length > 0) return [before[before.length - 1]!];
    }
    return [last];
  }
  if (HEAD_FIRST.has(lang)) return [first];
  return [...new Set([first, last])];
}

/**
 * ESCO writes gendered forms as "enfermero .../enfermera ..." and Arabic as "... / ...": each form is
 * a label of its own, or "enfermera" would only ever cover half of the label.
 */
export function splitLabelForms(label: string): string[] {
  return label
    .split('/')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

const NO_ENTRIES = new Uint32Array(0);

/**
 * An inverted index from stems to label entries, with document frequencies for weighting. Built once
 * per lexicon part; the interpreter reads several parts (taxonomy, listing tags) as one.
 */
export class LexiconIndex {
  readonly entries: LexiconEntry[] = [];
  private readonly postings = new Map<string, Uint32Array>();

  constructor(labels: Iterable<LabelInput>) {
    const cache = new Map<string, string>();
    const postings = new Map<string, number[]>();
    // Entries share equal stem and head lists (never changed once built): of ~67,000 entries' head
    // lists only ~14,000 differ, and a list costs ~56 bytes before its first stem.
    const lists = new Map<string, string[]>();
    const shared = (list: string[]): string[] => {
      const key = list.join('\u0000');
      const known = lists.get(key);
      if (known) return known;
      lists.set(key, list);
      return list;
    };
    for (const input of labels) {
      for (const form of splitLabelForms(input.label)) {
        const words = stemLabel(form, cache).map((w) => w.stem);
        const stems = [...new Set(words)];
        if (stems.length === 0) continue;
        const id = this.entries.length;
        // A literal with a fixed key order: every entry shares one hidden class. A spread of `input`
        // gave each of the ~67,000 entries its own (~350 bytes of V8 shape data apiece).
        this.entries.push({
          kind: input.kind,
          concept: input.concept,
          uri: input.uri,
          code: input.code,
          lang: input.lang,
          label: form,
          stems: shared(stems),
          preferred: input.preferred,
          heads: shared(headStems(form, words, input.lang, cache)),
        });
        for (const stem of stems) {
          const list = postings.get(stem);
          if (list) list.push(id);
          else postings.set(stem, [id]);
        }
      }
    }
    for (const [stem, list] of postings) this.postings.set(stem, Uint32Array.from(list));
  }

  get size(): number {
    return this.entries.length;
  }

  entriesWith(stem: string): ArrayLike<number> & Iterable<number> {
    return this.postings.get(stem) ?? NO_ENTRIES;
  }

  documentFrequency(stem: string): number {
    return this.postings.get(stem)?.length ?? 0;
  }

  has(stem: string): boolean {
    return this.postings.has(stem);
  }

  stems(): IterableIterator<string> {
    return this.postings.keys();
  }
}
