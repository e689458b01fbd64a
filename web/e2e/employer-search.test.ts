import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, screenshot } from './browser';

/** An employer in the Netherlands looks for programmes that support hiring refugees. */

const web = inject('webUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it('goes through the employers door and narrows to support programmes in the Netherlands', async () => {
  const page = await openPage(browser);
  await page.goto(web, { waitUntil: 'networkidle' });
  await page.getByRole('link', { name: /Hire and support refugees/ }).click();
  await page.waitForURL(/\/search\?audience=employers$/);

  await page.getByRole('checkbox', { name: /^Netherlands \(\d+\)$/ }).check();
  await page.waitForURL(/country=NL/);
  await page.getByRole('checkbox', { name: /^Support for employers \(\d+\)$/ }).check();
  await page.waitForURL(/category=employer-support/);
  await page.waitForLoadState('networkidle');

  const names = await page.locator('ol.hits .hit-name').allTextContents();
  expect(names.map((n) => n.trim())).toEqual(
    expect.arrayContaining([
      'Refugee Talent Hub',
      'Tent Netherlands – Dutch Business Summit on Refugees',
      'Refugee Start Force',
    ]),
  );
  for (const card of await page.locator('ol.hits article').all()) {
    expect(await card.locator('.chip', { hasText: 'Support for employers' }).count()).toBe(1);
    expect(await card.locator('.meta').first().textContent()).toContain('Netherlands');
  }
  // The chips say what is filtered, in words.
  const chips = (await page.locator('.active-filters .chip').allTextContents()).map((c) => c.replace('✕', '').trim());
  expect(chips).toEqual(['Netherlands', 'Support for employers', 'For: Employers']);
  await screenshot(page, 'employer-search');

  // A programme's page gives what an employer needs to act: who runs it, the official link, the source.
  await page.getByRole('link', { name: 'Refugee Talent Hub', exact: true }).click();
  await page.waitForURL(/\/listings\/nl-refugee-talent-hub$/);
  await page.getByRole('heading', { level: 1, name: 'Refugee Talent Hub' }).waitFor();
  expect(await page.getByRole('link', { name: 'Official website' }).getAttribute('href')).toMatch(/^https?:\/\//);
  expect(await page.locator('.source').textContent()).toMatch(/Checked by us on \w+ \d+, \d{4}/);
  await page.context().close();
});
