import { hash } from 'node:crypto';
import {
  originalText,
  TRANSLATABLE_FIELDS,
  type ListingInput,
  type SearchHit,
  type TextStatus,
  type TranslatableField,
} from '@skillway/core';

/**
 * The fingerprint of the original texts a translation was made from: the first 16 hex digits of
 * SHA-256 over the listing's own texts of exactly the fields the translation gives (in a fixed order).
 * A change to the summary makes a translated summary stale; it does not touch a translation that only
 * gives the name. `npm run translations:stamp` writes it as `from_hash`.
 */
export function translationSourceHash(
  listing: Partial<Pick<ListingInput, Exclude<TranslatableField, 'eligibility_note'> | 'eligibility'>>,
  fields: Iterable<string>,
): string {
  const wanted = new Set(fields);
  const source = TRANSLATABLE_FIELDS.filter((f) => wanted.has(f)).map((f) => [f, originalText(listing, f) ?? null]);
  return hash('sha256', JSON.stringify(source)).slice(0, 16);
}

/** The translatable fields a text entry gives. */
export function translatedFields(entry: Record<string, unknown>): TranslatableField[] {
  return TRANSLATABLE_FIELDS.filter((f) => entry[f] !== undefined);
}

/**
 * The listing without the translations whose original changed since they were made (their from_hash no
 * longer matches): a reader then sees the original, never an outdated translation. Returns the
 * languages dropped.
 */
export function withoutStaleTranslations<T extends Partial<ListingInput>>(listing: T): { listing: T; stale: string[] } {
  if (!listing.texts) return { listing, stale: [] };
  const stale: string[] = [];
  const kept: NonNullable<ListingInput['texts']> = {};
  for (const [lang, t] of Object.entries(listing.texts)) {
    if (
      t.status !== 'original' &&
      t.from_hash !== undefined &&
      t.from_hash !== translationSourceHash(listing, translatedFields(t))
    )
      stale.push(lang);
    else kept[lang] = t;
  }
  if (stale.length === 0) return { listing, stale };
  const { texts: _texts, ...rest } = listing;
  return { listing: (Object.keys(kept).length > 0 ? { ...rest, texts: kept } : rest) as T, stale };
}

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
