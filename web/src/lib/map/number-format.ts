/**
 * Number formats by language, made once: building an Intl.NumberFormat costs more than drawing a map's
 * markers. The map, its text alternative and the pages that number places beside it share these, so
 * a number reads the same everywhere (Persian digits in fa, as the reader's list has them).
 */
const formats = new Map<string, Intl.NumberFormat>();

export function numberFormat(locale: string, unit?: 'kilometer'): Intl.NumberFormat {
  const key = `${locale}|${unit ?? ''}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, unit && { style: 'unit', unit });
    formats.set(key, format);
  }
  return format;
}
