import { describe, expect, it } from 'vitest';
import { buildSnippet, FoldedLabels, labelSnippet } from './text-snippet';

const source = {
  name: 'Refugee Doctors Programme',
  skills: 'PLAB exam\nclinical communication',
  summary:
    'A long summary that talks about many things before it comes to the point, which is that the programme helps nurses and doctors with the registration exams and then keeps going for a while after that, with more and more words that nobody will read in a snippet.',
};

describe('buildSnippet', () => {
  it('marks whole words that start with a query word, in the first field that has one', () => {
    expect(buildSnippet(source, ['doctor'])).toEqual({
      field: 'name',
      parts: [
        { text: 'Refugee ', match: false },
        { text: 'Doctors', match: true },
        { text: ' Programme', match: false },
      ],
    });
    expect(buildSnippet(source, ['plab'])?.field).toBe('skills');
    expect(buildSnippet({ ...source, occupation_labels: 'Medical doctors\nÁltalános orvosok' }, ['altalanos'])).toEqual(
      {
        field: 'occupations',
        parts: [
          { text: 'Általános', match: true },
          { text: ' orvosok', match: false },
        ],
      },
    );
  });

  it('crops a summary around the first match, with ellipses where it cut', () => {
    const snippet = buildSnippet(source, ['nurses'])!;
    expect(snippet.field).toBe('summary');
    const text = snippet.parts.map((p) => p.text).join('');
    expect(text.startsWith('…')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    expect(snippet.parts.filter((p) => p.match)).toEqual([{ text: 'nurses', match: true }]);
  });

  it('gives no snippet without words or without a match', () => {
    expect(buildSnippet(source, [])).toBeNull();
    expect(buildSnippet(source, ['zebra'])).toBeNull();
  });
});

describe('FoldedLabels', () => {
  const labels = [
    'Nursing professionals',
    'Ápolók',
    'specialist nurse',
    'Krankenpfleger',
    'nurse',
    'Office clerks',
    'Head of nursing',
  ];
  const folded = new FoldedLabels(labels);

  it('finds the first label with a word, by the rule of its place in the query (exact or prefix)', () => {
    expect(folded.firstWith(['specialist'])).toBe(2);
    expect(folded.firstWith(['nurs'])).toBe(0);
    expect(folded.firstWith(['apolok'])).toBe(1);
    expect(folded.firstWith(['Ápolók'])).toBe(1);
    expect(folded.firstWith(['of', 'krankenpfleger'])).toBe(3);
    expect(folded.firstWith(['krankenpfleger', 'of'])).toBe(3);
    expect(folded.firstWith(['of', 'zzz'])).toBe(6);
    expect(folded.firstWith(['zzz', 'of'])).toBe(5);
    expect(folded.firstWith(['teacher'])).toBe(-1);
    expect(new FoldedLabels([]).firstWith(['nurse'])).toBe(-1);
  });

  it('picks the label labelSnippet marks, for any words', () => {
    const words = ['nurse', 'of', 'apolok', 'spec', 'krankenpfleger', 'zz', 'clerk', 'head', 'x'];
    for (const a of words)
      for (const b of words) {
        const first = folded.firstWith([a, b]);
        const snippet = labelSnippet(labels, [a, b]);
        expect(first < 0 ? undefined : labelSnippet([labels[first]!], [a, b])).toEqual(snippet);
        expect(folded.snippet([a, b])).toEqual(snippet);
        expect(folded.snippet([a, b])).toEqual(snippet);
      }
  });
});
