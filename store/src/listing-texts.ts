import type { SearchHit, TextStatus } from '@skillway/core';

/**
 * A listing's name and summary in each language it has them in, the record's own language included
 * (status `original`). Search documents carry it so that a result can be shown in the reader's language
 * without a second query; `localizeHits` reads it and takes it off before a hit leaves the service.
 */
export type HitTexts = Record<
  string,
  { name?: string; summary?: string; status: TextStatus; from?: string; /** the record's own language */ own?: true }
>;

/** The record's name/summary and its texts in other languages, as `HitTexts`. */
export function hitTexts(record: {
  name: string;
  summary: string;
  text_lang?: string;
  texts?: Record<string, { name?: string; summary?: string; status: TextStatus; from?: string }>;
}): HitTexts {
  const out: HitTexts = {
    [record.text_lang ?? 'en']: { name: record.name, summary: record.summary, status: 'original', own: true },
  };
  for (const [lang, t] of Object.entries(record.texts ?? {})) {
    if (t.name === undefined && t.summary === undefined) continue;
    out[lang] = {
      ...(t.name !== undefined && { name: t.name }),
      ...(t.summary !== undefined && { summary: t.summary }),
      status: t.status,
      ...(t.from !== undefined && { from: t.from }),
    };
  }
  return out;
}

/** The translated texts a search should find a listing by (names and summaries in other languages). */
export function otherLanguageText(record: Parameters<typeof hitTexts>[0]): string {
  return Object.values(record.texts ?? {})
    .flatMap((t) => [t.name, t.summary])
    .filter((t): t is string => typeof t === 'string')
    .join('\n');
}

/** The summary followed by the listing's texts in other languages: what search finds it by as summary text. */
export function searchableSummary(record: Parameters<typeof hitTexts>[0]): string {
  const other = otherLanguageText(record);
  return other ? `${record.summary}\n${other}` : record.summary;
}

/**
 * A name or summary snippet is cut from what the engine indexed, which holds every language, one text a
 * line. It keeps the first line with a match that is part of the name or summary the reader is shown;
 * without one, no snippet (the card then shows that text whole).
 */
function fitSnippet(snippet: SearchHit['snippet'], shown: { name: string; summary: string }): SearchHit['snippet'] {
  if (!snippet || (snippet.field !== 'name' && snippet.field !== 'summary')) return snippet;
  const target = shown[snippet.field];
  const lines: { text: string; match: boolean }[][] = [[]];
  for (const part of snippet.parts) {
    part.text.split('\n').forEach((piece, i) => {
      if (i > 0) lines.push([]);
      if (piece) lines[lines.length - 1]!.push({ text: piece, match: part.match });
    });
  }
  for (const line of lines) {
    const text = line
      .map((p) => p.text)
      .join('')
      .replace(/^\s*…\s*|\s*…\s*$/g, '');
    if (!line.some((p) => p.match) || !text.trim() || !target.includes(text.trim())) continue;
    const parts = line.filter((p, i) => !((i === 0 || i === line.length - 1) && !p.match && p.text.trim() === '…'));
    if (!target.startsWith(text.trim()) && parts[0]?.text.trimStart().startsWith('…') !== true)
      parts.unshift({ text: '…', match: false });
    if (!target.endsWith(text.trim()) && parts.at(-1)?.text.trimEnd().endsWith('…') !== true)
      parts.push({ text: '…', match: false });
    return { field: snippet.field, parts };
  }
  return null;
}

type RawHit = SearchHit & { translations?: HitTexts };

/**
 * The hit as the reader should see it: name and summary in `lang` when the listing has them in it
 * (`translation` says so when they are not the provider's own words), otherwise the original; always
 * with `text_lang`. The per-language texts are taken off.
 */
export function localizeHit(hit: RawHit, lang: string | undefined): SearchHit {
  const { translations, ...rest } = hit;
  if (!translations) return rest;
  const [ownLang, own] = Object.entries(translations).find(([, t]) => t.own) ?? [undefined, undefined];
  const original = { name: own?.name ?? rest.name, summary: own?.summary ?? rest.summary };
  const wanted = lang && lang !== ownLang ? translations[lang] : undefined;
  if (!wanted) {
    const shown = { ...rest, ...original, ...(ownLang && { text_lang: ownLang }) };
    return { ...shown, snippet: fitSnippet(rest.snippet, shown) };
  }
  const fields = (['name', 'summary'] as const).filter((f) => wanted[f] !== undefined);
  const localized: SearchHit = {
    ...rest,
    name: wanted.name ?? original.name,
    summary: wanted.summary ?? original.summary,
    text_lang: lang!,
  };
  if (wanted.status !== 'original' && wanted.from) {
    localized.translation = { status: wanted.status, from: wanted.from, fields: [...fields] };
  }
  localized.snippet = fitSnippet(localized.snippet, localized);
  return localized;
}

export function localizeHits<T extends { hits: SearchHit[] }>(response: T, lang: string | undefined): T {
  return { ...response, hits: response.hits.map((h) => localizeHit(h, lang)) };
}
