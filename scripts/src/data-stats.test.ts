import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { computeDataStats, dataStatsCli } from './data-stats';

const base = {
  kind: 'service',
  countries: ['BE'],
  occupations: [],
  skills: [],
  languages: [],
  cost: 'unknown',
  active: null,
  url: 'https://example.org/a',
  checked_at: '2026-11-22',
};

/** The old shape (phone/email/address strings) and the new one (phones/emails/locations lists). */
const oldShape = [
  { ...base, id: 'be-a', phone: '+32 2 000', address: 'Rue 1, Brussels' },
  { ...base, id: 'be-b', active: true, cost: 'free', occupations: ['2221'] },
];
const newShape = [
  {
    ...base,
    id: 'be-a',
    phones: [{ number: '+32 2 000' }],
    locations: [{ city: 'Brussels', address: 'Rue 1', latitude: 50.8, longitude: 4.3 }],
    how_to_apply: 'Call first.',
    checked_at: '2026-12-06',
  },
  {
    ...base,
    id: 'be-b',
    countries: ['BE', 'NL'],
    url: 'https://example.org/b',
    emails: [{ address: 'x@example.org' }],
    locations: [{ city: 'Ghent' }],
    eligibility: { statuses: [], note: '' },
    skills: ['Dutch'],
  },
];

const dir = mkdtempSync(join(tmpdir(), 'data-stats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('computeDataStats', () => {
  it('counts the old record shape', () => {
    const s = computeDataStats(oldShape);
    expect(s).toMatchObject({
      records: 2,
      statusKnown: 1,
      costKnown: 1,
      withPhone: 1,
      withEmail: 0,
      withContacts: 1,
      withAddress: 1,
      withOccupations: 1,
      withSkills: 0,
      sharedUrls: 1,
      recordsSharingUrl: 2,
    });
    expect(s.countries).toEqual({ BE: 2 });
  });

  it('counts the new shape; a city alone is not an address and empty texts are unknown', () => {
    const s = computeDataStats(newShape);
    expect(s).toMatchObject({
      withPhone: 1,
      withEmail: 1,
      withContacts: 2,
      withAddress: 1,
      withCoordinates: 1,
      withHowToApply: 1,
      withEligibility: 0,
      withSkills: 1,
      sharedUrls: 0,
    });
    expect(s.countries).toEqual({ BE: 2, NL: 1 });
    expect(s.checkedAt).toEqual({ '2026-11-22': 1, '2026-12-06': 1 });
  });
});

describe('dataStatsCli', () => {
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) } };
  const before = join(dir, 'before.json');
  const after = join(dir, 'after.json');
  writeFileSync(before, JSON.stringify(oldShape));
  writeFileSync(after, JSON.stringify(newShape));

  it('prints a before/after table', () => {
    out.length = 0;
    expect(dataStatsCli(['--file', after, '--before', before], io)).toBe(0);
    const text = out.join('');
    expect(text).toContain('| count | before | after |');
    expect(text).toContain('| with coordinates | 0 | 1 |');
    expect(text).toContain('| country NL | 0 | 1 |');
  });

  it('prints JSON', () => {
    out.length = 0;
    expect(dataStatsCli(['--file', after, '--json'], io)).toBe(0);
    expect(JSON.parse(out.join('')).records).toBe(2);
  });

  it('says what is wrong with a missing file or a bad flag', () => {
    err.length = 0;
    expect(dataStatsCli(['--file', join(dir, 'nope.json')], io)).toBe(1);
    expect(err.join('')).toContain('nope.json');
    expect(dataStatsCli(['--wat'], io)).toBe(2);
  });
});
