import type { Country, ListingDetail, UiLanguage } from '@skillway/core';

/**
 * The fields of the richer listing model (issue 14) a list shows, read defensively: each is optional,
 * absent means unknown, and the older single phone/email/address fields still count.
 */
interface RichListing {
  text_lang?: string;
  how_to_apply?: string;
  phones?: { number: string; description?: string }[];
  emails?: { address: string; description?: string }[];
  locations?: { name?: string; address?: string; city?: string; postcode?: string }[];
  texts?: Record<string, { name?: string; summary?: string; how_to_apply?: string; status: string; from?: string }>;
  phone?: string;
  email?: string;
  address?: string;
}

/** A text and the language it is in; `translation` says how it was translated, when it was. */
export interface ShownText {
  text: string;
  lang: string;
  translation: 'machine' | 'reviewed' | null;
}

export interface ListEntry {
  id: string;
  name: ShownText;
  summary: ShownText;
  howToApply: ShownText | null;
  organisation: string | null;
  countries: Country[];
  city: string | null;
  url: string;
  phones: { number: string; description?: string }[];
  emails: string[];
  addresses: string[];
  active: boolean | null;
}

/** What a list shows of a listing, in the reader's language where a translation exists. */
export function listEntry(listing: ListingDetail, locale: UiLanguage): ListEntry {
  const rich = listing as ListingDetail & RichListing;
  const own = rich.text_lang ?? 'en';
  const texts = own === locale ? undefined : rich.texts?.[locale];
  const translation = texts
    ? texts.status === 'original'
      ? null
      : texts.status === 'reviewed'
        ? 'reviewed'
        : 'machine'
    : null;
  const shown = (translated: string | undefined, original: string): ShownText =>
    translated ? { text: translated, lang: locale, translation } : { text: original, lang: own, translation: null };
  const phones = rich.phones ?? (rich.phone ? [{ number: rich.phone }] : []);
  const emails = rich.emails?.map((e) => e.address) ?? (rich.email ? [rich.email] : []);
  const addresses =
    rich.locations
      ?.map((l) => [l.name, l.address, [l.postcode, l.city].filter(Boolean).join(' ')].filter(Boolean).join(', '))
      .filter((a) => a.length > 0) ?? (rich.address ? [rich.address] : []);
  return {
    id: listing.id,
    name: shown(texts?.name, listing.name),
    summary: shown(texts?.summary, listing.summary),
    howToApply: rich.how_to_apply ? shown(texts?.how_to_apply, rich.how_to_apply) : null,
    organisation: listing.organisation?.name ?? null,
    countries: listing.countries,
    city: listing.city,
    url: listing.url,
    phones,
    emails,
    addresses,
    active: listing.active,
  };
}
