import type { Understood, UnderstoodConcept } from '@skillway/core';

/**
 * "We understood: nurse · diploma recognition · Ireland": what the API recognised in the words a
 * person typed, turned into what the page shows. Kept apart from the component so it can be tested
 * without a browser, and so the search page and the match results show it the same way.
 */

/** What travels from the server to the page (and into its HTML): only what is shown. */
export interface UnderstoodData {
  concepts: Pick<UnderstoodConcept, 'kind' | 'value' | 'label' | 'effect' | 'ignore'>[];
  corrections: { from: string; to: string }[];
}

/** The order chips read in: what the person does, what they need, for whom, where ("nurse · diploma recognition · Ireland"). */
const KIND_ORDER: Record<UnderstoodConcept['kind'], number> = {
  occupation: 0,
  skill: 1,
  need: 2,
  audience: 3,
  city: 4,
  country: 5,
};

/** Trims the API's answer to what the page needs; null when nothing was understood. */
export function understoodData(understood: Understood | null | undefined): UnderstoodData | null {
  if (!understood) return null;
  const seen = new Set<string>();
  const concepts: UnderstoodData['concepts'] = [];
  for (const c of understood.concepts ?? []) {
    const key = c.ignore || `${c.kind}:${c.value}`;
    if (!c.label || seen.has(key)) continue;
    seen.add(key);
    concepts.push({ kind: c.kind, value: c.value, label: c.label, effect: c.effect, ignore: c.ignore });
  }
  // Stable: within a kind, the API's order (strongest first) stays.
  concepts.sort((a, b) => (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9));
  const corrections = (understood.corrections ?? []).filter(
    (c) => c.from && c.to && c.from.toLocaleLowerCase() !== c.to.toLocaleLowerCase(),
  );
  if (!concepts.length && !corrections.length) return null;
  return { concepts, corrections: corrections.map(({ from, to }) => ({ from, to })) };
}

export interface ConceptChip {
  kind: UnderstoodConcept['kind'];
  label: string;
  /** the results are limited to it (a country or an audience read from the words) */
  filter: boolean;
  /** the same page without this concept, or null where it cannot be taken back */
  removeHref: string | null;
}

export interface CorrectionView {
  /** the words as read ("I was a nurse"), or the corrected words alone when they cannot be placed */
  corrected: string;
  /** the words as typed ("I was a nurce") */
  typed: string;
}

export interface UnderstoodView {
  concepts: ConceptChip[];
  /** "Showing results for **nurse** (you typed nurce)", cut around the two values; null without corrections */
  correction: MessagePart[] | null;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A word of `text` on its own (not inside a longer word), in any script. */
function wordPattern(word: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}\\p{M}])${escape(word)}(?![\\p{L}\\p{N}\\p{M}])`, 'giu');
}

/**
 * "Showing results for **I was a nurse** (you typed I was a nurce)": the query with each corrected
 * word put back in its place; when a word cannot be found in the query as typed, just the words.
 */
export function correctionOf(q: string, corrections: UnderstoodData['corrections']): CorrectionView | null {
  if (!corrections.length) return null;
  const typed = q.trim();
  let corrected = typed;
  let placed = typed.length > 0;
  for (const { from, to } of corrections) {
    const pattern = wordPattern(from);
    if (!pattern.test(corrected)) {
      placed = false;
      break;
    }
    corrected = corrected.replace(wordPattern(from), to);
  }
  if (placed) return { corrected, typed };
  return { corrected: corrections.map((c) => c.to).join(' '), typed: corrections.map((c) => c.from).join(' ') };
}

/**
 * The chips and the correction line, made on the server so the browser gets them ready to show (none
 * of this code travels to it). `removeHref` gives the link that asks again without a concept
 * (search); without it the chips only say what was understood (match, whose request takes no
 * `ignore`). Concepts already taken back are never shown, even if an API answers with them.
 * `correctionMessage` is the translated "Showing results for {corrected} (you typed {typed})".
 */
export function understoodView(
  data: UnderstoodData | null | undefined,
  options: {
    q: string;
    ignored?: readonly string[];
    removeHref?: (ignoreKey: string) => string;
    correctionMessage: (values: { corrected: string; typed: string }) => string;
  },
): UnderstoodView | null {
  if (!data) return null;
  const ignored = new Set(options.ignored ?? []);
  const concepts = data.concepts
    .filter((c) => !ignored.has(c.ignore))
    .map((c) => ({
      kind: c.kind,
      label: c.label,
      filter: c.effect === 'filter',
      removeHref: options.removeHref && c.ignore ? options.removeHref(c.ignore) : null,
    }));
  const corrected = correctionOf(options.q, data.corrections);
  const correction = corrected
    ? messageParts((values) => options.correctionMessage({ corrected: values.corrected!, typed: values.typed! }), {
        corrected: corrected.corrected,
        typed: corrected.typed,
      })
    : null;
  if (!concepts.length && !correction) return null;
  return { concepts, correction };
}

/** A piece of a message: plain text, or the place where a value goes (to be wrapped in markup). */
export interface MessagePart {
  text: string;
  /** the name of the value this part is, absent for the message's own words */
  slot?: string;
}

/**
 * Splits a translated message around its values so the page can wrap them (<strong>, <bdi>) while
 * each language keeps its own word order: the message is rendered with markers in place of the
 * values, then cut at the markers.
 */
export function messageParts(
  render: (markers: Record<string, string>) => string,
  values: Record<string, string>,
): MessagePart[] {
  const names = Object.keys(values);
  const markers = Object.fromEntries(names.map((name, i) => [name, `\uE000${i}\uE001`]));
  const parts: MessagePart[] = [];
  for (const piece of render(markers).split(/(\uE000\d+\uE001)/)) {
    if (!piece) continue;
    const marker = /^\uE000(\d+)\uE001$/.exec(piece);
    if (marker) {
      const name = names[Number(marker[1])]!;
      parts.push({ slot: name, text: values[name]! });
    } else parts.push({ text: piece });
  }
  return parts;
}
