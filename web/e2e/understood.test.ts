import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, PHONE, screenshot, seriousA11yViolations } from './browser';

/**
 * "We understood: nurse · diploma recognition · Ireland": whole sentences in the search box, in
 * English, Arabic (right to left, on a phone) and Ukrainian; each understood concept taken back with
 * a plain link, without JavaScript; corrections said; the matching wizard with no occupation.
 */

const web = inject('webUrl');
let browser: Browser;
const ARABIC = /[\u0600-\u06FF]/;
const CYRILLIC = /[\u0400-\u04FF]/;
const LATIN = /[A-Za-z]/;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface Chip {
  kind: string | null;
  label: string;
  filter: boolean;
  /** the accessible name of its remove link, null when it has none */
  remove: string | null;
}

/** The chips of the "We understood" list, found by its accessible name as a person with a screen reader would. */
async function understoodChips(page: Page, listName: string, scope = page.locator('body')): Promise<Chip[]> {
  const list = scope.getByRole('list', { name: listName });
  await list.waitFor();
  const chips: Chip[] = [];
  for (const item of await list.getByRole('listitem').all()) {
    const remove = item.getByRole('link');
    chips.push({
      kind: await item.getAttribute('data-kind'),
      label: ((await item.locator('.concept-label').textContent()) ?? '').trim(),
      filter: (await item.locator('.concept-effect').count()) > 0,
      remove: (await remove.count()) ? ((await remove.textContent()) ?? '').replace('✕', '').trim() : null,
    });
  }
  return chips;
}

function searchUrl(locale: string, params: Record<string, string>): string {
  const prefix = locale === 'en' ? '' : `/${locale}`;
  return `${web}${prefix}/search?${new URLSearchParams(params)}`;
}

async function resultCount(page: Page): Promise<number> {
  const text = (await page.locator('#result-count').textContent()) ?? '';
  return Number(/\d+/.exec(text)?.[0] ?? 'NaN');
}

