import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, PHONE } from './browser';
import { allA11yViolations, scrollWidth, shoot } from './journeys-helpers';

/**
 * A list to keep and share (issue 17): add services from results and listing pages without an account,
 * send the list's address by WhatsApp, SMS or e-mail, open it elsewhere, print it on one or two pages.
 */

const web = inject('webUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

function card(page: Page, name: string) {
  return page.locator('ol.hits article', { has: page.getByRole('link', { name, exact: true }) });
}

async function entryNames(page: Page): Promise<string[]> {
  return (await page.locator('.entries h2').allTextContents()).map((n) => n.trim());
}

describe('without JavaScript', () => {
  it('adds two services from the results and one from its page, sends the address, removes one', async () => {
    const page = await openPage(browser, { ...PHONE, javaScriptEnabled: false });
    await page.goto(`${web}/search?q=nurse&country=IE`);
    const first = card(page, 'Nursing and Midwifery Board of Ireland (NMBI)');
    await first.getByRole('button', { name: 'Add to my list' }).click();
    // Back on the same search, and the card now offers to remove it.
    await page.waitForURL(/\/search\?q=nurse&country=IE$/);
    await first.getByRole('button', { name: 'Remove from my list' }).waitFor();
    await card(page, 'NMBI registration for nurses and midwives trained outside the EU/EEA')
      .getByRole('button', { name: 'Add to my list' })
      .click();
    await page.waitForURL(/\/search\?q=nurse&country=IE$/);

    await page.goto(`${web}/listings/ie-intreo`);
    await page.getByRole('button', { name: 'Add to my list' }).click();
    // From a listing page, the list itself shows what was added; its address carries it.
    await page.waitForURL(/\/list\?ids=ie-nmbi,ie-nmbi-non-eu-registration,ie-intreo$/);
    expect(await entryNames(page)).toEqual([
      'Nursing and Midwifery Board of Ireland (NMBI)',
      'NMBI registration for nurses and midwives trained outside the EU/EEA',
      'Intreo – Department of Social Protection employment services',
    ]);
    expect(await page.locator('.shared').count()).toBe(0); // it is this device's own list

    const address = await page.getByLabel('The list’s address (copy it)').inputValue();
    expect(address).toBe(`${web}/list?ids=ie-nmbi,ie-nmbi-non-eu-registration,ie-intreo`);
    const whatsapp = new URL((await page.getByRole('link', { name: 'WhatsApp' }).getAttribute('href'))!);
    expect(whatsapp.origin + whatsapp.pathname).toBe('https://wa.me/');
    expect(whatsapp.searchParams.get('text')).toBe(`My list of services on Skillway: ${address}`);
    expect(await page.getByRole('link', { name: 'SMS' }).getAttribute('href')).toBe(
      `sms:?&body=${encodeURIComponent(`My list of services on Skillway: ${address}`)}`,
    );
    expect(await page.getByRole('link', { name: 'E-mail' }).getAttribute('href')).toMatch(
      /^mailto:\?subject=.+&body=.+/,
    );
    // No script, no print button or share sheet: the links do the job.
    expect(await page.getByRole('button', { name: 'Print the list' }).count()).toBe(0);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
    await shoot(page, 'list-en-360');

    await page.locator('.entry', { hasText: 'Intreo' }).getByRole('button', { name: 'Remove from my list' }).click();
    await page.waitForURL(/\/list\?ids=ie-nmbi,ie-nmbi-non-eu-registration$/);
    expect(await entryNames(page)).toHaveLength(2);
    // /list alone opens the list kept on this device, at its own address.
    await page.goto(`${web}/list`);
    await page.waitForURL(/\/list\?ids=ie-nmbi,ie-nmbi-non-eu-registration$/);
    await page.context().close();
  });

  it('a caseworker opens a shared list on another device, in Arabic, and can keep it', async () => {
    const page = await openPage(browser, { ...PHONE, javaScriptEnabled: false });
    await page.goto(`${web}/ar/list?ids=ie-intreo,si-zrsz,no-such-listing,not%20an%20id`);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await entryNames(page)).toHaveLength(2);
    await page.getByText('بعض خدمات هذه القائمة لم تعد في الدليل: 1.').waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
    await shoot(page, 'list-ar-360');
    await page.getByRole('button', { name: 'احفظ هذه القائمة على هذا الجهاز' }).click();
    await page.waitForURL(/\/ar\/list\?ids=ie-intreo,si-zrsz$/);
    expect(await page.locator('.shared').count()).toBe(0);
    await page.context().close();
  });

  it('refuses a list change posted from another site', async () => {
    const response = await fetch(`${web}/list?/add`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'id=ie-intreo',
      redirect: 'manual',
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('never sends people to another site after adding', async () => {
    const page = await openPage(browser, { ...PHONE, javaScriptEnabled: false });
    await page.goto(`${web}/search?q=nurse`);
    await page.evaluate(() => {
      // The search page's cards share one list form (the listing page has its own).
      const back = document.querySelector<HTMLInputElement>('form#list-form input[name="back"]')!;
      back.value = '//evil.example/phish';
    });
    await page.locator('ol.hits button[form="list-form"]').first().click();
    await page.waitForURL(/\/list\?ids=/);
    expect(new URL(page.url()).origin).toBe(web);
    await page.context().close();
  });
});

describe('with JavaScript', () => {
  for (const locale of ['en', 'ar'] as const) {
    it(`a list has no axe violations (${locale}, 360 px)`, async () => {
      const page = await openPage(browser, PHONE);
      await page.goto(`${web}${locale === 'en' ? '' : `/${locale}`}/list?ids=ie-intreo,si-zrsz,no-such-listing`, {
        waitUntil: 'networkidle',
      });
      expect(await allA11yViolations(page)).toEqual([]);
      await page.context().close();
    });
  }

  it('adds in place, without leaving the results, and offers the system share sheet and printing', async () => {
    const page = await openPage(browser, PHONE);
    await page.goto(`${web}/search?q=nurse&country=IE`, { waitUntil: 'networkidle' });
    await page.evaluate(() => Object.assign(window, { skillwayMarker: true }));
    const first = card(page, 'Nursing and Midwifery Board of Ireland (NMBI)');
    await first.getByRole('button', { name: 'Add to my list' }).click();
    await first.getByRole('button', { name: 'Remove from my list' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { skillwayMarker?: boolean }).skillwayMarker)).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/search');

    await page.goto(`${web}/list`, { waitUntil: 'networkidle' });
    await page.waitForURL(/\/list\?ids=ie-nmbi$/);
    await page.getByRole('button', { name: 'Print the list' }).waitFor();
    await page.context().close();
  });

  it('prints ten services on at most two A4 pages, without the controls', async () => {
    const ids = [
      'ie-intreo',
      'si-zrsz',
      'nl-refugee-talent-hub',
      'be-vdab',
      'ie-nmbi',
      'it-cimea-for-refugees',
      'es-accem',
      'gb-jobcentre-plus',
      'hu-menedek',
      'sk-upsvar',
    ];
    const page = await openPage(browser);
    await page.goto(`${web}/list?ids=${ids.join(',')}`, { waitUntil: 'networkidle' });
    expect(await entryNames(page)).toHaveLength(10);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Remove from my list' }).first().isVisible()).toBe(false);
    expect(await page.getByRole('heading', { name: 'Send this list' }).isVisible()).toBe(false);
    await shoot(page, 'list-print-en');
    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    // Each page of a PDF is one "/Type /Page" object.
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
    console.info(`print view: ${ids.length} services on ${pages} A4 page(s)`);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
    await page.context().close();
  });
});
