import { describe, expect, it } from 'vitest';
import { foldText } from '@skillway/core';
import { stemWord } from './word-stemmer';

const stem = (word: string) => stemWord(foldText(word));

describe('stemWord', () => {
  it.each([
    ['nursing: English', ['nurse', 'nurses', 'nursing']],
    ['nursing: Spanish gender and plural', ['enfermera', 'enfermero', 'enfermeras', 'enfermeros']],
    ['nursing: Italian', ['infermiere', 'infermiera', 'infermieri']],
    ['nursing: French', ['infirmier', 'infirmière', 'infirmiers', 'infirmières']],
    ['nursing: Dutch', ['verpleegkundige', 'verpleegkundigen']],
    ['nursing: Hungarian plural and "as a"', ['ápoló', 'ápolók', 'ápolóként']],
    ['doctors: Hungarian -ok on an -s stem', ['orvos', 'orvosok']],
    ['pharmacists', ['pharmacist', 'pharmacists']],
    ['pharmacists: Italian', ['farmacista', 'farmacisti']],
    ['teachers: Slovene feminine', ['učitelj', 'učiteljica']],
    ['cooks: Slovak feminine', ['kuchár', 'kuchárka']],
    ['cooks: Dutch plural of a short word', ['kok', 'koks']],
    ['French feminine forms', ['pharmacien', 'pharmacienne']],
    ['nurses: Arabic feminine', ['ممرض', 'ممرضة']],
  ])('gives one stem for the forms of a word (%s)', (_label, forms) => {
    const stems = new Set(forms.map(stem));
    expect([...stems], forms.join(', ')).toHaveLength(1);
  });

  it('keeps short words and numbers whole', () => {
    expect(stem('cook')).toBe('cook');
    expect(stem('care')).toBe('care');
    expect(stem('2221')).toBe('2221');
  });

  it('keeps different occupations apart', () => {
    expect(stem('nurse')).not.toBe(stem('nursery'));
    expect(stem('teacher')).not.toBe(stem('teaching'));
    expect(stem('pharmacist')).not.toBe(stem('pharmacy'));
  });

  it('meets Ukrainian case forms on one stem (Snowball): of a nurse, a nurse, as a nurse', () => {
    expect(stem('медсестри')).toBe(stem('медсестра'));
    expect(stem('медсестрою')).toBe(stem('медсестра'));
    expect(stem('лікаря')).toBe(stem('лікар'));
  });
});
