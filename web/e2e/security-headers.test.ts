import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage } from './browser';

/** Issue 16, findings 5 and 6: security headers on every page, and no 500 from the reserved action name. */
const web = inject('webUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const PAGES = ['/', '/search?q=nurse&country=IE', '/match', '/account/signin', '/account/signup', '/moderation'];

/** The session cookie of the e2e moderator, signed in through the form as a browser without JS would. */
async function moderatorCookie(): Promise<string> {
  const { email, password } = inject('moderator');
  const res = await fetch(`${web}/account/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: web, accept: 'text/html' },
    body: new URLSearchParams({ email, password }).toString(),
    redirect: 'manual',
  });
  await res.arrayBuffer();
  expect(res.status).toBe(303);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

describe('security headers', () => {
  for (const path of PAGES) {
    it(`${path}: CSP without inline scripts, no framing, nosniff, a referrer policy`, async () => {
      // The moderation queue as its moderator sees it (anonymous visitors are only redirected).
      const headers: Record<string, string> = path === '/moderation' ? { cookie: await moderatorCookie() } : {};
      const res = await fetch(web + path, { redirect: 'manual', headers });
      await res.arrayBuffer();
      expect(res.status).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(csp).toMatch(/script-src 'self'( 'nonce-[^']+'| 'sha256-[^']+')*(;|$)/);
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toMatch(/object-src 'none'/);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    });
  }

  it('a page with JavaScript runs under the policy: no violation, the app hydrates', async () => {
    const page = await openPage(browser, { javaScriptEnabled: true });
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/.test(message.text())) violations.push(message.text());
    });
    await page.goto(`${web}/search?q=nurse&country=IE`);
    await page.waitForLoadState('networkidle');
    // SvelteKit's inline start script (allowed by its nonce) defines a __sveltekit_* global.
    const started = await page.evaluate(() => Object.keys(window).some((k) => k.startsWith('__sveltekit')));
    expect(started).toBe(true);
    expect(violations).toEqual([]);
    await page.context().close();
  });
});

describe('a redirect', () => {
  it('carries the headers that do not depend on HTML', async () => {
    const res = await fetch(`${web}/provider`, { redirect: 'manual' });
    await res.arrayBuffer();
    expect(res.status).toBe(303);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('the reserved action name', () => {
  for (const path of ['/account/signin?/default', '/account/signup?/default', '/account/signin?x=1&/default']) {
    it(`POST ${path} answers 404, not 500`, async () => {
      const res = await fetch(web + path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: web },
        body: 'email=a%40example.org&password=whatever',
        redirect: 'manual',
      });
      await res.arrayBuffer();
      expect(res.status).toBe(404);
    });
  }
});
