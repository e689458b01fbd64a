import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, screenshot } from './browser';
import { linkFromMail, mailsTo } from './mailbox';

/**
 * A provider whose listing is already in the directory signs up (the link arrives by real e-mail),
 * claims it, and can propose changes; another provider's claim goes to a moderator, who confirms it;
 * a forgotten password is reset by e-mail. With and without JavaScript.
 */

const web = inject('webUrl');
const mailDir = inject('mailDir');
const moderator = inject('moderator');
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
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL((url) => url.pathname.endsWith('/account/check-email'));
  await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor();
  await page.goto(await linkFromMail(mailDir, email, '/account/verify'));
  await page.getByRole('button', { name: 'Confirm my address' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/account/verify'));
}

async function claim(page: Page, name: string, evidence?: string): Promise<void> {
  await page.goto(`${web}/claim`);
  await page.getByLabel('Name of the organisation or service').fill(name);
  await page.getByRole('button', { name: 'Find' }).click();
  await page.waitForURL(/\/claim\?q=/);
  const link = page
    .getByRole('link', { name: new RegExp(`^Claim this listing\\W*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
    .first();
  // Once (a full run, 2026-12-06) the link did not come within 30 s and it never failed alone: say what
  // the page showed instead, so the next failure explains itself.
  await link.waitFor({ timeout: 20_000 }).catch(async (error: unknown) => {
    const shown = (
      await page
        .locator('main')
        .innerText()
        .catch(() => '(no main)')
    ).slice(0, 1500);
    throw new Error(`no "Claim this listing" link for ${name} at ${page.url()}; the page showed:\n${shown}`, {
      cause: error,
    });
  });
  await link.click();
  await page.waitForURL(/\/claim\/[a-z0-9-]+$/);
  if (evidence) await page.getByLabel('How can we tell it is yours? (optional)').fill(evidence);
  await page.getByRole('button', { name: 'Send the claim' }).click();
}

for (const javaScriptEnabled of [true, false]) {
  describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    it('a provider at the listing’s web domain claims it at once and is offered to propose changes', async () => {
      const page = await openPage(browser, { javaScriptEnabled });
      // A listing has one owner: each run claims its own.
      const [domain, name, id] = javaScriptEnabled
        ? ['iom.int', 'International Organization for Migration (IOM)', 'eu-iom']
        : [
            'ec.europa.eu',
            'European Commission – Employment, Social Affairs & Inclusion',
            'eu-european-commission-dg-empl',
          ];
      await signUp(page, `staff-${process.pid}@${domain}`);
      await claim(page, name);
      await page.getByText('Done: you now manage this listing.').waitFor();
      await page.getByRole('link', { name: 'Propose changes to this listing' }).click();
      await page.waitForURL(new RegExp(`/provider/listings/${id}/edit$`));
      await screenshot(page, `claim-confirmed-${javaScriptEnabled ? 'js' : 'nojs'}`);
      // Where a reminder e-mail leads: one click says the listing is still right.
      await page.goto(`${web}/confirm/${id}`);
      await page.getByRole('button', { name: 'Yes, it is still right' }).click();
      await page.getByText('The listing now shows that you confirmed it today.').waitFor();
      await page.context().close();
    });
  });
}

describe('a claim from another domain', () => {
  it('waits for a moderator, who confirms it; the provider is told by e-mail', async () => {
    const provider = await openPage(browser, { javaScriptEnabled: false });
    const email = `helper-${process.pid}@mail.example`;
    await signUp(provider, email);
    await claim(provider, 'ENIC-NARIC Networks', 'I answer the help desk; call me back on +32 2 000 00 00.');
    await provider.getByText('A moderator will check your claim').waitFor();

    const mod = await openPage(browser, { javaScriptEnabled: false });
    await mod.goto(`${web}/account/signin`);
    await mod.getByLabel('E-mail address').fill(moderator.email);
    await mod.getByLabel('Password', { exact: true }).fill(moderator.password);
    await mod.getByRole('button', { name: 'Sign in', exact: true }).click();
    await mod.waitForURL((url) => !url.pathname.startsWith('/account/signin'));
    await mod.goto(`${web}/moderation`);
    await mod.getByRole('link', { name: 'Claims of listings and who manages them' }).click();
    const card = mod.locator('li.card', { hasText: email });
    expect(await card.textContent()).toContain('I answer the help desk');
    await card.getByRole('button', { name: 'Confirm the claim' }).click();
    await mod.getByText('Done.').waitFor();
    expect(await mod.locator('.owners').textContent()).toContain(email);
    await screenshot(mod, 'moderation-claims');
    await mod.goto(`${web}/moderation`);
    await mod.getByRole('link', { name: 'Broken links' }).click();
    await mod.getByRole('heading', { name: 'Broken links' }).waitFor();

    await provider.goto(`${web}/account`);
    expect(await provider.getByRole('region', { name: 'Your claims' }).textContent()).toContain('Confirmed');
    expect(mailsTo(mailDir, email).at(-1)?.subject).toContain('You now manage');
    await provider.context().close();
    await mod.context().close();
  });
});

describe('a forgotten password', () => {
  it('is reset by e-mail without JavaScript; the old one stops working', async () => {
    const page = await openPage(browser, { javaScriptEnabled: false });
    const email = `forgetful-${process.pid}@mail.example`;
    await signUp(page, email);
    await page.context().clearCookies();
    await page.goto(`${web}/account/signin`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByLabel('E-mail address').fill(email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByText('If an account has this e-mail address').waitFor();
    const before = mailsTo(mailDir, email).length;
    await page.goto(await linkFromMail(mailDir, email, '/account/reset', { after: before - 1 }));
    await page.getByLabel('New password').fill('a brand new password here');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.waitForURL(/\/account\/signin\?password_reset/);
    await page.getByText('Your password has been changed.').waitFor();
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('a brand new password here');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/account/signin'));
    await page.context().close();
  });
});
