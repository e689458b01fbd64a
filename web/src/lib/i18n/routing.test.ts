import { describe, expect, it } from 'vitest';
import { UI_LANGUAGES } from '@skillway/core';
import { localizeHref } from '$lib/paraglide/runtime';
import { languageLinks, localeOfUrl, localizePath, routePath, textDirection } from './routing';

const at = (path: string) => new URL(path, 'http://skillway.test');

describe('localeOfUrl', () => {
  it('reads the language prefix and falls back to English at the root', () => {
    expect(localeOfUrl(at('/ar/search?q=nurse'))).toBe('ar');
    expect(localeOfUrl(at('/uk'))).toBe('uk');
    expect(localeOfUrl(at('/search'))).toBe('en');
    expect(localeOfUrl(at('/'))).toBe('en');
  });

  it('does not take a path that only starts like a language for one', () => {
    expect(localeOfUrl(at('/arx/search'))).toBe('en');
    expect(localeOfUrl(at('/search/ar'))).toBe('en');
  });
});

describe('routePath', () => {
  it('strips the language prefix so every language shares one route', () => {
    expect(routePath(at('/ar/search?q=1'))).toBe('/search');
    expect(routePath(at('/fa/listings/ie-qqi'))).toBe('/listings/ie-qqi');
    expect(routePath(at('/nl'))).toBe('/');
    expect(routePath(at('/about'))).toBe('/about');
  });
});

describe('localizePath', () => {
  it('keeps English at the root and prefixes the others', () => {
    expect(localizePath('/search', 'en')).toBe('/search');
    expect(localizePath('/search', 'ar')).toBe('/ar/search');
    expect(localizePath('/listings/ie-qqi', 'sl')).toBe('/sl/listings/ie-qqi');
  });

  it('keeps the query string and the fragment', () => {
    expect(localizePath('/search?country=IE&country=NL&q=nurse', 'hu')).toBe(
      '/hu/search?country=IE&country=NL&q=nurse',
    );
    expect(localizePath('/about#esco-heading', 'fr')).toBe('/fr/about#esco-heading');
  });

  it('gives the home page without a trailing slash, which SvelteKit would redirect', () => {
    expect(localizePath('/', 'ar')).toBe('/ar');
    expect(localizePath('/', 'en')).toBe('/');
  });

  it('round-trips with routePath for every UI language', () => {
    for (const locale of UI_LANGUAGES) {
      const url = at(localizePath('/match?occ=nurse', locale));
      expect(routePath(url)).toBe('/match');
      expect(localeOfUrl(url)).toBe(locale);
    }
  });

  it('gives what Paraglide gives for each language, asked once or many times', () => {
    // The reference: Paraglide's own localizeHref, parsed, without the trailing slash.
    const paraglide = (path: string, locale: (typeof UI_LANGUAGES)[number]) => {
      const url = new URL(localizeHref(path, { locale }), 'http://x');
      return (url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname) + url.search + url.hash;
    };
    const paths = [
      '/',
      '/?q=nurse',
      '/#top',
      '/search',
      '/search/',
      '/search?q=I+was+a+nurse&country=IE',
      '/search?q=أنا ممرضة&near=كورك',
      '/list?/add',
      '/listings/ie-qqi#contact',
      '/ar/search?q=x',
      '/uk',
      '/about#esco-heading',
      '/stories?occupation=http%3A%2F%2Fdata.europa.eu%2Fesco%2Foccupation%2Fx',
    ];
    for (let round = 0; round < 2; round++)
      for (const path of paths)
        for (const locale of UI_LANGUAGES)
          expect([path, locale, localizePath(path, locale)]).toEqual([path, locale, paraglide(path, locale)]);
  });

  it('refuses a relative path', () => {
    expect(() => localizePath('search', 'en')).toThrow(/absolute path/);
  });
});

describe('languageLinks', () => {
  it('links the same page, filters included, in all eleven languages', () => {
    const links = languageLinks(at('/ar/search?country=IE&q=nurse'));
    expect(links.map((l) => l.locale)).toEqual([...UI_LANGUAGES]);
    expect(links.find((l) => l.locale === 'en')?.href).toBe('/search?country=IE&q=nurse');
    expect(links.find((l) => l.locale === 'uk')?.href).toBe('/uk/search?country=IE&q=nurse');
    expect(links.filter((l) => l.current).map((l) => l.locale)).toEqual(['ar']);
  });

  it('names each language in itself and gives its direction', () => {
    const links = languageLinks(at('/'));
    expect(links.find((l) => l.locale === 'fa')).toMatchObject({ name: 'فارسی', dir: 'rtl', href: '/fa' });
    expect(links.find((l) => l.locale === 'sk')).toMatchObject({ name: 'Slovenčina', dir: 'ltr', href: '/sk' });
  });
});

describe('textDirection', () => {
  it('is right-to-left for Arabic and Persian only', () => {
    expect(UI_LANGUAGES.filter((l) => textDirection(l) === 'rtl')).toEqual(['ar', 'fa']);
  });
});
