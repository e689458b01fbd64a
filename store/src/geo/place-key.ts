import { foldText } from '@skillway/core';

const ASCII = /^[\x20-\x7e]*$/;
const ARABIC_VARIANTS: Record<string, string> = { ک: 'ك', ی: 'ي', ى: 'ي', ة: 'ه' };

/**
 * The key a place name is looked up by, for the gazetteer and for what people type: case, accents,
 * punctuation and spacing folded away ("Košice", "KOSICE ", "kosice" are one key; "'s-Gravenhage" is
 * "s gravenhage"). Arabic and Persian spellings of one letter are one letter (ك/ک, ي/ی/ى, ة/ه), so a
 * Persian keyboard finds the Arabic-script names GeoNames has and the other way round.
 * Plain ASCII (most of the gazetteer's 78,000 names) skips Unicode folding: the gazetteer loads faster.
 */
export function placeKey(text: string): string {
  const folded = ASCII.test(text) ? text.toLowerCase() : foldText(text).replace(/[کیىة]/g, (c) => ARABIC_VARIANTS[c]!);
  return folded.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
