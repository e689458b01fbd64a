import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, screenshot } from './browser';

/** A refugee with a nursing diploma looks for who recognises it in Ireland: without and with JavaScript. */

const web = inject('webUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A filter checkbox by its label; its accessible name ends with the facet count, "Ireland (3)". */
function filterBox(page: Page, label: string) {
  return page.getByRole('checkbox', { name: new RegExp(`^${label} \\(\\d+\\)$`) });
}

function openFilters(page: Page) {
  return page.locator('details.filters > summary').click();
}

async function hitNames(page: Page): Promise<string[]> {
  return page.locator('ol.hits .hit-name').allTextContents();
}

describe('without JavaScript', () => {
  it('goes from the home page to recognition services for nurses in Ireland with plain forms and links', async () => {
    const page = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(web);
    await page.getByLabel('What are you looking for?').fill('nursing');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/\/search\?q=nursing$/);

    // Filters sit in a <details>: it opens without any script.
    await openFilters(page);
    await filterBox(page, 'Ireland').check();
    await filterBox(page, 'Recognition of qualifications').check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/country=IE/);

    const url = new URL(page.url());
    expect(url.searchParams.get('q')).toBe('nursing');
    expect(url.searchParams.getAll('category')).toEqual(['qualification-recognition']);
    const names = await hitNames(page);
    expect(names).toContain('Nursing and Midwifery Board of Ireland (NMBI)');
    expect(names).toContain('NMBI registration for nurses and midwives trained outside the EU/EEA');
    // Every hit is in Ireland and offers recognition; the matched words are highlighted with <mark>.
    for (const card of await page.locator('ol.hits article').all()) {
      expect(await card.locator('.meta').first().textContent()).toContain('Ireland');
      expect(await card.locator('.chip', { hasText: 'Recognition of qualifications' }).count()).toBe(1);
    }
    expect((await page.locator('ol.hits mark').allTextContents()).map((t) => t.toLowerCase())).toContain('nursing');
    expect(await page.locator('#result-count').textContent()).toMatch(/^\s*\d+ services? found/);
    await screenshot(page, 'refugee-search-no-js');
    await page.context().close();
  });

  it('asks which occupation is meant instead of guessing, then filters by the one chosen', async () => {
    const page = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(`${web}/search?country=IE&occ=nurse`);
    await openFilters(page);
    await page.getByText('Which occupation do you mean by “nurse”? Choose one:').waitFor();
    await page.getByRole('link', { name: 'nurse responsible for general care', exact: true }).click();
    await page.waitForURL(/occ=nurse\+responsible/);
    await openFilters(page);
    const reading = await page.locator('.occupation-reading').textContent();
    expect(reading).toContain('nurse responsible for general care');
    expect(reading).toContain('ISCO-08 2221');
    expect(await hitNames(page)).toContain('NMBI registration for nurses and midwives trained outside the EU/EEA');
    await page.context().close();
  });
});

describe('with JavaScript', () => {
  it('picks the occupation from suggestions and updates the results in place, with the back button working', async () => {
    const page = await openPage(browser);
    await page.goto(`${web}/search`, { waitUntil: 'networkidle' });
    // A marker on window survives in-page navigations and disappears on a full page load.
    await page.evaluate(() => Object.assign(window, { skillwayMarker: true }));
    const stillSamePage = () => page.evaluate(() => (window as unknown as { skillwayMarker?: boolean }).skillwayMarker);

    const field = page.getByRole('combobox', { name: 'Your occupation' });
    await field.fill('nurse');
    await page.getByRole('option', { name: 'nurse responsible for general care' }).click();
    await page.waitForURL(/occ=nurse\+responsible/);
    await expect.poll(() => page.locator('.occupation-reading').textContent()).toContain('ISCO-08 2221');
    const countAnywhere = await page.locator('#result-count').textContent();

    await filterBox(page, 'Ireland').check();
    await page.waitForURL(/country=IE/);
    // The live region announces the new count; the box keeps the focus, so keyboard and screen
    // reader users stay where they were.
    await expect.poll(() => page.locator('#result-count').textContent()).not.toBe(countAnywhere);
    expect(await filterBox(page, 'Ireland').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.locator('#result-count').getAttribute('role')).toBe('status');

    await filterBox(page, 'Recognition of qualifications').check();
    await page.waitForURL(/category=qualification-recognition/);
    const names = await hitNames(page);
    expect(names).toContain('NMBI registration for nurses and midwives trained outside the EU/EEA');
    expect(names).toContain('Nursing and Midwifery Board of Ireland (NMBI)');
    expect(await stillSamePage()).toBe(true);
    // The address holds the whole state, without empty parameters.
    expect(new URL(page.url()).search).toBe(
      '?occ=nurse+responsible+for+general+care&country=IE&category=qualification-recognition',
    );
    await screenshot(page, 'refugee-search-js');

    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('category='));
    await expect.poll(() => filterBox(page, 'Recognition of qualifications').isChecked()).toBe(false);
    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('country='));
    await expect.poll(() => page.locator('#result-count').textContent()).toBe(countAnywhere);
    expect(await stillSamePage()).toBe(true);
    await page.context().close();
  });

  it('removes a filter from its chip, and the empty state offers what to loosen', async () => {
    const page = await openPage(browser);
    // Words that match nothing at all (search no longer answers "nothing" when a word like "nursing" fits).
    await page.goto(`${web}/search?q=zzzz&country=SK&cost=free`, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { name: 'No services match your search' }).waitFor();
    expect((await page.locator('.empty li a').allTextContents()).map((t) => t.trim())).toEqual([
      'Remove filter: Words: “zzzz”',
      'Remove filter: Slovakia',
      'Remove filter: Free',
      'Also show services that have ended',
      'Clear all filters',
    ]);
    await page.getByRole('link', { name: 'Remove filter: Slovakia' }).first().click();
    await page.waitForURL((url) => !url.search.includes('country='));
    expect(new URL(page.url()).search).toBe('?q=zzzz&cost=free');
    await page.context().close();
  });
});
