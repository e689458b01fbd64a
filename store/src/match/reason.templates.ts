import { countryLabel, languageLabel, vocabularyLabel, type UiLanguage } from '@skillway/core';

/**
 * The sentences of /match reasons in every UI language. Names come from elsewhere: categories and
 * audiences from core's vocabulary labels, countries and languages from Intl.DisplayNames, ISCO
 * groups from isco_group_label (English where a language has none).
 *
 * Languages that inflect nouns after a preposition (hu, sk, sl, uk, and fr/it for country names,
 * which take different articles) use "Label: value" forms, so a name never needs a case ending
 * we cannot produce.
 */
export interface ReasonTemplates {
  /** the listing names the person's own group */
  occupationExact(person: string): string;
  /** the person's group is inside the group the listing names (the issue's own example) */
  occupationWithin(person: string, listing: string): string;
  /** the listing names a group inside the broad group the person gave */
  occupationInside(listing: string, person: string): string;
  /** both groups sit in `shared` */
  occupationSibling(listing: string, person: string, shared: string): string;
  occupationOpen: string;
  skill(tag: string): string;
  category(category: string): string;
  /** `code` for the few names that need an article ("the Netherlands", "el Reino Unido") */
  country(country: string, code: string): string;
  euWide: string;
  language(language: string): string;
  audience(audience: string): string;
  textWords(words: string): string;
  text: string;
  /** whether language names are written in lower case inside a sentence */
  lowerCaseLanguages: boolean;
}

function lower(name: string, lang: string): string {
  return name.charAt(0).toLocaleLowerCase(lang) + name.slice(1);
}

