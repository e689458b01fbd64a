import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, PHONE, screenshot } from './browser';
import { allA11yViolations, scrollWidth, shoot } from './journeys-helpers';

/**
 * The employer door (issue 17): an employer in the Netherlands lands on /employers and finds the
 * programmes that support hiring refugees in two taps, without and with JavaScript, on a phone.
 */

const web = inject('webUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const NL_HIRING = ['Refugee Talent Hub', 'Tent Netherlands – Dutch Business Summit on Refugees', 'Refugee Start Force'];

describe('the employer door', () => {
  for (const javaScriptEnabled of [false, true]) {
    it(`home → employers → Netherlands: the hiring programmes in two taps, ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, async () => {
      const page = await openPage(browser, { ...PHONE, javaScriptEnabled });
      await page.goto(web, { waitUntil: 'networkidle' });
      await page.getByRole('link', { name: /Hire and support refugees/ }).click(); // tap 1
      await page.waitForURL(/\/employers$/);
      await page.getByRole('heading', { level: 1, name: 'Hiring refugees: support for employers' }).waitFor();
      // Its own filters: countries and needs, and no occupation field.
      expect(await page.getByRole('combobox', { name: /occupation/i }).count()).toBe(0);
      await page.getByRole('navigation', { name: 'Your country' }).getByRole('link', { name: 'Netherlands' }).click(); // tap 2
      await page.waitForURL(/\/employers\?country=NL#programmes$/);

      await page.getByRole('heading', { name: 'Hire refugees: programmes in Netherlands' }).waitFor();
      const names = (await page.locator('.programmes .hit-name').allTextContents()).map((n) => n.trim());
      expect(names).toEqual(expect.arrayContaining(NL_HIRING));
      for (const card of await page.locator('.programmes article').all()) {
        expect(await card.locator('.meta').first().textContent()).toContain('Netherlands');
      }
      const countries = page.getByRole('navigation', { name: 'Your country' });
      expect(await countries.getByRole('link', { name: 'Netherlands' }).getAttribute('aria-current')).toBe('true');
      expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
      if (!javaScriptEnabled) await shoot(page, 'employers-en-360');
      await page.context().close();
    });
  }

  it('needs are tiles that keep the country; the right to work points to the public bodies in the directory', async () => {
    const page = await openPage(browser, { ...PHONE, javaScriptEnabled: false });
    await page.goto(`${web}/employers?country=BE`);
    await page.getByRole('link', { name: 'Mentoring partners' }).click();
    await page.waitForURL(/\/employers\?country=BE&need=partners/);
    expect(await page.getByRole('link', { name: 'Mentoring partners' }).getAttribute('aria-current')).toBe('true');
    for (const card of await page.locator('.programmes article').all()) {
      expect(await card.locator('.chip', { hasText: 'Mentoring' }).count()).toBe(1);
    }
    const rtw = page.locator('section.rtw');
    expect((await rtw.getByRole('link').allTextContents()).map((t) => t.trim())).toEqual([
      'VDAB – Flemish Public Employment Service',
      'Le Forem – Walloon public employment and training service',
      'Actiris – Brussels regional employment office',
    ]);
    // In the Netherlands the UWV issues the work permits for asylum seekers.
    await page.goto(`${web}/employers?country=NL`);
    expect((await rtw.getByRole('link').allTextContents()).map((t) => t.trim())).toEqual([
      'UWV – Employee Insurance Agency (public employment service of the Netherlands)',
    ]);
    // "See all in the search" keeps the employer filters.
    const all = new URL(
      (await page.getByRole('link', { name: /See all \d+ in the search/ }).getAttribute('href'))!,
      web,
    );
    expect(all.searchParams.getAll('audience')).toEqual(['employers']);
    expect(all.searchParams.getAll('country')).toEqual(['NL']);
    await page.context().close();
  });

  it('an unknown country or need in the address still opens the door', async () => {
    const response = await fetch(`${web}/employers?country=XX&need=<script>`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Hire refugees: programmes in all countries');
  });

  for (const locale of ['en', 'ar', 'fa'] as const) {
    it(`has no axe violations (${locale})`, async () => {
      const page = await openPage(browser, PHONE);
      const prefix = locale === 'en' ? '' : `/${locale}`;
      await page.goto(`${web}${prefix}/employers?country=NL`, { waitUntil: 'networkidle' });
      expect(await page.locator('html').getAttribute('dir')).toBe(locale === 'en' ? 'ltr' : 'rtl');
      expect(await allA11yViolations(page)).toEqual([]);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
      if (locale === 'ar') await shoot(page, 'employers-ar-360');
      await page.context().close();
    });
  }

  it('a programme’s page gives what an employer needs to act: the official link and the source', async () => {
    const page = await openPage(browser);
    await page.goto(`${web}/employers?country=NL`);
    await page.getByRole('link', { name: 'Refugee Talent Hub', exact: true }).click();
    await page.waitForURL(/\/listings\/nl-refugee-talent-hub$/);
    await page.getByRole('heading', { level: 1, name: 'Refugee Talent Hub' }).waitFor();
    expect(await page.getByRole('link', { name: 'Official website' }).getAttribute('href')).toMatch(/^https?:\/\//);
    expect(await page.locator('section.source').textContent()).toMatch(/Checked by us on \w+ \d+, \d{4}/);
    await screenshot(page, 'employer-search');
    await page.context().close();
  });
});
