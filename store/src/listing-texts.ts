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
  if (!wanted) return { ...rest, ...original, ...(ownLang && { text_lang: ownLang }) };
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
  return localized;
}

export function localizeHits<T extends { hits: SearchHit[] }>(response: T, lang: string | undefined): T {
  return { ...response, hits: response.hits.map((h) => localizeHit(h, lang)) };
}