export const REASON_TEMPLATES: Record<UiLanguage, ReasonTemplates> = {
  en: {
    occupationExact: (p) => `Specifically for ${p}`,
    occupationWithin: (p, l) => `${p} is within ${l}`,
    occupationInside: (l, p) => `For ${l}, which is within ${p}`,
    occupationSibling: (l, p, s) => `For ${l}: like ${p}, within ${s}`,
    occupationOpen: 'Open to all occupations',
    skill: (t) => `Covers your skill: ${t}`,
    category: (c) => `Offers: ${c}`,
    country: (c, code) => `Offered in ${code === 'NL' || code === 'GB' ? 'the ' : ''}${c}`,
    euWide: 'Available across the EU',
    language: (l) => `Offered in ${l}`,
    audience: (a) => `For ${lower(a, 'en')}`,
    textWords: (w) => `Matches your words: ${w}`,
    text: 'Matches your description',
    lowerCaseLanguages: false,
  },
  nl: {
    occupationExact: (p) => `Speciaal voor ${p}`,
    occupationWithin: (p, l) => `${p} valt onder ${l}`,
    occupationInside: (l, p) => `Voor ${l}, dat valt onder ${p}`,
    occupationSibling: (l, p, s) => `Voor ${l}: net als ${p} onderdeel van ${s}`,
    occupationOpen: 'Voor alle beroepen',
    skill: (t) => `Past bij je vaardigheid: ${t}`,
    category: (c) => `Biedt: ${c}`,
    country: (c, code) => `Aangeboden in ${code === 'GB' ? 'het ' : ''}${c}`,
    euWide: 'Beschikbaar in de hele EU',
    language: (l) => `Aangeboden in het ${l}`,
    audience: (a) => `Voor ${lower(a, 'nl')}`,
    textWords: (w) => `Komt overeen met je woorden: ${w}`,
    text: 'Past bij je beschrijving',
    lowerCaseLanguages: false,
  },
  fr: {
    occupationExact: (p) => `Spécialement pour : ${p}`,
    occupationWithin: (p, l) => `${p} fait partie du groupe ${l}`,
    occupationInside: (l, p) => `Pour : ${l}, qui fait partie du groupe ${p}`,
    occupationSibling: (l, p, s) => `Pour : ${l} ; comme ${p}, fait partie du groupe ${s}`,
    occupationOpen: 'Ouvert à toutes les professions',
    skill: (t) => `Correspond à votre compétence : ${t}`,
    category: (c) => `Propose : ${c}`,
    country: (c) => `Pays : ${c}`,
    euWide: 'Disponible dans toute l’UE',
    language: (l) => `Proposé en ${l}`,
    audience: (a) => `Public : ${a}`,
    textWords: (w) => `Correspond à vos mots : ${w}`,
    text: 'Correspond à votre description',
    lowerCaseLanguages: true,
  },
  hu: {
    occupationExact: (p) => `Kifejezetten ennek a foglalkozásnak: ${p}`,
    occupationWithin: (p, l) => `${p} – ebbe a csoportba tartozik: ${l}`,
    occupationInside: (l, p) => `Ennek szól: ${l} – ebbe a csoportba tartozik: ${p}`,
    occupationSibling: (l, p, s) => `Ennek szól: ${l}; ${p} is ide tartozik: ${s}`,
    occupationOpen: 'Minden foglalkozásnak szól',
    skill: (t) => `Megfelel a készségednek: ${t}`,
    category: (c) => `Szolgáltatás: ${c}`,
    country: (c) => `Ország: ${c}`,
    euWide: 'Az egész EU-ban elérhető',
    language: (l) => `Nyelv: ${l}`,
    audience: (a) => `Célcsoport: ${a}`,
    textWords: (w) => `Egyezik a szavaiddal: ${w}`,
    text: 'Illik a leírásodhoz',
    lowerCaseLanguages: true,
  },
  it: {
    occupationExact: (p) => `Specifico per ${p}`,
    occupationWithin: (p, l) => `${p} rientra in ${l}`,
    occupationInside: (l, p) => `Per ${l}, che rientra in ${p}`,
    occupationSibling: (l, p, s) => `Per ${l}: come ${p}, rientra in ${s}`,
    occupationOpen: 'Aperto a tutte le professioni',
    skill: (t) => `Corrisponde alla tua competenza: ${t}`,
    category: (c) => `Offre: ${c}`,
    country: (c) => `Paese: ${c}`,
    euWide: 'Disponibile in tutta l’UE',
    language: (l) => `Offerto in ${l}`,
    audience: (a) => `Per ${lower(a, 'it')}`,
    textWords: (w) => `Corrisponde alle tue parole: ${w}`,
    text: 'Corrisponde alla tua descrizione',
    lowerCaseLanguages: true,
  },
  sk: {
    occupationExact: (p) => `Priamo pre povolanie: ${p}`,
    occupationWithin: (p, l) => `${p} patrí do skupiny ${l}`,
    occupationInside: (l, p) => `Pre skupinu ${l}, ktorá patrí do skupiny ${p}`,
    occupationSibling: (l, p, s) => `Pre skupinu ${l}; rovnako ako ${p} patrí do skupiny ${s}`,
    occupationOpen: 'Pre všetky povolania',
    skill: (t) => `Zodpovedá vašej zručnosti: ${t}`,
    category: (c) => `Ponúka: ${c}`,
    country: (c) => `Krajina: ${c}`,
    euWide: 'Dostupné v celej EÚ',
    language: (l) => `Jazyk: ${l}`,
    audience: (a) => `Pre koho: ${a}`,
    textWords: (w) => `Zodpovedá vašim slovám: ${w}`,
    text: 'Zodpovedá vášmu opisu',
    lowerCaseLanguages: true,
  },
  sl: {
    occupationExact: (p) => `Posebej za poklic: ${p}`,
    occupationWithin: (p, l) => `${p} spada v skupino ${l}`,
    occupationInside: (l, p) => `Za skupino ${l}, ki spada v skupino ${p}`,
    occupationSibling: (l, p, s) => `Za skupino ${l}; tako kot ${p} spada v skupino ${s}`,
    occupationOpen: 'Za vse poklice',
    skill: (t) => `Ustreza vaši spretnosti: ${t}`,
    category: (c) => `Ponuja: ${c}`,
    country: (c) => `Država: ${c}`,
    euWide: 'Na voljo v vsej EU',
    language: (l) => `Jezik: ${l}`,
    audience: (a) => `Za koga: ${a}`,
    textWords: (w) => `Ustreza vašim besedam: ${w}`,
    text: 'Ustreza vašemu opisu',
    lowerCaseLanguages: true,
  },
  es: {
    occupationExact: (p) => `Específico para ${p}`,
    occupationWithin: (p, l) => `${p} forma parte de ${l}`,
    occupationInside: (l, p) => `Para ${l}, que forma parte de ${p}`,
    occupationSibling: (l, p, s) => `Para ${l}: como ${p}, forma parte de ${s}`,
    occupationOpen: 'Abierto a todas las profesiones',
    skill: (t) => `Coincide con tu competencia: ${t}`,
    category: (c) => `Ofrece: ${c}`,
    country: (c, code) => `Disponible en ${code === 'GB' ? 'el ' : code === 'NL' ? 'los ' : ''}${c}`,
    euWide: 'Disponible en toda la UE',
    language: (l) => `Se ofrece en ${l}`,
    audience: (a) => `Para ${lower(a, 'es')}`,
    textWords: (w) => `Coincide con tus palabras: ${w}`,
    text: 'Coincide con tu descripción',
    lowerCaseLanguages: true,
  },
  ar: {
    occupationExact: (p) => `مخصص لهذه المهنة: ${p}`,
    occupationWithin: (p, l) => `${p} ضمن مجموعة ${l}`,
    occupationInside: (l, p) => `لمجموعة ${l}، وهي ضمن ${p}`,
    occupationSibling: (l, p, s) => `لمجموعة ${l}؛ مثل ${p} ضمن ${s}`,
    occupationOpen: 'مفتوح لجميع المهن',
    skill: (t) => `يطابق مهارتك: ${t}`,
    category: (c) => `يقدم: ${c}`,
    country: (c) => `متاح في ${c}`,
    euWide: 'متاح في جميع أنحاء الاتحاد الأوروبي',
    language: (l) => `متاح باللغة ${l}`,
    audience: (a) => `موجه إلى: ${a}`,
    textWords: (w) => `يطابق كلماتك: ${w}`,
    text: 'يطابق وصفك',
    lowerCaseLanguages: false,
  },
  fa: {
    occupationExact: (p) => `ویژهٔ این شغل: ${p}`,
    occupationWithin: (p, l) => `${p} جزو گروه ${l} است`,
    occupationInside: (l, p) => `برای گروه ${l} که جزو ${p} است`,
    occupationSibling: (l, p, s) => `برای گروه ${l}؛ مانند ${p} جزو ${s}`,
    occupationOpen: 'برای همهٔ مشاغل',
    skill: (t) => `با مهارت شما مطابقت دارد: ${t}`,
    category: (c) => `ارائه می‌دهد: ${c}`,
    country: (c) => `کشور: ${c}`,
    euWide: 'در سراسر اتحادیهٔ اروپا در دسترس است',
    language: (l) => `ارائه به زبان ${l}`,
    audience: (a) => `مخاطبان: ${a}`,
    textWords: (w) => `با کلمات شما مطابقت دارد: ${w}`,
    text: 'با توضیحات شما مطابقت دارد',
    lowerCaseLanguages: false,
  },
  uk: {
    occupationExact: (p) => `Саме для професії: ${p}`,
    occupationWithin: (p, l) => `${p} входить до групи ${l}`,
    occupationInside: (l, p) => `Для групи ${l}, що входить до групи ${p}`,
    occupationSibling: (l, p, s) => `Для групи ${l}; як і ${p}, входить до групи ${s}`,
    occupationOpen: 'Для всіх професій',
    skill: (t) => `Відповідає вашій навичці: ${t}`,
    category: (c) => `Пропонує: ${c}`,
    country: (c) => `Країна: ${c}`,
    euWide: 'Доступно в усьому ЄС',
    language: (l) => `Мова: ${l}`,
    audience: (a) => `Для кого: ${a}`,
    textWords: (w) => `Відповідає вашим словам: ${w}`,
    text: 'Відповідає вашому опису',
    lowerCaseLanguages: true,
  },
};

export function reasonTemplates(lang: UiLanguage): ReasonTemplates {
  return REASON_TEMPLATES[lang] ?? REASON_TEMPLATES.en;
}

export function categoryName(category: string, lang: UiLanguage): string {
  return vocabularyLabel('categories', category as never, lang) ?? category;
}

export function audienceName(audience: string, lang: UiLanguage): string {
  return vocabularyLabel('audiences', audience as never, lang) ?? audience;
}

export function countryName(code: string, lang: UiLanguage): string {
  return countryLabel(code, lang);
}

/** "Arabic" in English, "arabe" inside a French sentence. */
export function languageName(code: string, lang: UiLanguage): string {
  const name = languageLabel(code, lang);
  return reasonTemplates(lang).lowerCaseLanguages ? lower(name, lang) : name;
}
