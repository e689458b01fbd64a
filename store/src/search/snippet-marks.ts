import type { Snippet } from '@skillway/core';

/**
 * Both engines mark matches with these private-use characters (FTS5 highlight(), Meilisearch
 * highlightPreTag/PostTag) and then split on them: snippets leave as segments, never as HTML, and no
 * listing text can forge a marker because the SQLite index strips them and no real text contains them.
 */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';
export const MARKERS = /[\uE000\uE001]/g;

/**
 * Text with MARK_START/MARK_END around matches -> segments; adjacent segments of one kind are merged,
 * and a match that stops inside a word (Meilisearch marks only the matched prefix: "[Nursi]ng") is
 * extended to the end of that word, as the SQLite engine marks it.
 */
export function markedToParts(text: string): Snippet['parts'] {
  const parts: Snippet['parts'] = [];
  let match = false;
  for (const piece of text.split(/([\uE000\uE001])/)) {
    if (piece === MARK_START) match = true;
    else if (piece === MARK_END) match = false;
    else if (piece) {
      const last = parts[parts.length - 1];
      if (last && last.match === match) last.text += piece;
      else parts.push({ text: piece, match });
    }
  }
  for (let i = 0; i + 1 < parts.length; i++) {
    const [current, next] = [parts[i]!, parts[i + 1]!];
    if (!current.match || next.match || !/[\p{L}\p{N}\p{M}]$/u.test(current.text)) continue;
    const rest = /^[\p{L}\p{N}\p{M}]+/u.exec(next.text)?.[0];
    if (!rest) continue;
    current.text += rest;
    next.text = next.text.slice(rest.length);
    if (!next.text) {
      parts.splice(i + 1, 1);
      const after = parts[i + 1];
      if (after?.match) {
        current.text += after.text;
        parts.splice(i + 1, 1);
      }
      i--;
    }
  }
  return parts;
}
