import { describe, expect, it } from 'vitest';
import { labelsNewWords } from './meilisearch.settings';

describe('labelsNewWords (the occupation labels a Meilisearch document carries)', () => {
  it('keeps each word once, in the label that brought it first, and drops labels with nothing new', () => {
    expect(
      labelsNewWords([
        'Nursing professionals',
        'general nurse',
        'specialist nurse',
        'Nurse', // nothing new (case does not matter)
        'nursing professionals', // nothing new
        'verpleegkundige',
        'verpleegkundige algemene gezondheidszorg',
      ]),
    ).toEqual(['Nursing professionals', 'general nurse', 'specialist', 'verpleegkundige', 'algemene gezondheidszorg']);
  });

  it('loses no word of any label, in any script, and keeps words with apostrophes or hyphens whole', () => {
    const labels = [
      'infermiere/infermiera',
      "aide-soignant d'hôpital",
      'медична сестра',
      'медсестра, медична',
      'ápoló (általános)',
    ];
    const words = (list: readonly string[]) =>
      new Set(list.flatMap((l) => l.toLowerCase().split(/[^\p{L}\p{N}\p{M}'’-]+/u)).filter(Boolean));
    expect(words(labelsNewWords(labels))).toEqual(words(labels));
    expect(labelsNewWords(labels)).toEqual([
      'infermiere infermiera',
      "aide-soignant d'hôpital",
      'медична сестра',
      'медсестра',
      'ápoló általános',
    ]);
  });

  it('gives nothing for no labels', () => {
    expect(labelsNewWords([])).toEqual([]);
  });
});
