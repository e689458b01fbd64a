import { describe, expect, it } from 'vitest';
import {
  activeFilters,
  changed,
  emptySearchState,
  parseSearchState,
  readableComponent,
  withNear,
  withoutNear,
  readableQuery,
  searchHref,
  searchParamsOf,
  toSearchQuery,
  withIgnored,
  withoutFilter,
  withoutIgnored,
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
    expect(toSearchQuery(state, ['http://data.europa.eu/esco/occupation/x'], 20, 'en')).toEqual({
      lang: 'en',
      q: 'diploma',
      country: ['IE'],
      occupation: ['http://data.europa.eu/esco/occupation/x'],
      page: 2,
      per_page: 20,
    });
  });
});

describe('understood concepts taken back (ignore)', () => {
  it('reads them from the URL, keeps their order, drops duplicates and malformed ones', () => {
    const { state, ignored } = parse(
      'q=nurse+in+Ireland&ignore=country:IE&ignore=need:qualification-recognition&ignore=country:IE&ignore=Ireland',
    );
    expect(state.ignore).toEqual(['country:IE', 'need:qualification-recognition']);
    expect(ignored).toEqual([{ field: 'ignore', value: 'Ireland', reason: 'bad-format' }]);
  });

  it('keeps at most as many as the API takes', () => {
    const query = Array.from({ length: 25 }, (_, i) => `ignore=skill:s${i}`).join('&');
    expect(parse(`q=x&${query}`).state.ignore).toHaveLength(20);
  });

  it('are kept in every link the page builds: pages, filters, other chips', () => {
    const { state } = parse('q=nurse+in+Ireland&ignore=country:IE&category=qualification-recognition&page=2');
    expect(searchParamsOf(state).getAll('ignore')).toEqual(['country:IE']);
    expect(searchHref(changed(state, { page: 3 }), 'uk')).toBe(
      '/uk/search?q=nurse+in+Ireland&category=qualification-recognition&ignore=country%3AIE&page=3',
    );
    const withoutCategory = withoutFilter(state, { field: 'category', value: 'qualification-recognition' });
    expect(withoutCategory.ignore).toEqual(['country:IE']);
    expect(parse(searchParamsOf(state).toString()).state).toEqual(state);
  });

  it('a chip remove link adds one, keeps every other parameter and goes back to page 1', () => {
    const { state } = parse('q=nurse+in+Ireland&audience=refugees&language=ar&active=any&sort=name&page=4');
    const next = withIgnored(state, 'country:IE');
    expect(next).toEqual({ ...state, ignore: ['country:IE'], page: 1 });
    expect(searchHref(next, 'ar')).toBe(
      '/ar/search?q=nurse+in+Ireland&audience=refugees&language=ar&ignore=country%3AIE&active=any&sort=name',
    );
    // Twice the same is once; a second concept is added after the first.
    expect(withIgnored(next, 'country:IE').ignore).toEqual(['country:IE']);
    expect(withIgnored(next, 'occupation:2221').ignore).toEqual(['country:IE', 'occupation:2221']);
    // Something that is no concept key changes nothing but the page.
    expect(withIgnored(state, 'no key').ignore).toEqual([]);
  });

  it('can be applied again, and go with the words they were read from', () => {
    const { state } = parse('q=nurse+in+Ireland&ignore=country:IE&ignore=occupation:2221&country=NL');
    expect(withoutIgnored(state, 'country:IE').ignore).toEqual(['occupation:2221']);
    expect(withoutFilter(state, { field: 'q', value: state.q })).toMatchObject({ q: '', ignore: [], country: ['NL'] });
    expect(searchHref(emptySearchState(), 'en')).toBe('/search');
  });

  it('belong to the words they were read from: the form sends those words, new words drop them', () => {
    // A filter changed through the form: same words, the concepts stay taken back.
    const same = parse('q=nurse+in+Ireland&cost=free&ignore=country:IE&ignore_q=nurse+in+Ireland');
    expect(same.state.ignore).toEqual(['country:IE']);
    expect(same.ignored).toEqual([]);
    // New words typed into the same form: read afresh.
    expect(parse('q=teacher+in+Ireland&ignore=country:IE&ignore_q=nurse+in+Ireland').state.ignore).toEqual([]);
    // Never written back into links.
    expect(searchParamsOf(same.state).has('ignore_q')).toBe(false);
  });

  it('are no active filter: no chip of their own, only in the URL', () => {
    const { state } = parse('q=nurse&ignore=country:IE');
    expect(activeFilters(state)).toEqual([{ field: 'q', value: 'nurse' }]);
  });

  it("are sent to the API with the words, with the reader's language", () => {
    const { state } = parse('q=nurse+in+Ireland&ignore=country:IE');
    expect(toSearchQuery(state, [], 20, 'fa')).toEqual({
      lang: 'fa',
      q: 'nurse in Ireland',
      ignore: ['country:IE'],
      page: 1,
      per_page: 20,
    });
    // Without words there is nothing to ignore.
    expect(toSearchQuery(parse('ignore=country:IE&country=IE').state, [], 20, 'en')).toEqual({
      lang: 'en',
      country: ['IE'],
      page: 1,
      per_page: 20,
    });
  });
});

