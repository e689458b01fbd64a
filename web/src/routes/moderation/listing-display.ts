import type { FieldChange } from '@skillway/core';
import { m } from '$lib/paraglide/messages';
import type { LanguageNames, Vocabulary } from '$lib/vocabulary';

/** How a moderator reads one field's value: labels in the UI language, links for addresses. */
export type DisplayValue =
  { kind: 'unset' } | { kind: 'text'; text: string; ltr?: boolean; source?: boolean } | { kind: 'link'; href: string };

const LABELLED = {
  kind: 'kinds',
  countries: 'countries',
  categories: 'categories',
  audiences: 'audiences',
  cost: 'costs',
  delivery: 'delivery',
} as const;

function labelled(table: Record<string, string>, value: unknown): string {
  return typeof value === 'string' ? (table[value] ?? value) : String(value);
}

export function displayValue(
  field: string,
  value: unknown,
  vocabulary: Vocabulary,
  languages: LanguageNames,
): DisplayValue {
  if (field === 'active' && value !== undefined) {
    const text =
      value === true
        ? m.listing_form_active_true()
        : value === false
          ? m.listing_form_active_false()
          : m.listing_form_active_unknown();
    return { kind: 'text', text };
  }
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return { kind: 'unset' };
  if (field in LABELLED) {
    const table = vocabulary[LABELLED[field as keyof typeof LABELLED]] as Record<string, string>;
    const items = Array.isArray(value) ? value : [value];
    return { kind: 'text', text: items.map((item) => labelled(table, item)).join(', ') };
  }
  if (field === 'languages' && Array.isArray(value)) {
    return { kind: 'text', text: value.map((code) => `${languages[code] ?? code} (${code})`).join(', ') };
  }
  if ((field === 'url' || field === 'source_url') && typeof value === 'string' && /^https?:\/\//.test(value)) {
    return { kind: 'link', href: value };
  }
  if (field === 'occupations' && Array.isArray(value)) {
    // As the listing page names them: a bare number means little to a reader.
    const text = value.map((code) => (/^[0-9]+$/.test(String(code)) ? `ISCO-08 ${code}` : String(code))).join(', ');
    return { kind: 'text', text, ltr: true };
  }
  // Structured fields (locations, phones, opening hours, texts per language): their values in a line each.
  const flat = (item: unknown): string =>
    item !== null && typeof item === 'object'
      ? Object.entries(item)
          .map(([k, v]) =>
            Array.isArray(v) ? v.join(' ') : v !== null && typeof v === 'object' ? `${k}: ${flat(v)}` : String(v),
          )
          .join(' · ')
      : String(item);
  const text = Array.isArray(value)
    ? value.map(flat).join(Array.isArray(value) && value.some((v) => typeof v === 'object') ? '; ' : ', ')
    : flat(value);
  // Codes and contact details read left to right; the provider's own words keep their direction.
  const ltr = ['occupations', 'organisation', 'phones', 'emails', 'checked_at'].includes(field);
  return { kind: 'text', text, ltr, source: !ltr };
}

/** Every language code a set of changes shows, to look their names up once. */
export function languageCodes(changes: FieldChange[]): string[] {
  const codes = new Set<string>();
  for (const change of changes) {
    if (change.field !== 'languages') continue;
    for (const value of [change.before, change.after]) {
      if (Array.isArray(value)) for (const code of value) if (typeof code === 'string') codes.add(code);
    }
  }
  return [...codes];
}
