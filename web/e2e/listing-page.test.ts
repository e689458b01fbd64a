import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, screenshot } from './browser';

const web = inject('webUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('a listing page', () => {
  it('shows every field, the organisation, contacts, the source and the date it was checked', async () => {
    const page = await openPage(browser, { javaScriptEnabled: false });
    const response = await page.goto(`${web}/listings/ie-nmbi-non-eu-registration`);
    expect(response?.status()).toBe(200);
    const text = (await page.locator('main').textContent()) ?? '';
    for (const expected of [
      'NMBI registration for nurses and midwives trained outside the EU/EEA',
      'Run by',
      'Nursing and Midwifery Board of Ireland (NMBI)',
      'Recognition of qualifications',
      'Refugees',
      'Ireland',
      'Online',
      'Paid',
      'English',
      // Occupations by name in the page language, not by code.
      'Nursing professionals',
      'nursing',
      'Operating (a recent source confirms it)',
      'Checked by us on December 6, 2026',
      'Claim this listing',
    ]) {
      expect(text).toContain(expected);
    }
    expect(await page.getByRole('link', { name: 'Official website' }).getAttribute('href')).toBe(
      'https://www.nmbi.ie/Help-Centre/Non-EU-Applicants',
    );
    expect(await page.locator('.source a').getAttribute('href')).toMatch(/^https:\/\/www\.nmbi\.ie\//);
    // The organisation's page lists what it runs.
    await page.getByRole('link', { name: 'Nursing and Midwifery Board of Ireland (NMBI)' }).click();
    await page.getByRole('heading', { name: 'Services of this organisation' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('NMBI registration for nurses and midwives');
    await page.context().close();
  });

  it('prints without navigation and with the addresses of its links', async () => {
    const page = await openPage(browser);
    await page.goto(`${web}/listings/ie-nmbi-non-eu-registration`, { waitUntil: 'networkidle' });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header nav').isVisible()).toBe(false);
    expect(await page.locator('.language-switcher').isVisible()).toBe(false);
    const after = await page
      .getByRole('link', { name: 'Official website' })
      .evaluate((a) => getComputedStyle(a, '::after').content);
    expect(after).toMatch(/attr\(href\)|nmbi\.ie/);
    await page.emulateMedia({ media: 'screen' });
    await screenshot(page, 'listing-page');
    await page.context().close();
  });

  it('reads in Arabic on a phone without JavaScript, marked as a translation, with the original one tap away', async () => {
    const page = await openPage(browser, { javaScriptEnabled: false, viewport: { width: 360, height: 800 } });
    const response = await page.goto(`${web}/ar/listings/ie-teaching-council`);
    expect(response?.status()).toBe(200);
    const summary = page.locator('.summary');
    expect(await summary.getAttribute('lang')).toBe('ar');
    expect(await summary.textContent()).toMatch(/[\u0600-\u06FF]{3}/);
    expect(await page.locator('h1').getAttribute('lang')).toBe('ar');
    const note = page.locator('.translated');
    expect(await note.textContent()).toContain('تُرجم آليًا من');
    // who may use it, how to apply: the sections a refugee needs, under Arabic headings
    for (const heading of ['من يمكنه الاستفادة', 'كيفية التقديم']) {
      expect(await page.getByRole('heading', { name: heading }).count()).toBe(1);
    }
    // nothing wider than the phone
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'listing-page-ar-360');

    await note.getByRole('link').click();
    await page.waitForURL(/original=1/);
    expect(await page.locator('.summary').getAttribute('lang')).toBe('en');
    expect(await page.locator('.summary').textContent()).toContain('teaching qualifications');
    await page.locator('.translated').getByRole('link').click();
    await page.waitForURL((url) => !url.search.includes('original'));
    expect(await page.locator('.summary').getAttribute('lang')).toBe('ar');
    await page.context().close();
  });

  it('shows result cards in Arabic with a small mark saying they are translated', async () => {
    const page = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(`${web}/ar/search?country=IE`);
    const card = page.locator('article.hit', { has: page.locator('.translated-mark') }).first();
    expect(await card.locator('.translated-mark').textContent()).toContain('ترجمة آلية');
    // a translated text says it is Arabic; an untranslated name (a proper name) keeps its own language
    expect(await card.locator('.summary').getAttribute('lang')).toBe('ar');
    expect(['ar', 'en']).toContain(await card.locator('.hit-name').getAttribute('lang'));
    expect(await card.locator('.summary').textContent()).toMatch(/[\u0600-\u06FF]{3}/);
    await page.context().close();
  });

  it('answers 404 in the page language for a listing that does not exist', async () => {
    const page = await openPage(browser, { javaScriptEnabled: false });
    const response = await page.goto(`${web}/uk/listings/no-such-listing`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Сторінку не знайдено');
    expect(await page.locator('html').getAttribute('lang')).toBe('uk');
    await page.context().close();
  });
});
