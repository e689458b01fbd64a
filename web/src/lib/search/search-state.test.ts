import { describe, expect, it } from 'vitest';
import {
  activeFilters,
  changed,
  emptySearchState,
  parseSearchState,
  searchHref,
  searchParamsOf,
  toSearchQuery,
  withoutFilter,
} from './search-state';

const parse = (query: string) => parseSearchState(new URLSearchParams(query));

describe('parseSearchState', () => {
  it('reads repeated filters, text and page', () => {
    const { state, ignored } = parse('q=nurse&country=IE&country=NL&category=qualification-recognition&page=2');
    expect(ignored).toEqual([]);
    expect(state).toMatchObject({
      q: 'nurse',
      country: ['IE', 'NL'],
      category: ['qualification-recognition'],
      page: 2,
    });
  });

  it('drops values outside the vocabularies and says which field and why', () => {
    const { state, ignored } = parse('country=IE&country=XX&cost=cheap&page=0&occupation=nurse');
    expect(state.country).toEqual(['IE']);
    expect(state.cost).toEqual([]);
    expect(state.page).toBe(1);
    expect(ignored).toEqual([
      { field: 'country', value: 'XX', reason: 'unknown-value' },
      { field: 'cost', value: 'cheap', reason: 'unknown-value' },
      { field: 'occupation', value: 'nurse', reason: 'bad-format' },
      { field: 'page', value: '0', reason: 'bad-format' },
    ]);
  });

  it('accepts ISCO codes and ESCO URIs as occupations and removes duplicates', () => {
    const uri = 'http://data.europa.eu/esco/occupation/0a0d4e16-1a5d-4a4b-9a1d-64f1d3e5e0a1';
    const { state } = parse(`occupation=2221&occupation=${encodeURIComponent(uri)}&occupation=2221`);
    expect(state.occupation).toEqual(['2221', uri]);
  });
});

describe('links from the state', () => {
  it('round-trips through the query string and leaves defaults out', () => {
    const { state } = parse('q=nurse&country=IE&language=ar&active=any&page=3');
    expect(searchParamsOf(state).toString()).toBe('q=nurse&country=IE&language=ar&active=any&page=3');
    expect(parse(searchParamsOf(state).toString()).state).toEqual(state);
    expect(searchParamsOf(emptySearchState()).toString()).toBe('');
  });

  it('builds localized hrefs', () => {
    const { state } = parse('country=IE');
    expect(searchHref(state, 'en')).toBe('/search?country=IE');
    expect(searchHref(state, 'ar')).toBe('/ar/search?country=IE');
    expect(searchHref(emptySearchState(), 'fa')).toBe('/fa/search');
  });

  it('goes back to page 1 when a filter changes but not when the page does', () => {
    const { state } = parse('country=IE&page=4');
    expect(changed(state, { country: ['IE', 'NL'] }).page).toBe(1);
    expect(changed(state, { page: 5 }).page).toBe(5);
  });

  it('lists every active filter and removes exactly one at a time', () => {
    const { state } = parse('q=nurse&occ=nurse&country=IE&country=NL&audience=refugees&active=false');
    const filters = activeFilters(state);
    expect(filters).toEqual([
      { field: 'q', value: 'nurse' },
      { field: 'occ', value: 'nurse' },
      { field: 'country', value: 'IE' },
      { field: 'country', value: 'NL' },
      { field: 'audience', value: 'refugees' },
      { field: 'active', value: 'false' },
    ]);
    expect(withoutFilter(state, { field: 'country', value: 'IE' }).country).toEqual(['NL']);
    expect(withoutFilter(state, { field: 'q', value: 'nurse' }).q).toBe('');
    expect(withoutFilter(state, { field: 'active', value: 'false' }).active).toBe('true');
  });
});

describe('toSearchQuery', () => {
  it('asks the API only for what is set, with the resolved occupation added', () => {
    const { state } = parse('q=diploma&country=IE&page=2');
    expect(toSearchQuery(state, ['http://data.europa.eu/esco/occupation/x'], 20)).toEqual({
      q: 'diploma',
      country: ['IE'],
      occupation: ['http://data.europa.eu/esco/occupation/x'],
      page: 2,
      per_page: 20,
    });
  });
});
