import { describe, expect, it } from 'vitest';
import { languageChoices, languageCodeOf, languagesFromNames, namesOfLanguages } from './languages';

describe('languages by name', () => {
  it('reads a name in any UI language or English, or a code, as the ISO 639-1 code', () => {
    for (const [typed, code] of [
      ['Arabic', 'ar'],
      ['arabe', 'ar'],
      ['арабська', 'ar'],
      ['العربية', 'ar'],
      ['فارسی', 'fa'],
      ['Tigrinya', 'ti'],
      ['  UKRAINIAN ', 'uk'],
      ['Français', 'fr'],
      ['francais', 'fr'],
      ['NL', 'nl'],
    ]) {
      expect(languageCodeOf(typed!), typed).toBe(code);
    }
    expect(languageCodeOf('Klingonish')).toBeUndefined();
    expect(languagesFromNames('Arabic، French; arabe, Klingonish')).toEqual(['ar', 'fr', 'Klingonish']);
  });

  it('names codes in the reader’s language, with the reader’s comma', () => {
    expect(namesOfLanguages(['ar', 'fr'], 'en')).toBe('Arabic, French');
    expect(namesOfLanguages(['ar', 'fr'], 'uk')).toBe('Арабська, Французька');
    expect(namesOfLanguages(['ar', 'fr'], 'ar')).toContain('\u060C ');
    // and they read back as the same codes
    for (const locale of ['en', 'uk', 'ar', 'fa', 'hu', 'sl']) {
      expect(languagesFromNames(namesOfLanguages(['ar', 'fr', 'uk', 'ti'], locale)), locale).toEqual([
        'ar',
        'fr',
        'uk',
        'ti',
      ]);
    }
  });

  it('offers every language, sorted by its name in the reader’s language', () => {
    const choices = languageChoices('fr');
    expect(choices.length).toBeGreaterThan(180);
    expect(choices.find((c) => c.code === 'de')?.name).toBe('Allemand');
    const names = choices.map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'fr')));
  });
});
