import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { screenshot } from './browser';

/** Every axe violation (WCAG 2.1 A and AA), whatever its impact: the journeys pages must have none. */
export async function allA11yViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Nothing wider than the phone: no sideways scrolling at 360 px. */
export async function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/** A screenshot of the page as shown and as printed, under test-artifacts/journeys-<name>.png. */
export async function shoot(page: Page, name: string): Promise<string> {
  return screenshot(page, `journeys-${name}`);
}

export async function signInAsModerator(page: Page, web: string, moderator: { email: string; password: string }) {
  await page.goto(`${web}/account/signin`);
  await page.getByLabel('E-mail address').fill(moderator.email);
  await page.getByLabel('Password', { exact: true }).fill(moderator.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/account/signin'));
}
