import { describe, expect, it } from 'vitest';
import { ListingRecordSchema } from './listing.schema';
import fc from 'fast-check';
import { compileValidator, pointerToField, show } from './validation';
import { foldText, tokenize } from './text';

const valid = {
  id: 'ie-example-service',
  kind: 'service',
  name: 'Example service',
  organisation: null,
  countries: ['IE'],
  city: null,
  summary: 'Helps refugees get their qualifications recognised.',
  categories: ['qualification-recognition'],
  audiences: ['refugees'],
  occupations: ['2221', 'http://data.europa.eu/esco/occupation/f2cc5978-e45c-4f28-b859-7f89221b0505'],
  skills: ['nursing'],
  languages: ['en'],
  cost: 'free',
  delivery: ['online'],
  url: 'https://example.org/service',
  source_url: 'https://example.org/source',
  active: true,
};

describe('listing validation', () => {
  const check = compileValidator(ListingRecordSchema);

  it('accepts a valid record', () => {
    expect(check.errors(valid)).toEqual([]);
  });

  it('names the field, the value and the allowed values of a wrong enum', () => {
    expect(check.errors({ ...valid, audiences: ['refugees', 'refugee'] })).toEqual([
      {
        field: 'audiences[1]',
        reason: '"refugee" is not one of refugees, asylum-seekers, employers, service-providers',
      },
    ]);
  });

  it('reports every problem of a record, not just the first', () => {
    const { name: _name, ...withoutName } = valid;
    const errors = check.errors({ ...withoutName, url: 'not a url', active: 'yes', extra: 1 });
    expect(errors.map((e) => e.field).sort()).toEqual(['active', 'extra', 'name', 'url']);
    expect(errors.find((e) => e.field === 'name')?.reason).toBe('is required');
    expect(errors.find((e) => e.field === 'extra')?.reason).toBe('is not a known field');
  });

  it('collapses a union into one readable reason', () => {
    expect(check.errors({ ...valid, occupations: ['nurse'] })).toEqual([
      { field: 'occupations[0]', reason: '"nurse" is not an ISCO-08 code or an ESCO occupation URI' },
    ]);
  });

  it('maps JSON pointers to field paths', () => {
    expect(pointerToField('/a/0/b')).toBe('a[0].b');
    expect(pointerToField('')).toBe('');
  });
});

describe('text folding', () => {
  it('folds case and diacritics in Latin, Greek and Arabic scripts', () => {
    expect(foldText('Ápoló')).toBe('apolo');
    expect(foldText('ENFERMERÍA')).toBe('enfermeria');
    expect(tokenize('verpleegkundige, Straße!')).toEqual(['verpleegkundige', 'strasse']);
    expect(foldText('مُمَرِّض')).toBe('ممرض');
  });
});

describe('show (values quoted in validation messages)', () => {
  const cut = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}...` : text);

  it('survives a value nested far deeper than the stack allows JSON.stringify', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(show(deep)).toBe(`${'['.repeat(57)}...`);
    let object: unknown = 1;
    for (let i = 0; i < 100_000; i++) object = { a: object };
    expect(show(object)).toBe(cut('{"a":'.repeat(20)));
  });

  it('reads no further than it shows', () => {
    expect(show('x'.repeat(5_000_000))).toBe(`"${'x'.repeat(56)}...`);
    expect(show(new Array(5_000_000).fill(1))).toBe(cut(`[${new Array(40).fill(1).join(',')}`));
  });

  it('is JSON.stringify cut to 60 characters for every JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(show(value)).toBe(cut(JSON.stringify(value)));
      }),
      { seed: 16, numRuns: 2000 },
    );
    expect(show(undefined)).toBe('undefined');
  });
});
