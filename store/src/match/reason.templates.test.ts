import { describe, expect, it } from 'vitest';
import { UI_LANGUAGES } from '@skillway/core';
import { countryName, languageName, REASON_TEMPLATES, reasonTemplates } from './reason.templates';

describe('reason templates', () => {
  it.each(UI_LANGUAGES.map((lang) => [lang]))('has every sentence in %s, with every value in it', (lang) => {
    const t = reasonTemplates(lang);
    const sentences = [
      [t.occupationExact('«P»'), ['«P»']],
      [t.occupationWithin('«P»', '«L»'), ['«P»', '«L»']],
      [t.occupationInside('«L»', '«P»'), ['«P»', '«L»']],
      [t.occupationSibling('«L»', '«P»', '«S»'), ['«P»', '«L»', '«S»']],
      [t.occupationOpen, []],
      [t.skill('«T»'), ['«T»']],
      [t.category('«C»'), ['«C»']],
      [t.country('«N»', 'IE'), ['«N»']],
      [t.euWide, []],
      [t.language('«G»'), ['«G»']],
      [t.audience('«A»'), []],
      [t.textWords('«W»'), ['«W»']],
      [t.text, []],
    ] as const;
    for (const [sentence, values] of sentences) {
      expect(sentence.trim().length).toBeGreaterThan(3);
      for (const value of values) expect(sentence).toContain(value);
    }
    // the English sentences are not simply reused
    if (lang !== 'en') expect(t.occupationOpen).not.toBe(REASON_TEMPLATES.en.occupationOpen);
  });

  it('reads naturally in English, including the names that take "the"', () => {
    const t = reasonTemplates('en');
    expect(t.occupationWithin('Nursing professionals (2221)', 'Health professionals (22)')).toBe(
      'Nursing professionals (2221) is within Health professionals (22)',
    );
    expect(t.country(countryName('IE', 'en'), 'IE')).toBe('Offered in Ireland');
    expect(t.country(countryName('NL', 'en'), 'NL')).toBe('Offered in the Netherlands');
    expect(t.language(languageName('ar', 'en'))).toBe('Offered in Arabic');
    expect(t.audience('Asylum seekers')).toBe('For asylum seekers');
  });

  it('writes language names in lower case where a sentence needs it', () => {
    expect(reasonTemplates('fr').language(languageName('ar', 'fr'))).toBe('Proposé en arabe');
    expect(reasonTemplates('es').language(languageName('uk', 'es'))).toBe('Se ofrece en ucraniano');
    expect(reasonTemplates('nl').language(languageName('ar', 'nl'))).toBe('Aangeboden in het Arabisch');
    expect(reasonTemplates('es').country(countryName('GB', 'es'), 'GB')).toBe('Disponible en el Reino Unido');
  });
});
