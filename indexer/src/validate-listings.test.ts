import { describe, expect, it } from 'vitest';
import { fixtureListing, fixtureListings, fixtureTaxonomy, NURSE_URI } from './test-fixtures';
import { formatListingProblem, indexTaxonomy, validateListings } from './validate-listings';

const taxonomy = indexTaxonomy(fixtureTaxonomy());
const FILE = 'data/listings.json';

/** The lines the indexer would print for these records. */
function lines(records: unknown[]): string[] {
  return validateListings(records, taxonomy).problems.map((p) => formatListingProblem(FILE, p));
}

/** The fixture with record 2 (ie-org-service) replaced. */
function withSecond(record: unknown): unknown[] {
  const records: unknown[] = fixtureListings();
  records[1] = record;
  return records;
}

describe('validateListings', () => {
  it('accepts the fixture and returns its records', () => {
    const result = validateListings(fixtureListings(), taxonomy);
    expect(result.problems).toEqual([]);
    expect(result.records).toHaveLength(4);
  });

  it('reports a wrong enum value in the agreed form', () => {
    const bad = { ...fixtureListings()[1], audiences: ['refugees', 'refugee'] };
    expect(lines(withSecond(bad))).toEqual([
      'data/listings.json: record 2 (ie-org-service): audiences[1] "refugee" is not one of refugees, asylum-seekers, employers, service-providers',
    ]);
  });

  it('reports a missing required field, a wrong type and a malformed URL', () => {
    const { summary: _summary, ...rest } = fixtureListings()[1]!;
    expect(lines(withSecond({ ...rest, name: 42, url: 'www.example.org/page' }))).toEqual([
      'data/listings.json: record 2 (ie-org-service): summary is required',
      'data/listings.json: record 2 (ie-org-service): name must be string, not a number 42',
      'data/listings.json: record 2 (ie-org-service): url "www.example.org/page" is not well-formed',
    ]);
  });

  it('reports an unknown field and a record that is not an object', () => {
    const records: unknown[] = [
      ...fixtureListings(),
      'ie-stray-string',
      { ...fixtureListing('ie-extra'), colour: 'red' },
    ];
    expect(lines(records)).toEqual([
      'data/listings.json: record 5 (no id): must be object, not a string "ie-stray-string"',
      'data/listings.json: record 6 (ie-extra): colour is not a known field',
    ]);
  });

  it('reports a dangling organisation reference, one to a non-organisation, and one on an organisation', () => {
    const records = [
      ...fixtureListings(),
      fixtureListing('ie-orphan', { organisation: 'ie-nobody' }),
      fixtureListing('ie-child', { organisation: 'ie-org-service' }),
      fixtureListing('ie-org-2', { kind: 'organisation', organisation: 'ie-org' }),
    ];
    expect(lines(records)).toEqual([
      'data/listings.json: record 5 (ie-orphan): organisation "ie-nobody" is not the id of any record',
      'data/listings.json: record 6 (ie-child): organisation "ie-org-service" is record 2, a service, not an organisation',
      'data/listings.json: record 7 (ie-org-2): organisation must be null on an organisation, not "ie-org"',
    ]);
  });

  it('reports a duplicate id at every repeat, naming the first', () => {
    const records = [...fixtureListings(), fixtureListing('ie-org'), fixtureListing('ie-org')];
    expect(lines(records)).toEqual([
      'data/listings.json: record 5 (ie-org): id "ie-org" is already the id of record 1',
      'data/listings.json: record 6 (ie-org): id "ie-org" is already the id of record 1',
    ]);
  });

  it('reports an id that does not start with the first country (EU-wide ids may start with eu-)', () => {
    const records = [
      ...fixtureListings(),
      fixtureListing('be-in-ireland', { countries: ['IE', 'BE'] }),
      fixtureListing('eu-irish-and-dutch', { countries: ['IE', 'NL'] }),
      fixtureListing('gb-uk-service', { countries: ['GB'] }),
    ];
    expect(lines(records)).toEqual([
      'data/listings.json: record 5 (be-in-ireland): id "be-in-ireland" must start with "ie-" (its first country) or "eu-"',
    ]);
  });

  it('reports ISCO codes and ESCO URIs that are not in the taxonomy', () => {
    const unknownOccupation = 'http://data.europa.eu/esco/occupation/99999999-9999-9999-9999-999999999999';
    const unknownSkill = 'http://data.europa.eu/esco/skill/99999999-9999-9999-9999-999999999999';
    const records = [
      ...fixtureListings(),
      fixtureListing('ie-jobs', {
        occupations: ['2221', '9999', NURSE_URI, unknownOccupation],
        skills: ['cooking', unknownSkill],
      }),
    ];
    expect(lines(records)).toEqual([
      'data/listings.json: record 5 (ie-jobs): occupations[1] "9999" is not an ISCO-08 group in the taxonomy',
      `data/listings.json: record 5 (ie-jobs): occupations[3] "${unknownOccupation}" is not an ESCO occupation in the taxonomy`,
      `data/listings.json: record 5 (ie-jobs): skills[1] "${unknownSkill}" is not an ESCO skill in the taxonomy`,
    ]);
  });

  it('reports every bad record, in file order, and returns no records to write', () => {
    const records: unknown[] = [
      { ...fixtureListing('ie-a'), cost: 'cheap' },
      ...fixtureListings(),
      { ...fixtureListing('nl-b'), delivery: [] },
      { ...fixtureListing('es-c'), languages: ['EN'] },
    ];
    const result = validateListings(records, taxonomy);
    expect(result.records).toEqual([]);
    expect(result.problems.map((p) => [p.position, p.id, p.field])).toEqual([
      [1, 'ie-a', 'cost'],
      [6, 'nl-b', 'delivery'],
      [7, 'es-c', 'languages[0]'],
    ]);
  });
});
