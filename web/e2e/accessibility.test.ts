import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, seriousA11yViolations } from './browser';

/** axe-core (WCAG 2.1 A and AA rules) on every page, left to right and right to left. */

const web = inject('webUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const PAGES = [
  '/',
  '/search?q=nurse&country=IE',
  '/search?q=zzzz&country=SK',
  '/search?occ=nurse',
  '/search?q=I+was+a+nurse+in+Syria+and+need+my+diploma+recognised+in+Ireland',
  '/search?q=nurse+in+Ireland&ignore=country%3AIE',
  '/listings/ie-nmbi',
  // the richer listing (issue 14): eligibility, how to apply, places, hours; in ar a translation with its note
  '/listings/ie-teaching-council',
  '/listings/ie-teaching-council?original=1',
  '/match',
  '/match?occ=nurse&country=IE&need=qualification-recognition&speaks=ar',
  '/match?country=IE&need=language-training',
  '/about',
  '/providers',
  '/listings/no-such-listing',
];

for (const locale of ['en', 'ar'] as const) {
  for (const path of PAGES) {
    it(`${locale} ${path} has no serious or critical violations`, async () => {
      const page = await openPage(browser);
      const prefix = locale === 'en' ? '' : `/${locale}`;
      await page.goto(`${web}${prefix}${path === '/' && prefix ? '' : path}`, { waitUntil: 'networkidle' });
      expect(await page.locator('html').getAttribute('dir')).toBe(locale === 'en' ? 'ltr' : 'rtl');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.context().close();
    });
  }
}

it('has a skip link to the main landmark, and a visible focus ring', async () => {
  const page = await openPage(browser);
  await page.goto(`${web}/search`, { waitUntil: 'networkidle' });
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await skip.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  expect(await page.locator('header').count()).toBe(1);
  expect(await page.locator('main').count()).toBe(1);
  expect(await page.locator('footer').count()).toBe(1);
  await page.context().close();
});
