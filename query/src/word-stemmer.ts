import { stemmer as ukrainian } from '@orama/stemmers/ukrainian';
/**
 * A deliberately crude, language-blind stemmer for matching people's words to taxonomy labels.
 *
 * We rarely know the language of a person's text (the UI language says little about it), so one set
 * of suffix rules covers all the label languages at once. It does not need to be linguistically right,
 * only consistent: labels and queries go through the same function, so "enfermera", "enfermero" and
 * "enfermeras" all become "enfermer", "ápolók" and "ápoló" both become "apol", and "nurse", "nurses"
 * and "nursing" all become "nurs". Stripping repeats until nothing changes, which keeps chains such as
 * "orvosok" -> "orvos" -> "orvo" and "orvos" -> "orvo" in step.
 *
 * Input is expected to be folded already (foldText: lower case, no diacritics).
 */

interface SuffixRule {
  suffix: string;
  /** what replaces the suffix (French feminine forms map back to the masculine) */
  replacement?: string;
  /** shortest stem the rule may leave; short words carry too much meaning to cut */
  minStem?: number;
}

const DEFAULT_MIN_STEM = 4;

/** Longest suffix first; the first rule that applies wins in each round. */
const LATIN_RULES: readonly SuffixRule[] = [
  { suffix: 'kent' }, // hu "ápolóként" (as a nurse)
  { suffix: 'enne', replacement: 'en' }, // fr pharmacienne -> pharmacien
  { suffix: 'euse', replacement: 'eur' }, // fr serveuse -> serveur
  { suffix: 'trice', replacement: 'teur' }, // fr directrice -> directeur
  { suffix: 'ing' }, // en nursing, teaching, cooking
  { suffix: 'ica' }, // sl učiteljica -> učitelj, zdravnica
  { suffix: 'ka' }, // sk učiteľka -> učiteľ, kuchárka
  { suffix: 'es' }, // en nurses, es profesores, fr infirmières
  { suffix: 'en' }, // nl verpleegkundigen, apothekers' plural in -en
  { suffix: 'ok' }, // hu plural: orvosok, tanárok, ápolók
  { suffix: 'ek' }, // hu plural: gyógyszerészek
  { suffix: 'ak' }, // hu plural: szakácsok is -ok, but -ak is common too
  { suffix: 's', minStem: 3 }, // en/nl/es/fr plural; nl koks -> kok
  { suffix: 'a' }, // es/it/sk/sl feminine: enfermera, infermiera
  { suffix: 'o' }, // es/it masculine: enfermero, medico
  { suffix: 'e' }, // en nurse, it infermiere, nl verpleegkundige, fr infirmière
  { suffix: 'i' }, // it plural: infermieri, farmacisti
  { suffix: 'y' }, // sk plural: sestry
];

function stripOnce(word: string): string {
  for (const rule of LATIN_RULES) {
    if (!word.endsWith(rule.suffix)) continue;
    const stem = word.slice(0, word.length - rule.suffix.length) + (rule.replacement ?? '');
    if (stem.length >= (rule.minStem ?? DEFAULT_MIN_STEM)) return stem;
  }
  return word;
}

const ARABIC_LETTER = /[\u0600-\u06ff]/;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const ARABIC_PREFIXES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال'];
const ARABIC_SUFFIXES = ['ات', 'ون', 'ين', 'ة', 'ه'];

/** Light Arabic stemming: the article and the commonest plural/feminine endings. */
function stemArabic(word: string): string {
  let stem = word.replace(/ى/g, 'ي').replace(/ـ/g, '');
  for (const prefix of ARABIC_PREFIXES) {
    if (stem.startsWith(prefix) && stem.length - prefix.length >= 3) {
      stem = stem.slice(prefix.length);
      break;
    }
  }
  for (const suffix of ARABIC_SUFFIXES) {
    if (stem.endsWith(suffix) && stem.length - suffix.length >= 3) {
      stem = stem.slice(0, stem.length - suffix.length);
      break;
    }
  }
  return stem;
}

/** Stems one folded word (see the module comment). */
export function stemWord(word: string): string {
  if (ARABIC_LETTER.test(word)) return stemArabic(word);
  // Cyrillic here is Ukrainian (the only Cyrillic language we read): its Snowball stemmer meets
  // "медсестри" (of a nurse) and "медсестра" on one stem, which suffix rules for Latin letters cannot.
  if (CYRILLIC.test(word)) return ukrainian(word);
  if (/^\d+$/.test(word)) return word;
  let stem = word;
  // Three rounds is enough for plural + gender + one more (hu -ok on -os stems); a cap keeps it O(1).
  for (let round = 0; round < 3; round++) {
    const next = stripOnce(stem);
    if (next === stem) break;
    stem = next;
  }
  return stem;
}
