import type { ListingDetail, TranslatableField } from '@skillway/core';

/** One text as the page shows it, with the language it is in (for `lang` and the reader's screen reader). */
export interface ShownText {
  text: string;
  lang: string;
}

export interface ReaderTexts {
  fields: Partial<Record<TranslatableField, ShownText>>;
  /** the language the provider wrote in */
  originalLang: string;
  /** set when some texts shown are a translation, not the provider's own words */
  translation: { status: 'machine' | 'reviewed'; from: string } | null;
  /** the reader's language has texts the page is not showing (they asked for the original) */
  translationHidden: boolean;
}

/**
 * Which texts a reader sees: their language when the listing has it (a translation says so, and the
 * original stays one link away: `?original=1`), else the provider's own. Field by field: a translation
 * that gives only the name leaves the rest in the original, in its own language.
 */
export function readerTexts(listing: ListingDetail, locale: string, wantOriginal: boolean): ReaderTexts {
  const originalLang = listing.text_lang ?? 'en';
  const own = listing.texts?.[originalLang];
  const original: Partial<Record<TranslatableField, string | undefined>> = {
    name: listing.name,
    summary: listing.summary,
    eligibility_note: listing.eligibility?.note ?? own?.eligibility_note,
    documents: listing.documents ?? own?.documents,
    how_to_apply: listing.how_to_apply ?? own?.how_to_apply,
  };
  const inLocale = locale !== originalLang ? listing.texts?.[locale] : undefined;
  const use = inLocale && !wantOriginal ? inLocale : undefined;
  const fields: ReaderTexts['fields'] = {};
  let translated = false;
  for (const field of ['name', 'summary', 'eligibility_note', 'documents', 'how_to_apply'] as const) {
    const mine = use?.[field];
    if (mine !== undefined) {
      fields[field] = { text: mine, lang: locale };
      translated = true;
    } else if (original[field] !== undefined) fields[field] = { text: original[field]!, lang: originalLang };
  }
  const translation =
    use && translated && use.status !== 'original' && use.from ? { status: use.status, from: use.from } : null;
  return { fields, originalLang, translation, translationHidden: Boolean(inLocale) && wantOriginal };
}
