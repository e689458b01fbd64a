/** One formatter per language: building an Intl.DateTimeFormat costs more than rendering a card. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** "6 Dec 2026" in the reader's language for a `YYYY-MM-DD` date; null when it is not a date. */
export function formatCheckedDate(value: string, locale: string): string | null {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    dateFormats.set(locale, format);
  }
  return format.format(date);
}

const kmFormats = new Map<string, Intl.NumberFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/** "12 km", "2.4 km", "١٢ كم" as the reader writes it (the API rounds: one decimal under 10 km). */
export function formatKm(km: number, locale: string): string {
  let format = kmFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilometer', maximumFractionDigits: 1 });
    kmFormats.set(locale, format);
  }
  return format.format(km);
}

/** A card's number, in the reader's digits, as the results map writes it (Persian digits in fa). */
export function formatNumber(n: number, locale: string): string {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale);
    numberFormats.set(locale, format);
  }
  return format.format(n);
}

/** Where a result is, seen from the place searched near (docs/near-me.md): what its card says. */
export type Whereabouts =
  | { kind: 'distance'; km: number; approximate: boolean }
  | { kind: 'online' }
  | { kind: 'across'; country: string }
  | { kind: 'eu-wide' };

export function whereabouts(
  hit: {
    distance_km?: number;
    point?: { approximate: boolean };
    delivery: readonly string[];
    countries: readonly string[];
  },
  placeCountry: string,
): Whereabouts | null {
  if (hit.distance_km !== undefined && hit.point)
    return { kind: 'distance', km: hit.distance_km, approximate: hit.point.approximate };
  if (hit.delivery.length > 0 && hit.delivery.every((d) => d === 'online')) return { kind: 'online' };
  if (hit.countries.includes(placeCountry)) return { kind: 'across', country: placeCountry };
  if (hit.countries.length > 0 && hit.countries.every((c) => c === 'EU')) return { kind: 'eu-wide' };
  return null;
}
