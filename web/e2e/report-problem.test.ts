import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, PHONE } from './browser';
import { allA11yViolations, scrollWidth, shoot, signInAsModerator } from './journeys-helpers';

/**
 * Report a problem (issue 17): anyone reports what is wrong with a listing, without an account; the
 * report waits for a moderator beside submissions and claims, who marks it fixed.
 */

const web = inject('webUrl');
const moderator = inject('moderator');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('report a problem', () => {
  it('without JavaScript: from the listing, a form that says what is missing, then thanks; a moderator marks it fixed', async () => {
    const page = await openPage(browser, { ...PHONE, javaScriptEnabled: false });
    await page.goto(`${web}/listings/ie-intreo`);
    await page.getByRole('link', { name: 'Report a problem with this listing' }).click();
    await page.waitForURL(/\/listings\/ie-intreo\/report$/);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
    await shoot(page, 'report-en-360');

    // "Something else" needs words, and an address must be one.
    await page.getByLabel('Something else', { exact: true }).check();
    await page.getByLabel('Your e-mail, if you want a reply (optional)').fill('not an address');
    await page.getByRole('button', { name: 'Send the report' }).click();
    await page.getByText('This field is required.').waitFor();
    await page.getByText('Enter an e-mail address like name@example.org.').waitFor();
    expect(await page.getByLabel('Something else', { exact: true }).isChecked()).toBe(true);

    const words = `The Cork office moved (e2e ${process.pid})`;
    await page.getByLabel('The address or place is wrong').check();
    await page.getByLabel(/In your words/).fill(words);
    await page.getByLabel('Your e-mail, if you want a reply (optional)').fill('reader@mail.example');
    await page.getByRole('button', { name: 'Send the report' }).click();
    await page.getByText('Thank you. Your report was sent: a moderator will check it.').waitFor();

    const mod = await openPage(browser, { javaScriptEnabled: false });
    await signInAsModerator(mod, web, moderator);
    await mod.goto(`${web}/moderation`);
    // Beside submissions and claims, with how many wait.
    expect(await mod.locator('.moderation-links').textContent()).toMatch(/Reported problems\s*Open reports: [1-9]/);
    await mod.getByRole('link', { name: 'Reported problems' }).click();
    const report = mod.locator('li.card', { hasText: words });
    expect(await report.textContent()).toContain('The address or place is wrong');
    expect(await report.getByRole('link', { name: 'reader@mail.example' }).getAttribute('href')).toBe(
      'mailto:reader@mail.example',
    );
    await shoot(mod, 'moderation-reports');
    await report.getByLabel('Note (optional)').fill('Address updated');
    await report.getByRole('button', { name: 'Mark as fixed' }).click();
    await mod.getByText('The report was closed.').waitFor();
    expect(await mod.locator('li.card', { hasText: words }).count()).toBe(0);
    await page.context().close();
    await mod.context().close();
  });

  it('with JavaScript, in Arabic, at 360 px: sent in place, no axe violations', async () => {
    const page = await openPage(browser, PHONE);
    await page.goto(`${web}/ar/listings/si-zrsz/report`, { waitUntil: 'networkidle' });
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await allA11yViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
    await shoot(page, 'report-ar-360');
    await page.getByLabel('الخدمة أُغلقت أو توقفت').check();
    await page.getByRole('button', { name: 'أرسل البلاغ' }).click();
    await page.getByText('شكرًا لك. تم إرسال بلاغك وسيراجعه أحد المشرفين.').waitFor();
    await page.context().close();
  });

  it('the moderators’ page of reports has no axe violations', async () => {
    const mod = await openPage(browser, PHONE);
    await signInAsModerator(mod, web, moderator);
    await mod.goto(`${web}/moderation/reports`, { waitUntil: 'networkidle' });
    await mod.getByRole('heading', { level: 1, name: 'Reported problems' }).waitFor();
    expect(await allA11yViolations(mod)).toEqual([]);
    await mod.context().close();
  });

  it('a listing that does not exist has no report form', async () => {
    const response = await fetch(`${web}/listings/no-such-listing/report`);
    expect(response.status).toBe(404);
  });
});
