import { languageLabel, UI_LANGUAGES } from '@skillway/core';
import { splitList } from './listing-form';

/**
 * Languages by name instead of two-letter codes: the names come from Intl.DisplayNames (through core's
 * languageLabel), in the reader's language, and a name typed in any UI language or in English is read
 * back as its ISO 639-1 code. Browser-safe: the form uses it with and without JavaScript.
 */

/** Every ISO 639-1 code (the codes listings store). */
export const ISO_639_1 = (
  'aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el ' +
  'en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it ' +
  'iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt ' +
  'my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl ' +
  'sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo ' +
  'za zh zu'
).split(' ');
const KNOWN = new Set(ISO_639_1);

/** Lower case, without accents or marks, for comparing what was typed with a name. */
const fold = (text: string) =>
  text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase().replace(/\s+/g, ' ').trim();

let byName: Map<string, string> | undefined;
/** Every language's name in every UI language (and its code), folded -> code. */
function namesIndex(): Map<string, string> {
  if (byName) return byName;
  byName = new Map();
  for (const code of ISO_639_1) byName.set(code, code);
  for (const lang of ['en', ...UI_LANGUAGES]) {
    for (const code of ISO_639_1) {
      const name = languageLabel(code, lang);
      if (name !== code && !byName.has(fold(name))) byName.set(fold(name), code);
    }
  }
  return byName;
}

/** "Arabic" / "арабська" / "ar" -> "ar"; undefined when no language has that name. */
export function languageCodeOf(text: string): string | undefined {
  const folded = fold(text);
  if (KNOWN.has(folded)) return folded;
  return namesIndex().get(folded);
}

/** "Arabic, French" -> ["ar", "fr"]; a name no language has stays as typed (the check reports it). */
export function languagesFromNames(text: string): string[] {
  return [...new Set(splitList(text).map((item) => languageCodeOf(item) ?? item))];
}

/** ["ar", "fr"] -> "Arabic, French" in the reader's language (the Arabic comma in Arabic and Persian). */
export function namesOfLanguages(codes: readonly string[], locale: string): string {
  const comma = locale === 'ar' || locale === 'fa' ? '\u060C ' : ', ';
  return codes.map((code) => languageLabel(code, locale)).join(comma);
}

/** Every language as a choice, named in the reader's language and in its order. */
export function languageChoices(locale: string): { code: string; name: string }[] {
  return ISO_639_1.map((code) => ({ code, name: languageLabel(code, locale) })).sort((a, b) =>
    a.name.localeCompare(b.name, locale),
  );
}
