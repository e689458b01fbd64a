import { foldText } from '@skillway/core';
import type { LexiconEntry, LexiconIndex } from './lexicon-index';
import { isStopWord, PHRASE_BREAK_WORDS } from './stop-words';
import { stemWord } from './word-stemmer';

/**
 * Free text -> ESCO/ISCO occupations and skills, with no hosted model: the person's words are
 * stemmed and looked up in an index of every taxonomy label (all target languages, English alt labels)
 * and of the listings' skill tags.
 *
 * How a label scores against the text: each stem weighs its inverse document frequency (normalised to
 * 0..1, so "nurse" outweighs "assistant"); the score is the weight of the label's stems found in the
 * text times the share of the label they cover. A phrase that matches a whole label ("nurse assistant")
 * therefore beats a single word that matches part of many labels ("nurse" in "specialist nurse").
 * A label never matches across "and", "or" or punctuation ("a teacher and a cook" is two people's
 * worth of occupations, not a "cooking teacher").
 *
 * Occupations are then grouped by ISCO code. Among the codes found through the same words and nearly
 * as good as the best, the ISCO sub-major group with the most of them wins; when it holds several,
 * the answer is their common parent ("teacher" is in 2310, 2320, 2330, 2341 ...: 23).
 */

export interface InterpreterOptions {
  /** texts longer than this many words are cut (hostile or pasted input must stay cheap) */
  maxWords?: number;
  /** at most this many unknown words get a one-edit typo lookup */
  maxFuzzyWords?: number;
  maxOccupations?: number;
  maxSkills?: number;
}

export interface RecognisedConcept {
  kind: 'occupation' | 'skill';
  /** ISCO code (occupations), ESCO skill URI or `tag:<value>` (skills) */
  concept: string;
  /** the ESCO concept when one of its labels matched as a whole, else null (then `code` names an ISCO group) */
  uri: string | null;
  code: string | null;
  /** the label that matched best, in the language it matched in ('' for a parent group) */
  label: string;
  /** the person's words that were recognised, as typed */
  matched: string[];
  score: number;
}

export interface Interpretation {
  occupations: RecognisedConcept[];
  skills: RecognisedConcept[];
}

export interface TextWord {
  surface: string;
  folded: string;
  stem: string;
  /** index among content words */
  position: number;
  /** phrases are separated by punctuation and by "and"/"or" */
  segment: number;
}

/** ISCO structure the interpreter needs: children of a group, to prefer 5120 over its lone parent 512. */
export type IscoChildren = (code: string) => readonly string[];

const DEFAULTS: Required<InterpreterOptions> = { maxWords: 200, maxFuzzyWords: 8, maxOccupations: 3, maxSkills: 5 };

/** Weight multipliers, kept together so the trade-offs are visible. */
const FACTOR = {
  /** a word matched only after a one-letter correction */
  fuzzy: 0.7,
  /** an English alternative label rather than a preferred one */
  altLabel: 0.9,
  /** words of a multi-word match that are not next to each other in the text */
  scattered: 0.8,
  /** each further occupation of the same ISCO code whose label matches about as well as the best, up to 5 */
  support: 0.08,
  /**
   * A one-word occupation label whose word mostly heads other groups' labels is ambiguous: ESCO's
   * Spanish label of phlebotomist (5329) is "enfermero/enfermera", while "enfermero especialista",
   * "enfermero de práctica avanzada", ... are nurses (2221). Such a label keeps this floor plus the
   * rest in proportion to the share of labels with that word that belong to its own group.
   */
  ambiguousFloor: 0.3,
  /** a partial match of an occupation label that misses its head noun ("map" in "map maker") */
  modifierOnly: 0.25,
};

/** Below these a match is noise: a common word covering a small part of a long label. */
const THRESHOLD = {
  occupationScore: 0.15,
  skillScore: 0.3,
  skillCoverage: 0.5,
  /** codes within this share of the best score, found through the same words, compete as a family */
  familyShare: 0.8,
  /** stems found in more labels than this are ignored: they match half the taxonomy */
  maxDocumentFrequency: 2500,
};

const MIN_FUZZY_WORD_LENGTH = 5;
const MIN_FUZZY_STEM_LENGTH = 4;
const BREAK_BETWEEN_WORDS = /[,.;:!?()[\]{}\n\r/|•–—]/;

/**
 * One label entry the text's stems reach. Small parallel arrays rather than a Map and a Set per
 * entry: a common stem reaches thousands of entries, and a label has a handful of stems.
 */
interface EntryMatch {
  part: number;
  entry: number;
  /** the stems found, in the order found */
  stems: string[];
  /** per stem: its weight as found (lower for a typo) */
  asFound: number[];
  /** per stem: the weight of the stem itself */
  itself: number[];
  /** the text positions that reached the entry, each once, in the order reached */
  positions: number[];
}

