import { describe, expect, it } from 'vitest';
import type { Near, Place } from '@skillway/core';
import { nearView } from './near-view';
import { emptySearchState } from './search-state';
import { whereabouts } from './card-format';

const CORK: Place = { id: '2965140', name: 'Cork', country: 'IE', lat: 51.89797, lon: -8.47061, kind: 'city' };
const COUNTRIES = { IE: 'Ireland' };
// The order as a reader gets it by default: with words, the best match first (21576d0).
const state = (near: string) => ({ ...emptySearchState(), q: 'nurse', near });

describe('nearView', () => {
  it('says where the results are near, with a link that clears it', () => {
    const view = nearView({ query: 'Cork', resolved: true, place: CORK }, state('Cork'), 'en', COUNTRIES)!;
    expect(view).toMatchObject({ place: 'Cork, Ireland', country: 'IE', notFound: false, suggestions: [] });
    expect(view.clearHref).toBe('/search?q=nurse');
  });

  it('names the place as the reader typed it, in their script and punctuation', () => {
    const near: Near = { query: 'كورك', resolved: true, place: { ...CORK, matched: 'كورك' } };
    expect(nearView(near, state('كورك'), 'ar', { IE: 'أيرلندا' })!.place).toBe('كورك، أيرلندا');
    // A country outside the directory is named by the platform.
    const paris: Place = { ...CORK, name: 'Paris', country: 'FR' };
    expect(nearView({ query: 'Paris', resolved: true, place: paris }, state('Paris'), 'en', COUNTRIES)!.place).toBe(
      'Paris, France',
    );
  });

  it('offers the place a near miss was read as, and suggestions for a place not found', () => {
    const typo = nearView({ query: 'Crok', resolved: true, place: CORK, typo: true }, state('Crok'), 'en', COUNTRIES)!;
    expect(typo).toMatchObject({ notFound: true, place: 'Cork, Ireland' });
    expect(typo.suggestions).toEqual([{ label: 'Cork, Ireland', href: '/search?q=nurse&near=Cork' }]);
    const missing = nearView(
      { query: 'Krk', resolved: false, reason: 'not-found', suggestions: [CORK] },
      state('Krk'),
      'en',
      COUNTRIES,
    )!;
    expect(missing).toMatchObject({ place: null, notFound: true, postcode: false });
    expect(missing.suggestions.map((s) => s.label)).toEqual(['Cork, Ireland']);
    const postcode = nearView({ query: 'T12 X8Y2', resolved: false, reason: 'postcode' }, state('T12 X8Y2'), 'en', {});
    expect(postcode).toMatchObject({ postcode: true, suggestions: [] });
  });

  it('is null without a place', () => {
    expect(nearView(undefined, state(''), 'en', COUNTRIES)).toBeNull();
  });
});

describe('whereabouts of a card', () => {
  const hit = { delivery: ['in-person'], countries: ['IE'] };
  it('is a distance when the listing has a point, else online, across the country or EU-wide', () => {
    expect(whereabouts({ ...hit, distance_km: 219, point: { approximate: true } }, 'IE')).toEqual({
      kind: 'distance',
      km: 219,
      approximate: true,
    });
    expect(whereabouts({ delivery: ['online'], countries: ['IE'] }, 'IE')).toEqual({ kind: 'online' });
    expect(whereabouts(hit, 'IE')).toEqual({ kind: 'across', country: 'IE' });
    expect(whereabouts({ delivery: ['in-person'], countries: ['EU'] }, 'IE')).toEqual({ kind: 'eu-wide' });
    expect(whereabouts({ delivery: ['in-person'], countries: ['NL'] }, 'IE')).toBeNull();
  });
});
