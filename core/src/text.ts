/**
 * Text folding shared by both search engines, the taxonomy autocomplete and the matcher, so that
 * "ápoló", "Ápoló" and "apolo" meet on the same key everywhere.
 */
export function foldText(input: string): string {
  return input
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[æ]/g, 'ae')
    .replace(/[œ]/g, 'oe')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .replace(/đ/g, 'd');
}

/** Splits folded text into word tokens (letters and digits of any script). */
export function tokenize(input: string): string[] {
  return foldText(input).match(/[\p{L}\p{N}]+/gu) ?? [];
}