describe('the search box understands a sentence', () => {
  it('in English: the concepts as chips, Ireland applied as a filter, every hit in Ireland', async () => {
    const page = await openPage(browser);
    await page.goto(searchUrl('en', { q: 'I was a nurse in Syria and need my diploma recognised in Ireland' }), {
      waitUntil: 'networkidle',
    });
    const chips = await understoodChips(page, 'We understood:');
    const kinds = chips.map((c) => c.kind);
    expect(kinds).toContain('occupation');
    expect(kinds).toContain('need');
    const ireland = chips.find((c) => c.kind === 'country');
    expect(ireland).toMatchObject({ label: 'Ireland', filter: true, remove: 'Remove “Ireland” from the search' });
    for (const chip of chips) expect(chip.remove).toBe(`Remove “${chip.label}” from the search`);

    expect(await resultCount(page)).toBeGreaterThan(0);
    for (const card of await page.locator('ol.hits article').all()) {
      expect(await card.locator('.meta').first().textContent()).toMatch(/Ireland|European Union/);
    }
    // The box invites sentences, and says so to screen readers too.
    expect(await page.getByRole('searchbox').getAttribute('placeholder')).toBe('for example: I was a nurse in Syria');
    expect(await page.getByRole('searchbox').getAttribute('aria-describedby')).toBe('q-hint');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'understood-en-desktop');
    await page.context().close();
  });

  it('in Arabic on a 360 px phone: right to left, labels in Arabic, 44 px remove targets, nothing scrolls sideways', async () => {
    const page = await openPage(browser, PHONE);
    await page.goto(searchUrl('ar', { q: 'أنا ممرضة من سوريا وأبحث عن معادلة شهادتي في أيرلندا' }), {
      waitUntil: 'networkidle',
    });
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    const chips = await understoodChips(page, 'فهمنا ما يلي:');
    expect(chips.find((c) => c.kind === 'country')).toMatchObject({ label: 'أيرلندا', filter: true });
    expect(chips.find((c) => c.kind === 'need')?.label).toBe('معادلة الشهادات');
    // No English leaks into an Arabic page: every label and every remove link reads in Arabic.
    for (const chip of chips) {
      expect(chip.label, chip.label).toMatch(ARABIC);
      expect(chip.label, chip.label).not.toMatch(LATIN);
      expect(chip.remove).toBe(`إزالة «${chip.label}» من البحث`);
    }
    expect(await page.locator('.understood').textContent()).not.toMatch(LATIN);

    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    for (const link of await page.locator('.concept-remove').all()) {
      const box = (await link.boundingBox())!;
      expect(box.width).toBeGreaterThanOrEqual(44);
      expect(box.height).toBeGreaterThanOrEqual(44);
    }
    // Right to left for real: the ✕ ends each chip on its left, the first chip starts on the right.
    const first = page.locator('.concept').first();
    const label = (await first.locator('.concept-label').boundingBox())!;
    const remove = (await first.locator('.concept-remove').boundingBox())!;
    expect(remove.x).toBeLessThan(label.x);
    const list = (await page.locator('.concepts').boundingBox())!;
    const firstBox = (await first.boundingBox())!;
    expect(firstBox.x + firstBox.width).toBeGreaterThan(list.x + list.width - 4);

    // A focused remove link shows its focus ring.
    await page.locator('.concept-remove').first().focus();
    expect(
      await page
        .locator('.concept-remove')
        .first()
        .evaluate((el) => getComputedStyle(el).outlineStyle),
    ).not.toBe('none');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'understood-ar-phone');
    await page.context().close();
  });

  it('in Ukrainian: the labels come in Ukrainian', async () => {
    const page = await openPage(browser);
    await page.goto(searchUrl('uk', { q: 'Я медсестра з Харкова, шукаю визнання диплома в Ірландії' }), {
      waitUntil: 'networkidle',
    });
    const chips = await understoodChips(page, 'Ми зрозуміли так:');
    expect(chips.find((c) => c.kind === 'country')).toMatchObject({ label: 'Ірландія', filter: true });
    expect(chips.map((c) => c.kind)).toContain('need');
    for (const chip of chips) {
      expect(chip.label, chip.label).toMatch(CYRILLIC);
      expect(chip.remove).toBe(`Прибрати «${chip.label}» з пошуку`);
    }
    expect(await resultCount(page)).toBeGreaterThan(0);
    await screenshot(page, 'understood-uk-desktop');
    await page.context().close();
  });

  it('says which words it read differently: "Showing results for language course (you typed langauge course)"', async () => {
    const page = await openPage(browser);
    await page.goto(searchUrl('en', { q: 'langauge course' }), { waitUntil: 'networkidle' });
    expect(((await page.locator('.correction').textContent()) ?? '').replace(/\s+/g, ' ').trim()).toBe(
      'Showing results for language course (you typed langauge course)',
    );
    expect(await page.locator('.correction .corrected').textContent()).toBe('language course');
    expect(await resultCount(page)).toBeGreaterThan(0);
    await page.context().close();
  });
});

