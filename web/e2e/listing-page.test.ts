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

  it('answers 404 in the page language for a listing that does not exist', async () => {
    const page = await openPage(browser, { javaScriptEnabled: false });
    const response = await page.goto(`${web}/uk/listings/no-such-listing`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Сторінку не знайдено');
    expect(await page.locator('html').getAttribute('lang')).toBe('uk');
    await page.context().close();
  });
});
