import { isUiLanguage, RTL_LANGUAGES, UI_LANGUAGES, type UiLanguage } from '@skillway/core';
import { baseLocale, deLocalizeUrl, extractLocaleFromUrl, localizeHref } from '$lib/paraglide/runtime';

/**
 * Language in the URL: English at the root (/search), every other UI language under its prefix
 * (/ar/search). Paraglide's runtime does the matching; these helpers add what the pages need on top:
 * no trailing slash (SvelteKit would redirect it), query strings kept, and the direction of a language.
 */

/** Each language's name in itself, so a reader finds their own language whatever the page is in. */
export const LANGUAGE_ENDONYMS: Record<UiLanguage, string> = {
  en: 'English',
  nl: 'Nederlands',
  fr: 'Français',
  hu: 'Magyar',
  it: 'Italiano',
  sk: 'Slovenčina',
  sl: 'Slovenščina',
  es: 'Español',
  ar: 'العربية',
  fa: 'فارسی',
  uk: 'Українська',
};

export function textDirection(locale: UiLanguage): 'rtl' | 'ltr' {
  return RTL_LANGUAGES.includes(locale) ? 'rtl' : 'ltr';
}

/** The UI language a URL is in (the base language when it has no language prefix). */
export function localeOfUrl(url: URL | string): UiLanguage {
  const locale = extractLocaleFromUrl(url);
  return locale && isUiLanguage(locale) ? locale : (baseLocale as UiLanguage);
}

/** The path a URL has without its language prefix: what SvelteKit routes on. */
export function routePath(url: URL | string): string {
  return deLocalizeUrl(new URL(url)).pathname;
}

/**
 * An app path ("/search?q=nurse") in `locale`: "/ar/search?q=nurse", "/search?q=nurse" for English,
 * "/ar" for the Arabic home page.
 *
 * Paraglide (and the URL parsing around it) is asked once per path, for the base language, which has
 * no prefix: the other languages only put theirs in front. A page renders dozens of links, most of
 * them the same few paths, and each Paraglide call parses the URL three times.
 */
export function localizePath(path: string, locale: UiLanguage): string {
  if (!path.startsWith('/')) throw new Error(`localizePath needs an absolute path, got "${path}"`);
  const base = basePath(path);
  if (locale === baseLocale) return base;
  const end = base.search(/[?#]/);
  // "/" and "/?x" become "/ar" and "/ar?x": no trailing slash, which SvelteKit would redirect.
  if (end === 1 || base === '/') return `/${locale}${base.slice(1)}`;
  return `/${locale}${base}`;
}

/** Paths already put in the base language; cleared when full (a page's own query strings are many). */
const basePaths = new Map<string, string>();
const MAX_BASE_PATHS = 2_000;

function basePath(path: string): string {
  let base = basePaths.get(path);
  if (base === undefined) {
    const url = new URL(localizeHref(path, { locale: baseLocale }), 'http://x');
    const pathname = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    base = pathname + url.search + url.hash;
    if (basePaths.size >= MAX_BASE_PATHS) basePaths.clear();
    basePaths.set(path, base);
  }
  return base;
}

export interface LanguageLink {
  locale: UiLanguage;
  name: string;
  href: string;
  current: boolean;
  dir: 'rtl' | 'ltr';
}

/** Links to the page being shown in every UI language, keeping its filters (the query string). */
export function languageLinks(url: URL): LanguageLink[] {
  const current = localeOfUrl(url);
  const delocalized = deLocalizeUrl(new URL(url));
  const path = delocalized.pathname + delocalized.search;
  return UI_LANGUAGES.map((locale) => ({
    locale,
    name: LANGUAGE_ENDONYMS[locale],
    href: localizePath(path, locale),
    current: locale === current,
    dir: textDirection(locale),
  }));
}