describe('taking a concept back', () => {
  it('without JavaScript: the ✕ is a plain link that keeps every other parameter, and the forms keep it', async () => {
    const page = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(
      searchUrl('en', {
        q: 'I was a nurse and need my diploma recognised in Ireland',
        audience: 'refugees',
        page: '1',
      }),
    );
    const before = await understoodChips(page, 'We understood:');
    expect(before.some((c) => c.label === 'Ireland')).toBe(true);

    await page.getByRole('link', { name: 'Remove “Ireland” from the search' }).click();
    await page.waitForURL(/ignore=/);
    const url = new URL(page.url());
    expect(url.searchParams.get('q')).toBe('I was a nurse and need my diploma recognised in Ireland');
    expect(url.searchParams.getAll('audience')).toEqual(['refugees']);
    expect(url.searchParams.getAll('ignore')).toEqual(['country:IE']);
    expect(url.searchParams.has('page')).toBe(false);
    // Ireland is gone from what was understood; the rest stays, and is shown nowhere else.
    const after = await understoodChips(page, 'We understood:');
    expect(after.map((c) => c.label)).toEqual(before.filter((c) => c.label !== 'Ireland').map((c) => c.label));
    expect(await page.getByRole('link', { name: 'Remove filter: Ireland' }).count()).toBe(0);
    expect(await page.locator('input[name="country"][value="IE"]').isChecked()).toBe(false);
    await screenshot(page, 'understood-en-no-js-removed');

    // A new filter, sent by the plain form, keeps Ireland taken back.
    await page.locator('details.filters > summary').click();
    await page.getByRole('checkbox', { name: /^Free \(\d+\)$/ }).check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/cost=free/);
    expect(new URL(page.url()).searchParams.getAll('ignore')).toEqual(['country:IE']);
    expect((await understoodChips(page, 'We understood:')).map((c) => c.label)).not.toContain('Ireland');

    // New words are read afresh: Ireland, typed again, is understood again.
    await page.getByRole('searchbox').fill('teacher in Ireland');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/q=teacher/);
    expect((await understoodChips(page, 'We understood:')).map((c) => c.label)).toContain('Ireland');
    await page.context().close();
  });

  it('with JavaScript: the same link, followed in place', async () => {
    const page = await openPage(browser);
    await page.goto(searchUrl('en', { q: 'nurse in Ireland' }), { waitUntil: 'networkidle' });
    await page.getByRole('link', { name: 'Remove “Ireland” from the search' }).click();
    await page.waitForURL(/ignore=country%3AIE/);
    await expect.poll(() => page.getByRole('link', { name: 'Remove “Ireland” from the search' }).count()).toBe(0);
    expect(await page.locator('input[type="hidden"][name="ignore"]').inputValue()).toBe('country:IE');

    // New words, read afresh: nothing taken back, and the address stays clean.
    await page.getByRole('searchbox').fill('teacher in Ireland');
    await page.getByRole('searchbox').press('Enter');
    await page.waitForURL(/q=teacher/);
    expect(new URL(page.url()).search).toBe('?q=teacher+in+Ireland');
    await page.getByRole('link', { name: 'Remove “Ireland” from the search' }).waitFor();
    await page.context().close();
  });
});

describe('the matching wizard without an occupation', () => {
  it('a free language course in Ireland: country and need alone are a whole answer', async () => {
    const page = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(`${web}/match`);
    await page.getByLabel('Country').selectOption('IE');
    await page.getByRole('checkbox', { name: 'Language courses' }).check();
    await page.getByRole('button', { name: 'Show services that fit' }).click();
    await page.waitForURL(/\/match\?/);
    await page.getByRole('heading', { name: 'Services that fit you' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    const results = page.locator('.results ol.hits > li');
    expect(await results.count()).toBeGreaterThan(0);
    for (const result of await results.all()) {
      expect(await result.locator('.meta').first().textContent()).toMatch(/Ireland|European Union/);
    }
    expect(await results.first().locator('.chip', { hasText: 'Language courses' }).count()).toBe(1);
    await page.context().close();
  });

  it('in Ukrainian, the free text understood as chips and the reasons in Ukrainian', async () => {
    const page = await openPage(browser, PHONE);
    await page.goto(`${web}/uk/match?occ=${encodeURIComponent('я медсестра')}&country=IE`, {
      waitUntil: 'networkidle',
    });
    const chips = await understoodChips(page, 'Ми зрозуміли так:', page.locator('.results'));
    expect(chips.length).toBeGreaterThan(0);
    for (const chip of chips) {
      expect(chip.label, chip.label).toMatch(CYRILLIC);
      expect(chip.remove).toBeNull();
    }
    for (const reason of await page.locator('.reasons li').allTextContents()) expect(reason).toMatch(CYRILLIC);
    await page.context().close();
  });
});
