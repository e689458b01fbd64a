import { describe, expect, it } from 'vitest';
import { MARK_END as E, MARK_START as S, markedToParts } from './snippet-marks';

describe('markedToParts', () => {
  it('splits marked text into flagged segments', () => {
    expect(markedToParts(`a ${S}nurse${E} and ${S}midwife${E}`)).toEqual([
      { text: 'a ', match: false },
      { text: 'nurse', match: true },
      { text: ' and ', match: false },
      { text: 'midwife', match: true },
    ]);
  });

  it('extends a match that stops inside a word to the whole word', () => {
    expect(markedToParts(`${S}Nursi${E}ng and Midwifery`)).toEqual([
      { text: 'Nursing', match: true },
      { text: ' and Midwifery', match: false },
    ]);
    expect(markedToParts(`${S}ápo${E}lók`)).toEqual([{ text: 'ápolók', match: true }]);
    expect(markedToParts(`${S}a${E}b${S}c${E}d e`)).toEqual([
      { text: 'abcd', match: true },
      { text: ' e', match: false },
    ]);
  });

  it('keeps text without markers as one plain segment, and empty text as none', () => {
    expect(markedToParts('plain <b>text</b>')).toEqual([{ text: 'plain <b>text</b>', match: false }]);
    expect(markedToParts('')).toEqual([]);
  });
});
