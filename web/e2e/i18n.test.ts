import { UI_LANGUAGES } from '@skillway/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage } from './browser';

const web = inject('webUrl');

describe('languages in the URL', () => {
  it.each(UI_LANGUAGES)('%s: the server sets <html lang dir> and translates the page', async (locale) => {
    const path = locale === 'en' ? '/search' : `/${locale}/search`;
    const html = await (await fetch(`${web}${path}`)).text();
    const dir = locale === 'ar' || locale === 'fa' ? 'rtl' : 'ltr';
    expect(html).toContain(`<html lang="${locale}" dir="${dir}">`);
    const title = /<title>(.*?)<\/title>/.exec(html)?.[1];
    if (locale === 'en') expect(title).toBe('Search services · Skillway');
    else expect(title).not.toContain('Search services');
    // Every page carries the ESCO attribution.
    expect(html).toContain('href="https://esco.ec.europa.eu/"');
  });

  it('keeps English at the root: /en/search is not a second address for it', async () => {
    const html = await (await fetch(`${web}/search`)).text();
    expect(html).toContain('This service uses the ESCO classification of the European Commission.');
  });
});

describe('the language switcher', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('keeps the page and its filters, and works without JavaScript', async () => {
    const page = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(`${web}/search?country=IE&category=qualification-recognition`);
    await page.locator('.language-switcher summary').click();
    await page.getByRole('link', { name: 'العربية' }).click();
    await page.waitForURL(/\/ar\/search\?/);
    expect(new URL(page.url()).search).toBe('?country=IE&category=qualification-recognition');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('h1').textContent()).toBe('البحث عن خدمات');

    await page.locator('.language-switcher summary').click();
    await page.getByRole('link', { name: 'Українська' }).click();
    await page.waitForURL(/\/uk\/search\?/);
    expect(await page.locator('html').getAttribute('lang')).toBe('uk');
    expect(await page.locator('html').getAttribute('dir')).toBe('ltr');
    // Vocabulary labels come in the page language too.
    expect(await page.locator('.active-filters').textContent()).toContain('Ірландія');
    await page.context().close();
  });
});
