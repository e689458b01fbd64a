import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, DESKTOP, PHONE, launchBrowser, openPage, screenshot, seriousA11yViolations } from './browser';

/**
 * Maps on listing pages (issue 17): a server-drawn SVG image from /map with a text alternative, with
 * and without JavaScript, on a phone and a desktop, left to right and right to left; online-only
 * listings say so instead. The API gives listings their points (docs/near-me.md): Irish Refugee
 * Council's business incubator is in Dublin (its city, so an approximate point), Breaking Barriers in
 * London; the Medical Council is online only.
 */

const web = inject('webUrl');
const api = inject('apiUrl');
const IN_DUBLIN = 'ie-irc-business-incubator';
const ONLINE_ONLY = 'ie-medical-council';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * Waits for the (lazily loaded) map image and returns its size as the browser decoded it. Polled from
 * the test, not in the page: a page without JavaScript runs no waitForFunction.
 */
async function loadedMap(page: Page): Promise<{ naturalWidth: number; width: number }> {
  const img = page.locator('figure.map img');
  await img.scrollIntoViewIfNeeded();
  const size = () =>
    img.evaluate((el: HTMLImageElement) => ({
      complete: el.complete,
      naturalWidth: el.naturalWidth,
      width: el.getBoundingClientRect().width,
    }));
  await expect
    .poll(async () => (await size()).complete && (await size()).naturalWidth > 0, { timeout: 20_000 })
    .toBe(true);
  const { naturalWidth, width } = await size();
  return { naturalWidth, width };
}

async function noWiderThanViewport(page: Page): Promise<void> {
  const { scroll, viewport } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }));
  expect(scroll).toBeLessThanOrEqual(viewport);
}

