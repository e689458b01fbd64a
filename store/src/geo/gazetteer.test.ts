import { beforeAll, describe, expect, it } from 'vitest';
import { Gazetteer } from './gazetteer';

/** The packaged gazetteer (data/gazetteer/places.tsv) as the API reads it: real data, no stand-in. */
describe('gazetteer', () => {
  let places: Gazetteer;
  beforeAll(() => {
    places = Gazetteer.fromFile();
  });

  const resolved = (text: string) => {
    const r = places.resolve(text);
    return r.place ? `${r.place.name}/${r.place.country}` : `(${r.reason})`;
  };

  it('holds the directory countries and some neighbours, small enough to keep in memory', () => {
    expect(places.size).toBeGreaterThan(20_000);
    expect(places.size).toBeLessThan(40_000);
  });

  it.each([
    ['Cork', 'Cork/IE'],
    ['cork', 'Cork/IE'],
    ['CORK ', 'Cork/IE'],
    ['Corcaigh', 'Cork/IE'],
    ['Корк', 'Cork/IE'],
    ['كورك', 'Cork/IE'],
    ['کورک', 'Cork/IE'], // Persian keyboard: keheh and farsi yeh
    ['Crok', 'Cork/IE'],
    ['cork ireland', 'Cork/IE'],
    ['Cork, IE', 'Cork/IE'],
    ['Dublin 8', 'Dublin/IE'],
    ['Дублін', 'Dublin/IE'],
    ['دبلن', 'Dublin/IE'],
    ['Košice', 'Košice/SK'],
    ['Kosice', 'Košice/SK'],
    ['Bruxelles', 'Brussels/BE'],
    ['Brussel', 'Brussels/BE'],
    ['Brussels', 'Brussels/BE'],
    ['Den Haag', 'The Hague/NL'],
    ['The Hague', 'The Hague/NL'],
    ["'s-Gravenhage", 'The Hague/NL'],
    ['Glasgw', 'Glasgow/GB'],
    ['Paris', 'Paris/FR'],
  ])('"%s" is %s', (text, expected) => {
    expect(resolved(text)).toBe(expected);
  });

  it('says which name matched when it was not the main one, and when the text was a typo', () => {
    expect(places.resolve('Корк').place).toMatchObject({ name: 'Cork', matched: 'Корк', lat: 51.89797, lon: -8.47061 });
    expect(places.resolve('Den Haag').place).toMatchObject({ name: 'The Hague', matched: 'Den Haag' });
    // the spelling the reader typed: Persian keheh (ک), Arabic kaf (ك)
    expect(places.resolve('کورک').place?.matched).toBe('کورک');
    expect(places.resolve('كورك').place?.matched).toBe('كورك');
    expect(places.resolve('Cork').place?.matched).toBeUndefined();
    expect(places.resolve('Crok').match).toBe('typo');
    expect(places.resolve('Cork').match).toBe('exact');
  });

  it('answers a repeated text from its cache, the same answer', () => {
    const first = places.resolve('Glasgw');
    expect(places.resolve('Glasgw')).toBe(first);
    expect(places.resolve('Glasgw', { countries: ['IE'] })).not.toBe(first);
  });

  it('postcodes do not resolve (no packaged source) and say so', () => {
    for (const code of ['T12 X', 'T12 X8Y2', 'D08', '1012 AB', 'SW1A 1AA', '04001'])
      expect(places.resolve(code), code).toMatchObject({ reason: 'postcode', suggestions: [] });
  });

  it('nothing like a place: not found, with no made-up answer', () => {
    expect(places.resolve('Qxzvbnmw')).toMatchObject({ reason: 'not-found' });
    expect(places.resolve('   ')).toMatchObject({ reason: 'not-found', suggestions: [] });
  });

  it('suggests places as the text is typed: exact, then starting with it, then near misses', () => {
    const names = (text: string, countries?: string[]) =>
      places.suggest(text, 8, countries ? { countries } : {}).map((p) => p.name);
    expect(names('cor')).toContain('Cork');
    expect(names('cor').length).toBe(8);
    expect(names('Bratisl')[0]).toBe('Bratislava');
    expect(names('Crok')[0]).toBe('Cork');
    expect(names('Lon', ['GB'])[0]).toBe('London');
    expect(names('Cork', ['NL'])).not.toContain('Cork');
    expect(names('x')).toEqual([]);
  });

  it("finds a listing's city in its countries, exact names only", () => {
    expect(places.cityPoint('Mestre (Venice)', ['IT'])).toMatchObject({ name: 'Mestre', country: 'IT' });
    expect(places.cityPoint('Carlow', ['IE', 'NL'])).toMatchObject({ name: 'Carlow', country: 'IE' });
    expect(places.cityPoint('Carlow', ['EU'])).toMatchObject({ country: 'IE' }); // the bigger Carlow
    expect(places.cityPoint('Crok', ['IE'])).toBeUndefined();
    expect(places.cityPoint('Cork', ['NL'])).toBeUndefined();
  });
});
