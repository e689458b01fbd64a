import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, PHONE } from './browser';
import { allA11yViolations, scrollWidth, shoot } from './journeys-helpers';

/**
 * Browse by need, sort, and the way back to a search (issue 17): a refugee who cannot name an
 * occupation taps "Learn the language"; results can be put in another order; a listing's
 * "Search all services" returns to the search it was opened from.
 */

const web = inject('webUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const TILES = [
  'Get my diploma recognised',
  'Have my skills assessed',
  'Learn the language',
  'Train for a job',
  'Find a job',
  'Find a mentor',
  'Start a business',
];

describe('browse by need', () => {
  for (const javaScriptEnabled of [false, true]) {
    it(`the home page's need tiles are plain links into search, ${javaScriptEnabled ? 'with' : 'without'} JavaScript, at 360 px`, async () => {
      const page = await openPage(browser, { ...PHONE, javaScriptEnabled });
      await page.goto(web, { waitUntil: 'networkidle' });
      const tiles = page.getByRole('list', { name: 'What do you need?' }).getByRole('link');
      expect((await tiles.allTextContents()).map((t) => t.trim())).toEqual(TILES);
      // Each icon is inline SVG, hidden from screen readers: the words are the label.
      expect(await page.locator('.tiles svg[aria-hidden="true"]').count()).toBe(TILES.length);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
      if (!javaScriptEnabled) await shoot(page, 'home-tiles-en-360');

      await page.getByRole('link', { name: 'Learn the language' }).click();
      await page.waitForURL(/\/search\?category=language-training$/);
      const cards = page.locator('ol.hits article');
      expect(await cards.count()).toBeGreaterThan(0);
      for (const card of await cards.all()) {
        expect(await card.locator('.chip', { hasText: 'Language courses' }).count()).toBe(1);
      }
      await page.context().close();
    });
  }

  it('in Arabic the tiles read right to left', async () => {
    const page = await openPage(browser, { ...PHONE, javaScriptEnabled: false });
    await page.goto(`${web}/ar`, { waitUntil: 'networkidle' });
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await page.getByRole('link', { name: 'تعلّم اللغة' }).waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
    await shoot(page, 'home-tiles-ar-360');
    const first = await page.locator('.tiles li').nth(0).boundingBox();
    const second = await page.locator('.tiles li').nth(1).boundingBox();
    expect(first!.x).toBeGreaterThan(second!.x); // the first tile is on the right
    await page.context().close();
  });

  // axe runs in the page, so these pages have JavaScript on.
  for (const locale of ['en', 'ar', 'fa'] as const) {
    it(`the home page has no axe violations (${locale})`, async () => {
      const page = await openPage(browser, PHONE);
      await page.goto(`${web}${locale === 'en' ? '' : `/${locale}`}`, { waitUntil: 'networkidle' });
      expect(await allA11yViolations(page)).toEqual([]);
      await page.context().close();
    });
  }
});

describe('sorting', () => {
  it('orders results by name without JavaScript, keeping the filters', async () => {
    const page = await openPage(browser, { ...PHONE, javaScriptEnabled: false });
    await page.goto(`${web}/search?country=NL`);
    await page.getByLabel('Order').selectOption({ label: 'Name (A–Z)' });
    await page.getByRole('button', { name: 'Sort', exact: true }).click();
    await page.waitForURL(/sort=name/);
    expect(new URL(page.url()).searchParams.getAll('country')).toEqual(['NL']);
    const names = (await page.locator('ol.hits .hit-name').allTextContents()).map((n) => n.trim());
    expect(names.length).toBeGreaterThan(3);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    await page.context().close();
  });

  it('offers the most recently checked first', async () => {
    const page = await openPage(browser, { ...PHONE, javaScriptEnabled: false });
    await page.goto(`${web}/search?q=nurse`);
    await page.getByLabel('Order').selectOption({ label: 'Most recently checked' });
    await page.getByRole('button', { name: 'Sort', exact: true }).click();
    await page.waitForURL(/sort=checked/);
    expect(new URL(page.url()).searchParams.get('q')).toBe('nurse');
    expect(await page.getByLabel('Order').locator('option:checked').textContent()).toBe('Most recently checked');
    expect(await page.locator('ol.hits article').count()).toBeGreaterThan(0);
    // every card says when it was checked, newest first
    const checked = await page.locator('ol.hits article .checked').allTextContents();
    expect(checked.length).toBe(await page.locator('ol.hits article').count());
    const dates = checked.map((text) => Date.parse(text.replace(/^Checked /, '')));
    expect(dates.every((d) => !Number.isNaN(d))).toBe(true);
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    await page.context().close();
  });

  it('applies a new order at once with JavaScript', async () => {
    const page = await openPage(browser, PHONE);
    await page.goto(`${web}/search?q=nurse`, { waitUntil: 'networkidle' });
    expect(await page.getByLabel('Order').locator('option:checked').textContent()).toBe('Best match');
    expect(await page.getByLabel('Order').locator('option').allTextContents()).toEqual([
      'Best match',
      'Most recently checked',
      'Name (A–Z)',
    ]);
    expect(await page.getByRole('button', { name: 'Sort', exact: true }).count()).toBe(0);
    await page.getByLabel('Order').selectOption({ label: 'Name (A–Z)' });
    await page.waitForURL(/q=nurse&sort=name|sort=name.*q=nurse/);
    await page.context().close();
  });

  it('without words the first order is the recommended one', async () => {
    const page = await openPage(browser, PHONE);
    await page.goto(`${web}/search?country=IE`, { waitUntil: 'networkidle' });
    expect(await page.getByLabel('Order').locator('option:checked').textContent()).toMatch(/^Recommended/);
    await page.context().close();
  });
});

describe('the way back to a search', () => {
  it('"Search all services" on a listing returns to the search it was opened from', async () => {
    const page = await openPage(browser, { ...PHONE, javaScriptEnabled: false });
    await page.goto(`${web}/search?q=nurse&country=IE`);
    await page.locator('ol.hits .hit-name a').first().click();
    await page.waitForURL(/\/listings\/[a-z0-9-]+\?from=/);
    await page.getByRole('link', { name: 'Search all services' }).click();
    await page.waitForURL(/\/search\?/);
    const params = new URL(page.url()).searchParams;
    expect(params.get('q')).toBe('nurse');
    expect(params.getAll('country')).toEqual(['IE']);
    // A made-up `from` is read like any search address: unknown values are dropped, never passed on.
    await page.goto(`${web}/listings/ie-nmbi?from=${encodeURIComponent('country=XX&q=a&evil=1')}`);
    expect(await page.getByRole('link', { name: 'Search all services' }).getAttribute('href')).toBe('/search?q=a');
    await page.context().close();
  });
});
