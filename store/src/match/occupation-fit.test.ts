import { describe, expect, it } from 'vitest';
import { MATCH_WEIGHTS } from './match.weights';
import { bestRelation, occupationWeightTable, relateCodes } from './occupation-fit';

const W = MATCH_WEIGHTS.occupation;

describe('relateCodes', () => {
  it('follows the ISCO hierarchy from the person to broader listing groups', () => {
    expect(relateCodes('2221', '2221')).toMatchObject({ fit: 'exact', weight: W.exact });
    expect(relateCodes('2221', '222')).toMatchObject({ fit: 'minor', weight: W.minor, sharedCode: '222' });
    expect(relateCodes('2221', '22')).toMatchObject({ fit: 'subMajor', weight: W.subMajor, sharedCode: '22' });
    expect(relateCodes('2221', '2')).toMatchObject({ fit: 'major', weight: W.major, sharedCode: '2' });
  });

  it('ranks exact > minor > sub-major > major > open to all occupations', () => {
    expect(W.exact).toBeGreaterThan(W.minor);
    expect(W.minor).toBeGreaterThan(W.subMajor);
    expect(W.subMajor).toBeGreaterThan(W.major);
    expect(W.major).toBeGreaterThan(W.openToAll);
  });

  it('treats a listing inside the broad group the person gave as a fit below an exact one', () => {
    const inside = relateCodes('23', '2341');
    expect(inside).toMatchObject({ fit: 'within', sharedCode: '23' });
    expect(inside.weight).toBeLessThan(relateCodes('23', '23').weight);
    expect(inside.weight).toBeGreaterThan(W.openToAll);
  });

  it('keeps a doctors-only listing below general ones for a nurse, but above unrelated occupations', () => {
    expect(relateCodes('2221', '2222')).toMatchObject({ fit: 'siblingMinor', sharedCode: '222' });
    const doctors = relateCodes('2221', '2211');
    expect(doctors).toMatchObject({ fit: 'siblingSubMajor', sharedCode: '22' });
    expect(doctors.weight).toBeLessThan(W.openToAll);
    expect(doctors.weight).toBeGreaterThan(relateCodes('2221', '7411').weight);
    expect(relateCodes('2221', '2341')).toMatchObject({ fit: 'other', weight: W.other });
  });

  it('picks the best pair over several codes on both sides', () => {
    expect(bestRelation(['5120', '2221'], ['2211', '222'])).toMatchObject({
      personCode: '2221',
      listingCode: '222',
      fit: 'minor',
    });
    expect(bestRelation([], ['2221'])).toBeNull();
  });
});

describe('occupationWeightTable', () => {
  const codes = ['2', '22', '221', '2211', '222', '2221', '2222', '23', '2341', '7', '74', '7411'];

  it('groups the codes that earn points by weight, best first, and leaves unrelated ones out', () => {
    const table = occupationWeightTable(['2221'], codes);
    expect(table.map((t) => t.weight)).toEqual([...table.map((t) => t.weight)].sort((a, b) => b - a));
    const weightOf = (code: string) => table.find((t) => t.codes.includes(code))?.weight;
    expect(weightOf('2221')).toBe(W.exact);
    expect(weightOf('222')).toBe(W.minor);
    expect(weightOf('2211')).toBe(W.siblingSubMajor);
    expect(weightOf('2341')).toBeUndefined();
    expect(weightOf('7411')).toBeUndefined();
    for (const code of codes) {
      expect(weightOf(code) ?? W.other, code).toBe(bestRelation(['2221'], [code])!.weight);
    }
  });

  it('is empty when the person named no occupation', () => {
    expect(occupationWeightTable([], codes)).toEqual([]);
  });
});