interface ScoredEntry {
  entry: LexiconEntry;
  score: number;
  coverage: number;
  positions: number[];
}

interface OccupationCandidate {
  code: string;
  best: ScoredEntry;
  score: number;
}

/** Splits text into content words, with positions and phrase segments. */
export function splitWords(text: string, maxWords: number): TextWord[] {
  const words: TextWord[] = [];
  let segment = 0;
  let previousEnd = 0;
  // NFC first so a decomposed "a + combining acute" stays inside one word.
  const normalised = text.normalize('NFC');
  for (const match of normalised.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    if (words.length >= maxWords) break;
    const surface = match[0];
    const folded = foldText(surface);
    if (BREAK_BETWEEN_WORDS.test(normalised.slice(previousEnd, match.index))) segment++;
    previousEnd = match.index + surface.length;
    if (PHRASE_BREAK_WORDS.has(folded)) {
      segment++;
      continue;
    }
    if (folded.length < 2 || isStopWord(folded)) continue;
    words.push({ surface, folded, stem: stemWord(folded), position: words.length, segment });
  }
  return words;
}

/** Optimal string alignment distance <= 1: one substitution, insertion, deletion or adjacent swap. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

export class TextInterpreter {
  /** first letter + length -> stems, for the typo lookup (people rarely mistype the first letter) */
  private readonly typoBuckets = new Map<string, string[]>();
  private readonly totalEntries: number;
  private readonly maxPartSize: number;
  /** per part, per entry: the sum of its stems' weights (-1 until first needed) */
  private readonly entryWeights: Float64Array[] = [];
  private readonly idfScale: number;
  private readonly weights = new Map<string, number>();
  private readonly dominance = new Map<string, number>();

  constructor(
    private readonly parts: readonly LexiconIndex[],
    private readonly iscoChildren: IscoChildren = () => [],
  ) {
    this.totalEntries = parts.reduce((n, p) => n + p.size, 0);
    this.maxPartSize = parts.reduce((n, p) => Math.max(n, p.size), 0);
    this.idfScale = Math.log(1 + Math.max(this.totalEntries, 1));
    const seen = new Set<string>();
    for (const part of parts) {
      for (const stem of part.stems()) {
        if (stem.length < MIN_FUZZY_STEM_LENGTH - 1 || seen.has(stem)) continue;
        seen.add(stem);
        const key = stem[0] + String(stem.length);
        const bucket = this.typoBuckets.get(key);
        if (bucket) bucket.push(stem);
        else this.typoBuckets.set(key, [stem]);
      }
    }
  }

  private known(stem: string): boolean {
    return this.parts.some((p) => p.has(stem));
  }

  /** Whether a word (as typed) is a word of some label, after folding and stemming. */
  knows(word: string): boolean {
    return this.known(stemWord(foldText(word)));
  }

  /** The sum of an entry's stem weights (the whole label's worth), computed once per entry. */
  private entryWeight(part: number, id: number, entry: LexiconEntry): number {
    const totals = (this.entryWeights[part] ??= new Float64Array(this.parts[part]!.size).fill(-1));
    let total = totals[id]!;
    if (total < 0) {
      total = entry.stems.reduce((sum, s) => sum + this.weight(s), 0);
      totals[id] = total;
    }
    return total;
  }

  /** Normalised inverse document frequency, 0..1: 1 for a stem found in one label only. */
  private weight(stem: string): number {
    let w = this.weights.get(stem);
    if (w === undefined) {
      let df = 0;
      for (const part of this.parts) df += part.documentFrequency(stem);
      w = df === 0 ? 0 : Math.log(1 + this.totalEntries / df) / this.idfScale;
      this.weights.set(stem, w);
    }
    return w;
  }

  private typoCandidates(stem: string): string[] {
    const out: string[] = [];
    for (const length of [stem.length - 1, stem.length, stem.length + 1]) {
      for (const candidate of this.typoBuckets.get(stem[0] + String(length)) ?? []) {
        if (candidate !== stem && withinOneEdit(stem, candidate)) out.push(candidate);
      }
    }
    return out.sort();
  }

  /** Share of the occupations labelled with this one word (in this language) that are in `concept`. */
  private labelDominance(part: LexiconIndex, entry: LexiconEntry): number {
    const stem = entry.stems[0]!;
    const key = `${stem}\u0000${entry.lang}\u0000${entry.concept}`;
    let share = this.dominance.get(key);
    if (share === undefined) {
      const all = new Set<string>();
      const own = new Set<string>();
      for (const id of part.entriesWith(stem)) {
        const other = part.entries[id]!;
        if (other.kind !== 'occupation' || other.uri === null || other.lang !== entry.lang) continue;
        all.add(other.uri);
        if (other.concept === entry.concept) own.add(other.uri);
      }
      share = all.size === 0 ? 1 : own.size / all.size;
      this.dominance.set(key, share);
    }
    return share;
  }

  interpret(text: string, options: InterpreterOptions = {}): Interpretation {
    const opts = { ...DEFAULTS, ...options };
    const words = splitWords(text, opts.maxWords);

    // (segment, stem) -> where the text has it and how much it counts there (1 exact, less for a typo)
    const textStems = new Map<string, { segment: number; stem: string; positions: number[]; factor: number }>();
    const addStem = (segment: number, stem: string, position: number, factor: number) => {
      const key = `${segment}\u0000${stem}`;
      const current = textStems.get(key);
      if (!current) textStems.set(key, { segment, stem, positions: [position], factor });
      else {
        current.positions.push(position);
        current.factor = Math.max(current.factor, factor);
      }
    };
    let fuzzyBudget = opts.maxFuzzyWords;
    for (const word of words) {
      if (this.known(word.stem)) {
        addStem(word.segment, word.stem, word.position, 1);
        continue;
      }
      if (fuzzyBudget <= 0 || word.folded.length < MIN_FUZZY_WORD_LENGTH || word.stem.length < MIN_FUZZY_STEM_LENGTH)
        continue;
      fuzzyBudget--;
      for (const candidate of this.typoCandidates(word.stem))
        addStem(word.segment, candidate, word.position, FACTOR.fuzzy);
    }

    // Keyed by (segment, part, entry) as one number: a common stem has thousands of postings, and a
    // string key per posting was most of this loop's cost.
    const matches = new Map<number, EntryMatch>();
    const partStride = this.maxPartSize + 1;
    const segmentStride = partStride * this.parts.length;
    for (const { segment, stem, positions, factor } of textStems.values()) {
      const weight = this.weight(stem);
      this.parts.forEach((part, partIndex) => {
        const postings = part.entriesWith(stem);
        if (postings.length > THRESHOLD.maxDocumentFrequency) return;
        for (const entry of postings) {
          const key = segment * segmentStride + partIndex * partStride + entry;
          let match = matches.get(key);
          if (!match) {
            match = { part: partIndex, entry, stems: [], asFound: [], itself: [], positions: [] };
            matches.set(key, match);
          }
          const at = match.stems.indexOf(stem);
          if (at < 0) {
            match.stems.push(stem);
            match.asFound.push(weight * factor);
            match.itself.push(weight);
          } else if (match.asFound[at]! < weight * factor) {
            match.asFound[at] = weight * factor;
            match.itself[at] = weight;
          }
          for (const p of positions) if (!match.positions.includes(p)) match.positions.push(p);
        }
      });
    }

    const scored: ScoredEntry[] = [];
    for (const match of matches.values()) {
      const part = this.parts[match.part]!;
      const entry = part.entries[match.entry]!;
      const total = this.entryWeight(match.part, match.entry, entry);
      let found = 0;
      let covered = 0;
      for (let k = 0; k < match.stems.length; k++) {
        found += match.asFound[k]!;
        covered += match.itself[k]!;
      }
      const coverage = total > 0 ? Math.min(1, covered / total) : 0;
      const positions = match.positions.sort((a, b) => a - b);
      let score = found * coverage;
      if (!entry.preferred) score *= FACTOR.altLabel;
      if (positions.length > 1 && positions[positions.length - 1]! - positions[0]! >= positions.length) {
        score *= FACTOR.scattered;
      }
      if (entry.kind === 'occupation' && coverage < 0.999 && !entry.heads.some((h) => match.stems.includes(h))) {
        score *= FACTOR.modifierOnly;
      }
      if (entry.kind === 'occupation' && entry.uri !== null && entry.stems.length === 1) {
        score *= FACTOR.ambiguousFloor + (1 - FACTOR.ambiguousFloor) * this.labelDominance(part, entry);
      }
      scored.push({ entry, score, coverage, positions });
    }

    const surfaceAt = (positions: Iterable<number>) => [...positions].map((p) => words[p]!.surface);
    const occupations = this.pickOccupations(
      scored.filter((s) => s.entry.kind === 'occupation'),
      opts.maxOccupations,
      surfaceAt,
    );
    const consumed = new Set(occupations.flatMap((o) => o.positions));
    const skills = this.pickSkills(
      scored.filter((s) => s.entry.kind === 'skill' && !s.positions.some((p) => consumed.has(p))),
      opts.maxSkills,
      surfaceAt,
    );
    return { occupations: occupations.map((o) => o.concept), skills };
  }

  private pickOccupations(
    scored: ScoredEntry[],
    max: number,
    surfaceAt: (positions: Iterable<number>) => string[],
  ): { concept: RecognisedConcept; positions: number[] }[] {
    // Best entry per ISCO code, plus the other occupations of the code whose labels match about as well.
    const byCode = new Map<string, { best: ScoredEntry; support: Set<string> }>();
    for (const s of scored) {
      const current = byCode.get(s.entry.concept);
      if (!current) byCode.set(s.entry.concept, { best: s, support: new Set() });
      else if (compareEntries(s, current.best) < 0) current.best = s;
    }
    for (const s of scored) {
      const group = byCode.get(s.entry.concept)!;
      const occupation = s.entry.uri ?? s.entry.label;
      if (occupation !== (group.best.entry.uri ?? group.best.entry.label) && s.score >= 0.6 * group.best.score) {
        group.support.add(occupation);
      }
    }
    let candidates: OccupationCandidate[] = [...byCode.entries()]
      .map(([code, { best, support }]) => ({
        code,
        best,
        score: best.score * (1 + FACTOR.support * Math.min(5, support.size)),
      }))
      .filter((c) => c.score >= THRESHOLD.occupationScore)
      .sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));

    const picked: { concept: RecognisedConcept; positions: number[] }[] = [];
    while (picked.length < max && candidates.length > 0) {
      const top = candidates[0]!;
      const rivals = candidates.filter(
        (c) =>
          c.score >= THRESHOLD.familyShare * top.score && c.best.positions.some((p) => top.best.positions.includes(p)),
      );
      const families = new Map<string, OccupationCandidate[]>();
      for (const c of rivals) {
        const family = c.code.slice(0, 2);
        families.set(family, [...(families.get(family) ?? []), c]);
      }
      // Most members first; rivals are in score order, so on a tie the family of the better one wins.
      const members = [...families.values()].sort((a, b) => b.length - a.length)[0]!;
      const lead = members[0]!;

      const positions = new Set<number>();
      for (const m of members) for (const p of m.best.positions) positions.add(p);
      let code = lead.code;
      let uri = lead.best.entry.uri;
      let label = lead.best.entry.label;
      if (members.length > 1) {
        code = commonPrefix(members.map((m) => m.code));
        uri = null;
        label = '';
      } else if (lead.best.coverage < 0.999) {
        // Only part of an occupation's label matched ("nurse" in "specialist nurse"): claim the
        // ISCO group the evidence points to, not an ESCO occupation the person did not name.
        uri = null;
      }
      if (uri === null) code = this.collapse(code);
      picked.push({
        concept: {
          kind: 'occupation',
          concept: code,
          uri,
          code,
          label,
          matched: surfaceAt([...positions].sort((a, b) => a - b)),
          score: round(lead.score),
        },
        positions: [...positions],
      });
      const used = new Set(rivals.flatMap((r) => r.best.positions));
      for (const p of positions) used.add(p);
      candidates = candidates.filter((c) => !c.best.positions.some((p) => used.has(p)));
    }
    return picked;
  }

  /** A group with a single child says no more than the child: 512 (cooks) holds only 5120. */
  private collapse(code: string): string {
    let current = code;
    for (;;) {
      const children = this.iscoChildren(current);
      if (children.length !== 1) return current;
      current = children[0]!;
    }
  }

  private pickSkills(
    scored: ScoredEntry[],
    max: number,
    surfaceAt: (positions: Iterable<number>) => string[],
  ): RecognisedConcept[] {
    const candidates = scored
      .filter((s) => s.coverage >= THRESHOLD.skillCoverage && s.score >= THRESHOLD.skillScore)
      .sort(compareEntries);
    const picked: RecognisedConcept[] = [];
    const consumed = new Set<number>();
    const seen = new Set<string>();
    for (const s of candidates) {
      if (picked.length >= max) break;
      if (seen.has(s.entry.concept) || s.positions.some((p) => consumed.has(p))) continue;
      seen.add(s.entry.concept);
      for (const p of s.positions) consumed.add(p);
      picked.push({
        kind: 'skill',
        concept: s.entry.concept,
        uri: s.entry.uri,
        code: null,
        label: s.entry.label,
        matched: surfaceAt(s.positions),
        score: round(s.score),
      });
    }
    return picked;
  }
}

/** Higher score first; then listing tags (they are what listings match on), full labels, shorter labels. */
function compareEntries(a: ScoredEntry, b: ScoredEntry): number {
  return (
    b.score - a.score ||
    Number(b.entry.concept.startsWith('tag:')) - Number(a.entry.concept.startsWith('tag:')) ||
    b.coverage - a.coverage ||
    a.entry.stems.length - b.entry.stems.length ||
    a.entry.label.localeCompare(b.entry.label)
  );
}

function commonPrefix(codes: string[]): string {
  let prefix = codes[0] ?? '';
  for (const code of codes) while (!code.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