describe('readable links', () => {
  it('leaves letters beyond ASCII as they are and escapes what a query value must', () => {
    expect(readableComponent('أنا ممرضة & co=1+2#x%')).toBe('أنا%20ممرضة%20%26%20co%3D1%2B2%23x%25');
    expect(readableQuery(new URLSearchParams({ q: 'Корк nurse', country: 'IE' }))).toBe('q=Корк+nurse&country=IE');
    // What the server reads back is the same either way.
    expect(new URLSearchParams(readableQuery(new URLSearchParams({ q: 'a+b & ü' }))).get('q')).toBe('a+b & ü');
  });

  it('keeps the letters readable in search links too', () => {
    expect(searchHref({ ...emptySearchState(), q: 'كورك' }, 'ar')).toBe('/ar/search?q=كورك');
  });
});

describe('a place to be near', () => {
  it('reads near, orders nearest first by default without words and keeps the address short', () => {
    const { state } = parse('near=%20Cork%20%20city%20');
    expect(state).toMatchObject({ near: 'Cork city', sort: 'distance' });
    expect(searchParamsOf(state).toString()).toBe('near=Cork+city');
    expect(toSearchQuery(state, [], 20, 'en')).toMatchObject({ near: 'Cork city' });
    expect(toSearchQuery(state, [], 20, 'en')).not.toHaveProperty('sort');
  });

  it('keeps the best match first with words and a place, and nearest first when chosen', () => {
    const { state } = parse('q=nurse&near=Cork');
    expect(state.sort).toBe('relevance');
    expect(searchParamsOf(state).toString()).toBe('q=nurse&near=Cork');
    expect(toSearchQuery(state, [], 20, 'en')).not.toHaveProperty('sort');
    const nearest = parse('q=nurse&near=Cork&sort=distance').state;
    expect(nearest.sort).toBe('distance');
    expect(searchParamsOf(nearest).toString()).toBe('q=nurse&near=Cork&sort=distance');
    expect(toSearchQuery(nearest, [], 20, 'en').sort).toBe('distance');
  });

  it('keeps another order chosen with a place, and refuses nearest first without one', () => {
    const chosen = parse('near=Cork&sort=relevance').state;
    expect(searchParamsOf(chosen).toString()).toBe('near=Cork&sort=relevance');
    expect(toSearchQuery(chosen, [], 20, 'en').sort).toBe('relevance');
    const { state, ignored } = parse('q=nurse&sort=distance');
    expect(state.sort).toBe('relevance');
    expect(ignored).toEqual([{ field: 'sort', value: 'distance', reason: 'unknown-value' }]);
  });

  it('drops a place too long to be one, and says so', () => {
    const { state, ignored } = parse(`near=${'x'.repeat(101)}`);
    expect(state.near).toBe('');
    expect(ignored[0]).toMatchObject({ field: 'near', reason: 'too-long' });
  });

  it('clears the place, or changes it to a suggestion', () => {
    const { state } = parse('q=nurse&near=Crok&page=2');
    expect(searchParamsOf(withoutNear(state)).toString()).toBe('q=nurse');
    expect(searchParamsOf(withNear(state, 'Cork')).toString()).toBe('q=nurse&near=Cork');
    const nearest = parse('q=nurse&near=Crok&sort=distance').state;
    expect(searchParamsOf(withNear(nearest, 'Cork')).toString()).toBe('q=nurse&near=Cork&sort=distance');
    expect(searchParamsOf(withNear(parse('near=Crok').state, 'Cork')).toString()).toBe('near=Cork');
  });
});
