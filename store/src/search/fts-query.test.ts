import { describe, expect, it } from 'vitest';
import { ftsPhraseQuery, ftsWordQuery, searchableWords, wordMatchRule } from './fts-query';
import { queryWords } from './search-fields';

describe('FTS5 queries from query words', () => {
  it('quotes every form, so operators and punctuation are only text', () => {
    const words = searchableWords(queryWords('NEAR(nurse) AND "x" OR -y:z ^a *'));
    expect(words).toEqual(['near', 'nurse', 'and', 'x', 'or', 'y', 'z', 'a']);
    const query = words.map((_, i) => ftsWordQuery(words, i)).join(' ');
    expect(query).toBe('"near"* ("nurse"* OR "nurs"*) "and"* "x" "or" "y" "z" "a"');
  });

  it('prefixes words of 3+ letters, a 2-letter word only when last, a single letter never', () => {
    expect(wordMatchRule('of', false)).toEqual({ exact: ['of'], prefixes: [] });
    expect(wordMatchRule('of', true)).toEqual({ exact: [], prefixes: ['of'] });
    expect(wordMatchRule('a', true)).toEqual({ exact: ['a'], prefixes: [] });
    expect(wordMatchRule('enfermera', false)).toEqual({ exact: [], prefixes: ['enfermera', 'enfermer'] });
  });

  it('asks for a word as typed too when folding changes it beyond accents', () => {
    expect(ftsWordQuery(['straße'], 0)).toBe('("strasse"* OR "strass"* OR "straße"*)');
  });

  it('drops words with nothing FTS5 would index, and builds a phrase only from two words up', () => {
    expect(searchableWords(['\u0301', 'nurse'])).toEqual(['nurse']);
    expect(ftsPhraseQuery(['nurse'])).toBeUndefined();
    expect(ftsPhraseQuery(['language', 'courses'])).toBe('"language courses"*');
  });
});
