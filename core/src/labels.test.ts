import { describe, expect, it } from 'vitest';
import { COUNTRIES, UI_LANGUAGES } from './vocabularies';
import { countryLabel, languageLabel, VOCABULARY_LABELS, VOCABULARY_VALUES, vocabularyLabel } from './labels';

describe('vocabulary labels', () => {
  it('label every value of every vocabulary in every UI language, with no blanks', () => {
    for (const lang of UI_LANGUAGES) {
      for (const [vocabulary, values] of Object.entries(VOCABULARY_VALUES)) {
        const labels = VOCABULARY_LABELS[lang][vocabulary as keyof typeof VOCABULARY_VALUES] as Record<string, string>;
        expect(Object.keys(labels).sort(), `${lang}.${vocabulary}`).toEqual([...values].sort());
        for (const value of values) expect(labels[value]?.trim(), `${lang}.${vocabulary}.${value}`).toBeTruthy();
      }
    }
  });

  it('are distinct within a vocabulary, so two filters never look the same', () => {
    for (const lang of UI_LANGUAGES) {
      for (const labels of Object.values(VOCABULARY_LABELS[lang])) {
        const texts = Object.values(labels as Record<string, string>);
        expect(new Set(texts).size, lang).toBe(texts.length);
      }
    }
  });

  it('are translated, not copied from English (beyond words that are the same in that language)', () => {
    const en = VOCABULARY_LABELS.en.categories;
    for (const lang of UI_LANGUAGES.filter((l) => l !== 'en')) {
      const same = Object.entries(VOCABULARY_LABELS[lang].categories).filter(
        ([value, label]) => label === en[value as keyof typeof en],
      );
      // "Mentoring" is the usual word in Dutch, Italian and Slovak.
      expect(
        same.map(([value]) => value),
        lang,
      ).toEqual(same.length ? ['mentoring'] : []);
    }
  });

  it('fall back to English for a language the UI does not have', () => {
    expect(vocabularyLabel('categories', 'language-training', 'de')).toBe('Language courses');
    expect(vocabularyLabel('categories', 'language-training', 'fr')).toBe('Cours de langue');
    expect(vocabularyLabel('costs', 'free', 'ar')).toBe('مجاني');
  });
});

describe('country and language names', () => {
  it('name every country, EU included, in every UI language', () => {
    for (const lang of UI_LANGUAGES) {
      for (const code of COUNTRIES) expect(countryLabel(code, lang), `${lang} ${code}`).not.toBe(code);
    }
    expect(countryLabel('EU', 'en')).toBe('European Union');
    expect(countryLabel('IE', 'fr')).toBe('Irlande');
  });

  it('capitalise language names and fall back to English, then to the code', () => {
    expect(languageLabel('ku', 'fr')).toBe('Kurde');
    expect(languageLabel('ar', 'en')).toBe('Arabic');
    expect(languageLabel('ar', 'xx')).toBe('Arabic');
    expect(languageLabel('qq', 'en')).toBe('qq');
  });
});
