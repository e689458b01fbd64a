import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, PHONE } from './browser';

/** The journeys pages keep today's budgets: ≤ 60 KB of JavaScript and ≤ 12 KB of HTML, gzip. */

const web = inject('webUrl');
const JS_BUDGET = 60 * 1024;
const HTML_BUDGET = 12 * 1024;
const TEN =
  'ie-intreo,si-zrsz,nl-refugee-talent-hub,be-vdab,ie-nmbi,it-cimea-for-refugees,es-accem,gb-jobcentre-plus,hu-menedek,sk-upsvar';
const PAGES = [
  '/',
  '/employers?country=NL',
  `/list?ids=${TEN}`,
  '/listings/ie-intreo/report',
  '/listings/ie-intreo',
  '/search?q=nurse&country=IE',
];
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

for (const locale of ['en', 'ar'] as const) {
  for (const path of PAGES) {
    it(`${locale} ${path.slice(0, 40)}: JS and HTML within budget`, async () => {
      const prefix = locale === 'en' ? '' : `/${locale}`;
      const url = `${web}${prefix}${path === '/' && prefix ? '' : path}`;
      const html = await (await fetch(url)).text();
      const htmlGzip = gzipSync(html, { level: 9 }).length;

      const page = await openPage(browser, PHONE);
      const scripts: Promise<number>[] = [];
      page.on('response', (response) => {
        if (response.request().resourceType() === 'script') {
          scripts.push(response.body().then((body) => gzipSync(body, { level: 9 }).length));
        }
      });
      await page.goto(url, { waitUntil: 'networkidle' });
      const jsGzip = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
      console.info(
        `${locale} ${path.slice(0, 40)}: HTML ${(htmlGzip / 1024).toFixed(1)} KB, JS ${(jsGzip / 1024).toFixed(1)} KB (gzip)`,
      );
      expect(htmlGzip).toBeLessThanOrEqual(HTML_BUDGET);
      expect(jsGzip).toBeGreaterThan(0);
      expect(jsGzip).toBeLessThanOrEqual(JS_BUDGET);
      await page.context().close();
    });
  }
}
