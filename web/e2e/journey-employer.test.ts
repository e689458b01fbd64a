import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { DESKTOP, launchBrowser, openPage, PHONE, screenshot } from './browser';
import { allA11yViolations, scrollWidth } from './journeys-helpers';

/**
 * Issue 17's "done when" for employers: an employer in the Netherlands lands on /employers and finds
 * the programmes that support hiring refugees in two taps, counted here; without and with JavaScript,
 * on a 360 px phone and on a desktop, in English and Arabic, axe finding nothing. Screenshots of each
 * step (360 px) go to test-artifacts/journey-employer-<step>-<lang>-360.png.
 */

const web = inject('webUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The Netherlands' hiring-support programmes in the data (data/listings.json, audience employers). */
const NL_HIRING = ['Refugee Talent Hub', 'Tent Netherlands – Dutch Business Summit on Refugees', 'Refugee Start Force'];
const WORDS = {
  en: { prefix: '', netherlands: 'Netherlands', countries: 'Your country' },
  ar: { prefix: '/ar', netherlands: 'هولندا', countries: 'بلدك' },
} as const;

async function journey(lang: 'en' | 'ar', options: BrowserContextOptions & { javaScriptEnabled: boolean }) {
  const w = WORDS[lang];
  const page = await openPage(browser, options);
  const phone = options.viewport?.width === 360;
  const shot = (step: string) => (phone ? screenshot(page, `journey-employer-${step}-${lang}-360`) : null);
  let taps = 0;

  await page.goto(`${web}${w.prefix}/employers`, { waitUntil: 'networkidle' });
  expect(await page.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
  if (options.javaScriptEnabled) expect(await allA11yViolations(page)).toEqual([]);
  await shot('1-door');

  // Tap 1: their country.
  await page.getByRole('navigation', { name: w.countries }).getByRole('link', { name: w.netherlands }).click();
  taps++;
  await page.waitForURL(/\/employers\?country=NL#programmes$/);
  await shot('2-netherlands');

  // The programmes are there: every card in the Netherlands, and the three the data has among them.
  const programmes = page.locator('.programmes article');
  expect(await programmes.count()).toBeGreaterThanOrEqual(NL_HIRING.length);
  const ids = await programmes.evaluateAll((cards) => cards.map((c) => c.getAttribute('aria-labelledby')));
  expect(ids).toEqual(expect.arrayContaining(['hit-nl-refugee-talent-hub']));
  if (lang === 'en') {
    const names = (await page.locator('.programmes .hit-name').allTextContents()).map((n) => n.trim());
    expect(names).toEqual(expect.arrayContaining(NL_HIRING));
  }

  // Tap 2: a programme's page, with what it takes to act on it.
  await page.locator('#hit-nl-refugee-talent-hub a').click();
  taps++;
  await page.waitForURL(/\/listings\/nl-refugee-talent-hub/);
  await page.locator('h1').waitFor();
  if (phone) expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
  if (options.javaScriptEnabled) expect(await allA11yViolations(page)).toEqual([]);
  await shot('3-programme');

  expect(taps).toBe(2);
  console.info(`employer journey (${lang}, ${phone ? '360 px' : 'desktop'}): NL hiring programmes in ${taps} taps`);
  await page.context().close();
}

describe('an employer in the Netherlands', () => {
  for (const lang of ['en', 'ar'] as const) {
    for (const javaScriptEnabled of [false, true]) {
      it(`finds the hiring-support programmes in two taps (${lang}, 360 px, ${javaScriptEnabled ? 'with' : 'without'} JavaScript)`, async () => {
        await journey(lang, { ...PHONE, javaScriptEnabled });
      }, 120_000);
    }
    it(`the same on a desktop (${lang}, with JavaScript)`, async () => {
      await journey(lang, { ...DESKTOP, javaScriptEnabled: true });
    }, 120_000);
  }
});
