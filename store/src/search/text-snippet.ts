import { foldText, type Snippet } from '@skillway/core';
import { wordMatchRule } from './fts-query';
import { SNIPPET_FIELD_ORDER, SNIPPET_WORDS } from './search-ranking';

/**
 * Snippets marked in JS with the rule the SQLite engine's FTS5 queries match by (wordMatchRule in
 * fts-query.ts): all of the SQLite engine's snippets, and the occupation-label snippets of the
 * Meilisearch engine (asking Meilisearch to highlight hundreds of labels per hit costs it 10-80 ms).
 */
export interface SnippetSource {
  name: string;
  /** one per line */
  skills: string;
  summary: string;
  /** the labels of the listing's occupations that matched, one per line */
  occupation_labels?: string;
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const ASCII = /^[ -~]*$/;
/** Words of context kept before the first match in a cropped summary. */
const CONTEXT_BEFORE = 6;

type Matcher = (token: string) => boolean;

function matcher(words: readonly string[]): Matcher {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  words.forEach((word, i) => {
    const rule = wordMatchRule(word, i === words.length - 1);
    for (const e of rule.exact) exact.add(e);
    prefixes.push(...rule.prefixes);
  });
  return (token) => {
    // ASCII folds to its lower case (NFKD and the replacements change nothing in it): most words.
    const folded = ASCII.test(token) ? token.toLowerCase() : foldText(token);
    return exact.has(folded) || prefixes.some((p) => folded.startsWith(p));
  };
}

interface Token {
  start: number;
  end: number;
  match: boolean;
}

function tokens(text: string, isMatch: Matcher): Token[] {
  return [...text.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length, match: isMatch(m[0]) }));
}

/** Segments of text[from, to) with the matching words flagged. */
function parts(text: string, list: readonly Token[], from = 0, to = text.length): Snippet['parts'] {
  const out: Snippet['parts'] = [];
  const push = (piece: string, match: boolean) => {
    if (!piece) return;
    const last = out[out.length - 1];
    if (last && last.match === match) last.text += piece;
    else out.push({ text: piece, match });
  };
  let at = from;
  for (const t of list) {
    if (!t.match || t.start < from || t.end > to) continue;
    push(text.slice(at, t.start), false);
    push(text.slice(t.start, t.end), true);
    at = t.end;
  }
  push(text.slice(at, to), false);
  return out;
}

function whole(text: string, isMatch: Matcher): Snippet['parts'] | undefined {
  const list = tokens(text, isMatch);
  return list.some((t) => t.match) ? parts(text, list) : undefined;
}

/** About SNIPPET_WORDS words around the first match, with an ellipsis where the text was cut. */
function cropped(text: string, isMatch: Matcher): Snippet['parts'] | undefined {
  const list = tokens(text, isMatch);
  const first = list.findIndex((t) => t.match);
  if (first < 0) return undefined;
  const startToken = Math.max(0, Math.min(first - CONTEXT_BEFORE, list.length - SNIPPET_WORDS));
  const endToken = Math.min(list.length, startToken + SNIPPET_WORDS);
  const from = startToken === 0 ? 0 : list[startToken]!.start;
  const to = endToken === list.length ? text.length : list[endToken - 1]!.end;
  const out = parts(text, list, from, to);
  if (from > 0) out.unshift({ text: '…', match: false });
  if (to < text.length) out.push({ text: '…', match: false });
  // Merge the ellipses into their neighbours when those are plain text too.
  return out.reduce<Snippet['parts']>((acc, p) => {
    const last = acc[acc.length - 1];
    if (last && !last.match && !p.match) last.text += p.text;
    else acc.push({ ...p });
    return acc;
  }, []);
}

/**
 * Labels folded once, word by word as the snippet matcher folds them, into one string (` word word`
 * per label, labels apart by a newline), so that finding the first label with a query word is a few
 * native `indexOf` calls instead of a regex and a fold per word of hundreds of labels. The answers are
 * those of the matcher on the labels as written.
 */
