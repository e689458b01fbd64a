import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { ARTIFACTS, PHONE, launchBrowser, openPage, screenshot, seriousA11yViolations } from './browser';

/**
 * The results map on the search page (issue 17; the page is search-journeys', the map is $lib/map):
 * searching near Cork shows the hits that have a point on a map whose markers carry the numbers the
 * list gives them, says how many are online only, and reads in Arabic right to left. The API is asked
 * the same search to know which hits have a point.
 */

const web = inject('webUrl');
const api = inject('apiUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface Hit {
  delivery: string[];
  point?: { lat: number; lon: number; approximate: boolean };
}

/** The page's first ten hits as the API gives them (the search page shows ten a page). */
async function apiHits(): Promise<Hit[]> {
  const response = await fetch(`${api}/api/v1/search?near=Cork&per_page=10&lang=en`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { hits: Hit[] }).hits;
}

async function mapImage(page: Page) {
  const img = page.locator('figure.map img');
  expect(await img.count()).toBe(1);
  await img.scrollIntoViewIfNeeded();
  await expect
    .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0), { timeout: 20_000 })
    .toBe(true);
  return img;
}

describe('the results map', () => {
  it('draws the hits near Cork with their list numbers, and counts the online-only ones', async () => {
    const hits = await apiHits();
    const numbered = hits.flatMap((h, i) => (h.point ? [i + 1] : []));
    const online = hits.filter((h) => h.delivery.every((d) => d === 'online')).length;
    expect(numbered.length).toBeGreaterThan(0);

    const page = await openPage(browser, { ...PHONE, javaScriptEnabled: false });
    expect((await page.goto(`${web}/search?near=Cork`))?.status()).toBe(200);
    const img = await mapImage(page);
    const src = (await img.getAttribute('src')) ?? '';
    const markers = new URL(src, web).searchParams.getAll('p').map((p) => Number(p.split(',')[0]));
    expect(markers).toEqual(numbered);
    expect(new URL(src, web).searchParams.get('o')).toMatch(/^51\.\d+,-8\.\d+,Cork$/);
    const alt = (await img.getAttribute('alt')) ?? '';
    expect(alt).toContain(`${numbered.length} service${numbered.length === 1 ? '' : 's'} near Cork`);
    if (online > 0) expect(alt).toContain(`${online} ${online === 1 ? 'is' : 'are'} online only and not on the map`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'map-results-en-360');
    await page.locator('figure.map').screenshot({ path: join(ARTIFACTS, 'map-results-en-360-figure.png') });
    await page.context().close();
  });

  for (const locale of ['en', 'ar'] as const) {
    it(`passes axe with the map (${locale})`, async () => {
      const page = await openPage(browser, PHONE);
      await page.goto(`${web}${locale === 'en' ? '' : '/ar'}/search?near=Cork`);
      const img = await mapImage(page);
      if (locale === 'ar') {
        expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
        expect(await img.getAttribute('alt')).toMatch(/قرب Cork|قرب كورك/);
        await screenshot(page, 'map-results-ar-360');
        await page.locator('figure.map').screenshot({ path: join(ARTIFACTS, 'map-results-ar-360-figure.png') });
      }
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.context().close();
    });
  }
});
