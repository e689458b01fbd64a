import type { Snippet } from '@skillway/core';

/**
 * Both engines mark matches with these private-use characters (FTS5 highlight(), Meilisearch
 * highlightPreTag/PostTag) and then split on them: snippets leave as segments, never as HTML, and no
 * listing text can forge a marker because the SQLite index strips them and no real text contains them.
 */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';
export const MARKERS = /[\uE000\uE001]/g;

/** Text with MARK_START/MARK_END around matches -> segments; adjacent segments of one kind are merged. */
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
  return parts;
}