export class FoldedLabels {
  private readonly text: string;
  /** where each label starts in `text` */
  private readonly starts: number[] = [];
  /**
   * Where one word (by its rule as a last word or not) first occurs in `text` (Infinity: nowhere), for
   * the last 256 words asked for: queries differ in their word lists far more than in their words.
   */
  private readonly positions = new Map<string, number>();
  /** the snippets of the last word lists asked for (null: no label has a word); shared, never changed */
  private readonly snippets = new Map<string, Snippet | null>();

  constructor(readonly labels: readonly string[]) {
    let text = '';
    for (const label of labels) {
      this.starts.push(text.length);
      for (const m of label.matchAll(WORD)) {
        const folded = ASCII.test(m[0]) ? m[0].toLowerCase() : foldText(m[0]);
        // A fold never yields a space or a newline from a word's letters; guard the format anyway.
        text += ` ${folded.replace(/[ \n]/g, '\u0001')}`;
      }
      text += '\n';
    }
    this.text = text;
  }

  /** The first label with any of `words`, marked (labelSnippet's answer); the last 32 word lists are kept. */
  snippet(words: readonly string[]): Snippet | undefined {
    const key = words.join('\u0000');
    let found = this.snippets.get(key);
    if (found === undefined) {
      const first = this.firstWith(words);
      found = first < 0 ? null : (labelSnippet([this.labels[first]!], words) ?? null);
      this.snippets.set(key, found);
      if (this.snippets.size > 32) this.snippets.delete(this.snippets.keys().next().value!);
    }
    return found ?? undefined;
  }

  /** The index of the first label with any of `words` (the last one by the rule of a last word), or -1. */
  firstWith(words: readonly string[]): number {
    let best = Infinity;
    words.forEach((word, i) => {
      const at = this.firstAt(word, i === words.length - 1);
      if (at < best) best = at;
    });
    if (best === Infinity) return -1;
    // The last label starting at or before the match.
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= best) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private firstAt(word: string, isLast: boolean): number {
    const key = `${isLast ? 1 : 0}${word}`;
    let best = this.positions.get(key);
    if (best !== undefined) return best;
    best = Infinity;
    const rule = wordMatchRule(word, isLast);
    for (const p of rule.prefixes) {
      const at = p ? this.text.indexOf(` ${p}`) : -1;
      if (at >= 0 && at < best) best = at;
    }
    for (const e of rule.exact) {
      for (let at = this.text.indexOf(` ${e}`); at >= 0 && at < best; at = this.text.indexOf(` ${e}`, at + 1)) {
        const after = this.text[at + 1 + e.length];
        if (after === ' ' || after === '\n') {
          best = at;
          break;
        }
      }
    }
    this.positions.set(key, best);
    if (this.positions.size > 256) this.positions.delete(this.positions.keys().next().value!);
    return best;
  }
}

/** The first label with a matching word, marked; undefined when none matches. */
export function labelSnippet(labels: readonly string[], words: readonly string[]): Snippet | undefined {
  if (words.length === 0) return undefined;
  const isMatch = matcher(words);
  const label = labels.find((l) => tokens(l, isMatch).some((t) => t.match));
  return label === undefined ? undefined : { field: 'occupations', parts: whole(label, isMatch)! };
}

/**
 * The snippet of the first field of `fields` (default: all, in SNIPPET_FIELD_ORDER) that has a query
 * word. An engine that knows which fields matched passes just that one.
 */
export function buildSnippet(
  source: SnippetSource,
  words: readonly string[],
  fields: readonly Snippet['field'][] = SNIPPET_FIELD_ORDER,
): Snippet | null {
  if (words.length === 0) return null;
  const isMatch = matcher(words);
  for (const field of fields) {
    let found: Snippet['parts'] | undefined;
    if (field === 'name') found = whole(source.name, isMatch);
    if (field === 'occupations') {
      const line = (source.occupation_labels ?? '').split('\n').find((l) => tokens(l, isMatch).some((t) => t.match));
      found = line ? whole(line, isMatch) : undefined;
    }
    if (field === 'skills') {
      const skills = source.skills ? source.skills.split('\n') : [];
      if (skills.some((s) => tokens(s, isMatch).some((t) => t.match))) found = whole(skills.join(', '), isMatch);
    }
    if (field === 'summary') found = cropped(source.summary, isMatch);
    if (found) return { field, parts: found };
  }
  return null;
}
