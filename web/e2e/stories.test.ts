import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, PHONE } from './browser';
import { allA11yViolations, scrollWidth, shoot, signInAsModerator } from './journeys-helpers';
import { linkFromMail } from './mailbox';

/**
 * Success stories (issue 19) in Chromium against the real API and the seed data (data/stories.json):
 * /stories filtered to a country with and without JavaScript, at 360 px, in English and Arabic; a
 * story on the listing it went through; a provider submits a story, a moderator publishes it, and it
 * appears on the listings it names.
 */

const web = inject('webUrl');
const moderator = inject('moderator');
const mailDir = inject('mailDir');
const PASSWORD = 'a long enough provider password';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signUp(page: Page, email: string): Promise<void> {
  await page.goto(`${web}/account/signup`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Your name or organisation (optional)').fill('E2E Integration Centre');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL((url) => url.pathname.endsWith('/account/check-email'));
  await page.goto(await linkFromMail(mailDir, email, '/account/verify'));
  await page.getByRole('button', { name: 'Confirm my address' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/account/verify'));
}

/** The titles of the story cards on the page. */
const titles = (page: Page) => page.locator('article.story h3').allTextContents();

describe('stories', () => {
  it('without JavaScript at 360 px: /stories filtered to Ireland, then the story with its source and path', async () => {
    const page = await openPage(browser, { ...PHONE, javaScriptEnabled: false });
    await page.goto(`${web}/stories`);
    const all = await titles(page);
    expect(all.length).toBeGreaterThanOrEqual(9);
    await page.getByLabel('Country').selectOption('IE');
    await page.getByRole('button', { name: 'Show stories' }).click();
    // A plain GET form: the empty fields travel too.
    await page.waitForURL(/\/stories\?country=IE&/);
    expect(await titles(page)).toEqual(["One of EPIC's first participants, now working in the aid sector"]);
    await page.getByText('Stories found: 1').waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
    await shoot(page, 'stories-ie-en-360');

    await page.getByRole('link', { name: "One of EPIC's first participants, now working in the aid sector" }).click();
    await page.waitForURL(/\/stories\/ie-winifred-epic$/);
    const path = page.getByRole('region', { name: 'Services on the way, in order' });
    expect(await path.getByRole('link').first().getAttribute('href')).toBe('/listings/ie-bitc-epic');
    const source = page.getByRole('region', { name: 'Source' });
    const sourceLink = source.getByRole('link');
    expect(await sourceLink.getAttribute('href')).toBe(
      'https://www.pressreader.com/ireland/the-irish-times-business/20181206/281547996967128',
    );
    expect(await sourceLink.textContent()).toContain('page dated December 6, 2018');
    await source.getByText('Summarised in our own words').waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
    await shoot(page, 'story-en-360');
    await page.context().close();
  });

  it('a listing shows the stories that went through it (and one without stories shows none)', async () => {
    const page = await openPage(browser, { ...PHONE, javaScriptEnabled: false });
    await page.goto(`${web}/listings/gb-refugee-council-uppna-ikea`);
    const section = page.getByRole('region', { name: 'Stories of people who went through this service' });
    expect((await section.locator('h3').allTextContents()).sort()).toEqual([
      'A teacher from Afghanistan, now studying and working at IKEA',
      'From a two-year wait to a permanent job in sales at IKEA',
    ]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
    await section.scrollIntoViewIfNeeded();
    await shoot(page, 'listing-stories-en-360');
    await page.goto(`${web}/listings/ie-medical-council`);
    expect(await page.getByText('Stories of people who went through this service').count()).toBe(0);
    await page.context().close();
  });

  it('with JavaScript, in Arabic at 360 px: right to left, filtered to Slovakia, no axe violations', async () => {
    const page = await openPage(browser, PHONE);
    await page.goto(`${web}/ar/stories?country=SK`, { waitUntil: 'networkidle' });
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await page.getByRole('heading', { name: 'قصص نجاح', level: 1 }).waitFor();
    const shown = await titles(page);
    expect(shown.sort()).toEqual(
      [
        'مقهى اجتماعي في براتيسلافا يمنح ثماني نساء عملاً مأجوراً',
        'من معلّمة للغة العربية إلى رعاية كبار السن في نيترا',
      ].sort(),
    );
    // The Arabic texts are translations: each says so, and the original is one link away.
    expect(await page.locator('article.story h3').first().getAttribute('lang')).toBe('ar');
    expect(await page.getByText(/مترجمة آلياً من .*، لم تُراجع/).count()).toBe(2);
    expect(await allA11yViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
    await shoot(page, 'stories-sk-ar-360');
    await page.locator('article.story h3 a').first().click();
    await page.waitForURL(/\/ar\/stories\/sk-/);
    await page.getByRole('heading', { name: 'المصدر' }).waitFor();
    expect(await allA11yViolations(page)).toEqual([]);
    await page.getByRole('link', { name: /الأصل/ }).click();
    await page.waitForURL(/\?original=1$/);
    expect(await page.locator('h1').getAttribute('lang')).toBe('en');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
    await shoot(page, 'story-ar-360');
    await page.context().close();
  });

  it('"how others did it" comes after the results: search for an occupation, and employer stories on /employers', async () => {
    const page = await openPage(browser, { ...PHONE, javaScriptEnabled: false });
    // With no service for the occupation, the stories still show, under "nothing found".
    await page.goto(`${web}/search?occ=sales+assistant&country=GB`);
    await page
      .getByRole('complementary', { name: 'How others did it' })
      .getByRole('link', { name: 'From a two-year wait to a permanent job in sales at IKEA' })
      .waitFor();
    // Words read as the occupation (understood), with services found: the stories come after all of them.
    await page.goto(`${web}/search?q=work+as+a+sales+assistant&country=GB`);
    const hint = page.getByRole('complementary', { name: 'How others did it' });
    await hint.getByRole('link', { name: 'From a two-year wait to a permanent job in sales at IKEA' }).waitFor();
    // After every result card and the pagination: the stories never push services down.
    const order = await page.evaluate(() => {
      const aside = document.querySelector('aside.story-hint');
      const cards = [...document.querySelectorAll('.results article.hit')];
      return [cards.length, cards.every((c) => c.compareDocumentPosition(aside!) & Node.DOCUMENT_POSITION_FOLLOWING)];
    });
    expect(order).toEqual([expect.any(Number), true]);
    expect(order[0]).toBeGreaterThan(0);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360);

    await page.goto(`${web}/employers?country=NL`);
    const employers = page.getByRole('complementary', { name: 'How other employers hired' });
    await employers
      .getByRole('link', { name: 'An engineering consultancy fills fourteen vacancies with status holders' })
      .waitFor();
    expect(await employers.getByRole('link', { name: 'More stories' }).getAttribute('href')).toBe(
      '/stories?country=NL&teller=employer',
    );
    await page.goto(`${web}/search?q=language+course&country=BE`);
    expect(await page.locator('aside.story-hint').count()).toBe(0);
    await page.context().close();
  });

  it('submit -> approve -> on the listings it names (no JavaScript); consent is required', async () => {
    const provider = await openPage(browser, { ...PHONE, javaScriptEnabled: false });
    await signUp(provider, `stories-${process.pid}@e2e.skillway.test`);
    await provider.goto(`${web}/stories/new?listing=ie-nmbi-non-eu-registration`);
    expect(await provider.getByLabel(/Services in this directory/).inputValue()).toBe('ie-nmbi-non-eu-registration');
    const title = `A nurse registered in Ireland (e2e ${process.pid})`;
    await provider.getByLabel("A refugee's").check();
    await provider.getByLabel('Country').selectOption('IE');
    await provider.getByLabel('Language the story is written in').selectOption('en');
    await provider.getByLabel('Title').fill(title);
    await provider
      .getByLabel('The story, in a few sentences')
      .fill(
        'A nurse trained abroad had her registration assessed, took an English course and now works in a hospital.',
      );
    await provider
      .getByLabel(/Services in this directory/)
      .fill(`${web}/listings/ie-nmbi-non-eu-registration\nie-etb-esol`);
    await provider.getByRole('button', { name: 'Send for review' }).click();
    await provider.getByText("The teller's consent is required.").waitFor();
    expect(await provider.getByLabel('Title').inputValue()).toBe(title);
    expect(await scrollWidth(provider)).toBeLessThanOrEqual(360);
    await shoot(provider, 'story-form-en-360');
    await provider.getByLabel('The teller agreed that this story is published').check();
    await provider.getByRole('button', { name: 'Send for review' }).click();
    await provider.getByText('Thank you. The story waits for a moderator').waitFor();

    // Pending: on no listing yet.
    await provider.goto(`${web}/listings/ie-nmbi-non-eu-registration`);
    expect(await provider.getByText(title).count()).toBe(0);

    const mod = await openPage(browser, { javaScriptEnabled: false });
    await signInAsModerator(mod, web, moderator);
    await mod.goto(`${web}/moderation`);
    await mod.getByRole('link', { name: 'Stories waiting for review' }).click();
    const card = mod.locator('li.card', { hasText: title });
    expect(await card.textContent()).toContain('Told to E2E Integration Centre');
    await shoot(mod, 'moderation-stories');
    await card.getByRole('button', { name: 'Publish' }).click();
    await mod.getByText('Done.').waitFor();
    expect(await mod.locator('li.card', { hasText: title }).count()).toBe(0);

    for (const listing of ['ie-nmbi-non-eu-registration', 'ie-etb-esol']) {
      await provider.goto(`${web}/listings/${listing}`);
      const section = provider.getByRole('region', { name: 'Stories of people who went through this service' });
      await section.getByRole('link', { name: title }).waitFor();
    }
    await provider.getByRole('link', { name: title }).click();
    await provider.getByText(/Told to E2E Integration Centre; the teller agreed to publication on/).waitFor();
    await provider.getByText('Anonymous: no name or detail').waitFor();
    await provider.context().close();
    await mod.context().close();
  });
});