describe('the map image', () => {
  it('is an SVG drawn from its address alone, cacheable, with no script in it', async () => {
    const response = await fetch(`${web}/map?v=1&p=1,53.3498,-6.2603,a,Dublin&p=2,51.898,-8.4706,e`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=86400');
    const svg = await response.text();
    expect(svg).toContain('role="img"');
    expect(svg).toContain('<title id="map-t">Map with 2 numbered places</title>');
    expect(svg).toContain('>Dublin</text>');
    expect(svg).not.toMatch(/<script|<image|href=/);
    const arabic = await (await fetch(`${web}/ar/map?v=1&p=1,53.3498,-6.2603,a,Dublin`)).text();
    expect(arabic).toContain('lang="ar"');
  });

  it('answers a bad address with a 400 problem naming the parameter', async () => {
    const response = await fetch(`${web}/map?p=1,95,-6.26,a&c=XX`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await response.json()) as { errors: { field: string; reason: string }[] };
    expect(problem.errors).toEqual([
      { field: 'p[0]', reason: 'latitude must be a number from -90 to 90' },
      { field: 'c', reason: 'must be one of BE HU IE IT NL SK SI ES GB EU' },
    ]);
  });
});

describe('a listing page with a place', () => {
  it('has points from the API for the listings this test uses', async () => {
    const detail = (await (await fetch(`${api}/api/v1/listings/${IN_DUBLIN}`)).json()) as { points?: unknown[] };
    expect(detail.points).toEqual([
      expect.objectContaining({ approximate: true, label: 'Dublin', lat: expect.closeTo(53.35, 1) }),
    ]);
  });

  for (const javaScriptEnabled of [false, true]) {
    it(`shows a map of it on a 360 px phone, ${javaScriptEnabled ? 'with' : 'without'} JavaScript (en)`, async () => {
      const page = await openPage(browser, { ...PHONE, javaScriptEnabled });
      expect((await page.goto(`${web}/listings/${IN_DUBLIN}`))?.status()).toBe(200);
      const img = page.locator('section[aria-labelledby="where-heading"] figure.map img');
      expect(await img.getAttribute('alt')).toBe('Map of where this service is: 1: approximate: centre of Dublin');
      expect(await img.getAttribute('src')).toMatch(/^\/map\?v=1&p=1%2C53\.\d+%2C-6\.\d+%2Ca%2CDublin$/);
      expect(await page.locator('figure.map figcaption').textContent()).toContain('dashed ring');
      const { naturalWidth, width } = await loadedMap(page);
      expect(naturalWidth).toBe(360);
      expect(width).toBeLessThanOrEqual(360);
      await noWiderThanViewport(page);
      // axe runs as a script in the page, so it checks the page with JavaScript (the same HTML).
      if (javaScriptEnabled) expect(await seriousA11yViolations(page)).toEqual([]);
      else await screenshot(page, 'map-listing-en-360');
      await page.context().close();
    });
  }

  for (const javaScriptEnabled of [false, true]) {
    it(`reads right to left in Arabic on a phone, ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, async () => {
      const page = await openPage(browser, { ...PHONE, javaScriptEnabled });
      expect((await page.goto(`${web}/ar/listings/${IN_DUBLIN}`))?.status()).toBe(200);
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      const img = page.locator('figure.map img');
      expect(await img.getAttribute('alt')).toBe('خريطة مكان هذه الخدمة: 1: تقريبي: وسط Dublin');
      expect(await img.getAttribute('src')).toMatch(/^\/ar\/map\?/);
      await loadedMap(page);
      await noWiderThanViewport(page);
      if (javaScriptEnabled) expect(await seriousA11yViolations(page)).toEqual([]);
      else {
        await screenshot(page, 'map-listing-ar-360');
        await page.locator('figure.map').screenshot({ path: join(ARTIFACTS, 'map-listing-ar-360-figure.png') });
      }
      await page.context().close();
    });
  }

  it('shows the map on a desktop, and prints it', async () => {
    const page = await openPage(browser, DESKTOP);
    await page.goto(`${web}/listings/gb-breaking-barriers`);
    expect(await page.locator('figure.map img').getAttribute('alt')).toBe(
      'Map of where this service is: 1: approximate: centre of London',
    );
    await loadedMap(page);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('figure.map img').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await screenshot(page, 'map-listing-en-desktop');
    await page.context().close();
  });
});

describe('a listing whose address is on the map', () => {
  it('numbers the address as its marker is numbered', async () => {
    const page = await openPage(browser, { ...PHONE, javaScriptEnabled: false });
    await page.goto(`${web}/listings/sk-hrl-integration-centre-kosice`);
    const place = page.locator('section[aria-labelledby="where-heading"] .place').first();
    expect(await place.locator('.marker-number').textContent()).toBe('1');
    expect(await place.textContent()).toContain('Košice');
    expect(await page.locator('figure.map img').getAttribute('alt')).toBe(
      'Map of where this service is: 1: approximate: centre of Košice',
    );
    await loadedMap(page);
    await screenshot(page, 'map-listing-numbered-360');
    await page.context().close();
  });
});

describe('an online-only listing', () => {
  it('says it is online only and shows no map', async () => {
    const page = await openPage(browser, { ...PHONE, javaScriptEnabled: false });
    await page.goto(`${web}/listings/${ONLINE_ONLY}`);
    expect(await page.locator('figure.map').count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain('Online only: this service has no place on the map.');
    await page.context().close();
  });
});

describe('the weight of a listing page with a map', () => {
  for (const prefix of ['', '/ar']) {
    it(`${prefix || '/en'}: HTML and JavaScript stay within 12 KB and 60 KB gzip`, async () => {
      const url = `${web}${prefix}/listings/${IN_DUBLIN}`;
      const html = await (await fetch(url)).text();
      expect(html).toContain('<figure class="map');
      const htmlGzip = gzipSync(html, { level: 9 }).length;
      const page = await openPage(browser, PHONE);
      const scripts: Promise<number>[] = [];
      page.on('response', (response) => {
        if (response.request().resourceType() === 'script')
          scripts.push(response.body().then((body) => gzipSync(body, { level: 9 }).length));
      });
      await page.goto(url, { waitUntil: 'networkidle' });
      const jsGzip = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
      console.info(
        `${prefix || '/en'} listing with a map: HTML ${(htmlGzip / 1024).toFixed(1)} KB, JS ${(jsGzip / 1024).toFixed(1)} KB gzip`,
      );
      expect(htmlGzip).toBeLessThanOrEqual(12 * 1024);
      expect(jsGzip).toBeGreaterThan(0);
      expect(jsGzip).toBeLessThanOrEqual(60 * 1024);
      await page.context().close();
    });
  }
});

describe('the browser bundle', () => {
  it('carries no map code: drawing happens on the server only', () => {
    const client = resolve(import.meta.dirname, '..', 'build', 'client');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.js')) files.push(path);
      }
    };
    walk(client);
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const code = readFileSync(file, 'utf8');
      // d3-geo's projections, topojson's decoder, the atlas and our renderer and URL parser.
      for (const marker of [
        'geoAzimuthalEqualArea',
        'azimuthalEqualArea',
        'arcs',
        'countries-50m',
        'CompactPath',
        'stroke-dasharray',
        'map_listing_alt',
      ])
        expect(code.includes(marker), `${marker} in ${file}`).toBe(false);
    }
  });
});
