import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, PHONE, screenshot } from './browser';

/** At 360 px wide nothing scrolls sideways, and the results come before the (collapsed) filters. */

const web = inject('webUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const PAGES = [
  ['home', '/'],
  ['search', '/search?q=diploma&country=IE'],
  ['listing', '/listings/ie-nmbi-non-eu-registration'],
  ['match', '/match?occ=nurse&country=IE&need=qualification-recognition'],
  ['about', '/about'],
  ['providers', '/providers'],
] as const;

for (const locale of ['en', 'ar', 'uk'] as const) {
  for (const [name, path] of PAGES) {
    it(`${name} (${locale}) fits 360 px`, async () => {
      const page = await openPage(browser, PHONE);
      const prefix = locale === 'en' ? '' : `/${locale}`;
      await page.goto(`${web}${prefix}${path === '/' && prefix ? '' : path}`, { waitUntil: 'networkidle' });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      if (name === 'search') {
        expect(await page.locator('details.filters').getAttribute('open')).toBeNull();
        const filters = await page.locator('details.filters').boundingBox();
        const firstHit = await page.locator('ol.hits article').first().boundingBox();
        // Collapsed filters take one line, so the first result shows on the first screen.
        expect(filters!.height).toBeLessThan(80);
        expect(firstHit!.y).toBeLessThan(780);
      }
      await screenshot(page, `phone-${name}-${locale}`);
      await page.context().close();
    });
  }
}
