import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, PHONE, screenshot } from './browser';

const web = inject('webUrl');
let browser: Browser;
const ARABIC = /[\u0600-\u06FF]/;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the matching wizard', () => {
  it('in Arabic, right to left, returns ranked services with the reasons in Arabic', async () => {
    const page = await openPage(browser, PHONE);
    await page.goto(`${web}/ar/match`, { waitUntil: 'networkidle' });
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    await page.getByRole('heading', { level: 1, name: 'خدمات تناسبني' }).waitFor();
    // Right to left for real: the step numbers sit on the right of their questions.
    const legend = await page.locator('.step legend').first().boundingBox();
    const number = await page.locator('.step-number').first().boundingBox();
    expect(number!.x + number!.width).toBeGreaterThan(legend!.x + legend!.width - 40);

    await page.getByRole('combobox', { name: 'مهنتك أو تخصصك' }).fill('ممرض');
    await page.getByRole('option', { name: /^ممرض مسؤول عن الرعاية العامة/ }).click();
    await page.getByLabel('البلد').selectOption('IE');
    await page.getByRole('checkbox', { name: 'معادلة الشهادات' }).check();
    await page.getByRole('checkbox', { name: 'العربية', exact: true }).check();
    await page.getByRole('button', { name: 'اعرض الخدمات المناسبة' }).click();
    await page.waitForURL(/country=IE/);
    await page.getByRole('heading', { name: 'خدمات تناسبك' }).waitFor();

    const url = new URL(page.url());
    expect(url.pathname).toBe('/ar/match');
    expect(url.searchParams.getAll('need')).toEqual(['qualification-recognition']);
    expect(url.searchParams.getAll('speaks')).toEqual(['ar']);

    const results = page.locator('.results ol.hits > li');
    expect(await results.count()).toBeGreaterThan(0);
    expect(await results.first().locator('.hit-name').textContent()).toContain('NMBI');
    for (const result of await results.all()) {
      const reasons = await result.locator('.reasons li').allTextContents();
      expect(reasons.length).toBeGreaterThan(0);
      for (const reason of reasons) expect(reason).toMatch(ARABIC);
    }
    expect(await page.locator('.reasons-heading').first().textContent()).toBe('لماذا تناسبك:');
    await screenshot(page, 'match-arabic-phone');
    await page.context().close();
  });

  it('works as a plain form without JavaScript, free text included', async () => {
    const page = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(`${web}/match`);
    await page.getByLabel('Your occupation or training').fill('I was a nurse');
    await page.getByLabel('Country').selectOption('IE');
    await page.getByRole('checkbox', { name: 'Recognition of qualifications' }).check();
    await page.getByRole('button', { name: 'Show services that fit' }).click();
    await page.waitForURL(/\/match\?/);
    await page.getByRole('heading', { name: 'Services that fit you' }).waitFor();
    const first = page.locator('.results ol.hits > li').first();
    expect(await first.locator('.reasons li').count()).toBeGreaterThan(0);
    expect((await page.locator('.results').textContent()) ?? '').toContain('We understood:');
    // The answers stay editable below the results.
    await page.getByText('Change your answers').click();
    expect(await page.getByLabel('Your occupation or training').inputValue()).toBe('I was a nurse');
    expect(await page.getByLabel('Country').inputValue()).toBe('IE');
    await page.context().close();
  });

  it('matches on the other answers alone: no occupation is asked for, nothing is said to be missing', async () => {
    const page = await openPage(browser, { javaScriptEnabled: false });
    const response = await page.goto(`${web}/match?country=IE&need=language-training`);
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { name: 'Services that fit you' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.locator('.results ol.hits > li').count()).toBeGreaterThan(0);
    // The answers stay editable below the results.
    await page.getByText('Change your answers').click();
    expect(await page.getByLabel('Country').inputValue()).toBe('IE');
    expect(await page.getByLabel('Your occupation or training').inputValue()).toBe('');
    await page.context().close();
  });

  it('asks for one more answer, keeping the others, when the languages alone say too little', async () => {
    const page = await openPage(browser, { javaScriptEnabled: false });
    const response = await page.goto(`${web}/uk/match?speaks=ar`);
    expect(response?.status()).toBe(200);
    expect(await page.getByRole('alert').textContent()).toContain('Розкажіть, якою роботою ви займаєтеся');
    expect(await page.getByRole('checkbox', { name: 'арабська', exact: false }).first().isChecked()).toBe(true);
    await page.context().close();
  });
});
