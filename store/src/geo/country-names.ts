import { COUNTRIES, UI_LANGUAGES } from '@skillway/core';
import { placeKey } from './place-key';

/** The directory's countries (EU is a scope, not a place). */
export const DIRECTORY_COUNTRIES: readonly string[] = COUNTRIES.filter((c) => c !== 'EU');
export const DIRECTORY_COUNTRY_SET: ReadonlySet<string> = new Set(DIRECTORY_COUNTRIES);
/** Countries next to ours whose bigger towns the gazetteer also holds (see build-gazetteer.ts). */
export const NEIGHBOUR_COUNTRIES = [
  'FR',
  'DE',
  'LU',
  'AT',
  'CH',
  'CZ',
  'PL',
  'UA',
  'RO',
  'RS',
  'HR',
  'PT',
  'AD',
  'IM',
  'JE',
  'GG',
];

/** Besides our UI languages, the countries' own languages, so "Éire" or "Magyarország" read as countries. */
const NAME_LANGUAGES = [...UI_LANGUAGES, 'ga', 'cy', 'de', 'pl', 'cs', 'ro', 'pt', 'hr', 'sr', 'ca', 'eu', 'gl'];
/** Names people use that are not the country's name in any language's list. */
const ALIASES: Record<string, string> = {
  uk: 'GB',
  'great britain': 'GB',
  britain: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  eire: 'IE',
  'republic of ireland': 'IE',
  holland: 'NL',
};

let names: Map<string, string> | undefined;

/**
 * Folded country name -> ISO code, for every country the gazetteer holds, in our UI languages and the
 * countries' own (Intl.DisplayNames: Node's ICU, nothing downloaded), plus the 2-letter codes.
 */
function countryNames(): Map<string, string> {
  if (names) return names;
  names = new Map(Object.entries(ALIASES));
  const codes = [...DIRECTORY_COUNTRIES, ...NEIGHBOUR_COUNTRIES];
  for (const code of codes) names.set(code.toLowerCase(), code);
  for (const lang of NAME_LANGUAGES) {
    const display = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
    for (const code of codes) {
      const name = display.of(code);
      if (name) names.set(placeKey(name), code);
    }
  }
  return names;
}

/** "cork ireland" -> { country: IE, rest: "cork" }: a country named after or before the place. */
export function countryHint(key: string): { country: string; rest: string } | undefined {
  const words = key.split(' ');
  if (words.length < 2) return undefined;
  const known = countryNames();
  // Longest country name first ("northern ireland" before "ireland").
  for (let n = Math.min(3, words.length - 1); n >= 1; n--) {
    const tail = known.get(words.slice(-n).join(' '));
    if (tail) return { country: tail, rest: words.slice(0, -n).join(' ') };
    const head = known.get(words.slice(0, n).join(' '));
    if (head) return { country: head, rest: words.slice(n).join(' ') };
  }
  return undefined;
}
