import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  checkAgainstGraph,
  exportedKeys,
  messageUse,
  planClientMessages,
  ROOT_LAYOUT,
  tableModule,
} from './client-messages.plugin';
import { PARAGLIDE_OPTIONS } from './paraglide.options';
import { launchBrowser, openPage, PHONE } from './e2e/browser';

const SRC = resolve(import.meta.dirname, 'src');
const MESSAGES_DIR = join(PARAGLIDE_OPTIONS.outdir, 'messages');
const EN = JSON.parse(readFileSync(resolve(import.meta.dirname, 'messages/en.json'), 'utf8')) as Record<
  string,
  unknown
>;
const ALL_KEYS = Object.keys(EN).filter((k) => !k.startsWith('$'));
const LOCALES: string[] = JSON.parse(readFileSync(join(PARAGLIDE_OPTIONS.project, 'settings.json'), 'utf8')).locales;

describe('messageUse', () => {
  it('collects the keys named as m.<key>, in script and markup', () => {
    const use = messageUse(`<script>
  import { m } from '$lib/paraglide/messages';
  const title = m.search_title();
</script>
<h1>{title}</h1><p>{m.search_count({ count: 2 })} {m?.nav_about()}</p>`);
    expect(use).toEqual({ keys: new Set(['search_title', 'search_count', 'nav_about']), dynamic: false });
  });

  it('follows an alias and ignores other objects’ m properties', () => {
    const use = messageUse(`import { m as t } from '$lib/paraglide/messages.js';\nt.a(); x.m.b(); mm.c();`);
    expect(use).toEqual({ keys: new Set(['a']), dynamic: false });
  });

  it('flags uses that name no key', () => {
    expect(messageUse(`import { m } from '$lib/paraglide/messages';\nconst f = m[key];`)?.dynamic).toBe(true);
    expect(messageUse(`import { m } from '$lib/paraglide/messages';\nshow(m);`)?.dynamic).toBe(true);
    expect(messageUse(`import * as all from '$lib/paraglide/messages';`)?.dynamic).toBe(true);
  });

  it('is null for a module that does not import the messages', () => {
    expect(messageUse(`const m = { a: 1 }; m.a;`)).toBeNull();
  });
});

describe('tableModule', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'client-messages-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function evaluate(code: string, name: string): Promise<Record<string, (i?: object) => string>> {
    const file = join(dir, `${name}.mjs`);
    writeFileSync(file, code);
    return import(pathToFileURL(file).href);
  }

  it('exports only the wanted messages of a language, plurals included', async () => {
    const ar = readFileSync(join(MESSAGES_DIR, 'ar.js'), 'utf8');
    const module = await evaluate(tableModule(ar, MESSAGES_DIR, ['about_coverage_total', 'nav_search']), 'ar');
    expect(Object.keys(module).sort()).toEqual(['about_coverage_total', 'nav_search']);
    expect(module.about_coverage_total({ count: 2 })).toMatch(/[\u0600-\u06ff]/);
  });

  it('keeps a fallback to another language (a message not yet translated)', async () => {
    const code = tableModule(
      `export const a = () => 'A';\nexport { nav_search, nav_about } from "./en.js"`,
      MESSAGES_DIR,
      ['a', 'nav_search', 'not_a_message'],
    );
    const module = await evaluate(code, 'fallback');
    expect(Object.keys(module).sort()).toEqual(['a', 'nav_search']);
    expect(module.a()).toBe('A');
    expect(module.nav_search()).toBe(EN.nav_search);
  });

  it('knows every message of every language module', () => {
    for (const locale of LOCALES)
      expect(exportedKeys(readFileSync(join(MESSAGES_DIR, `${locale}.js`), 'utf8')).sort()).toEqual(
        [...ALL_KEYS].sort(),
      );
  });
});

describe('the plan for the app’s routes', () => {
  const plan = planClientMessages(SRC, ALL_KEYS);

  it('finds the route nodes, and no module whose messages it cannot see', () => {
    expect([...plan.nodes.keys()]).toEqual(expect.arrayContaining([ROOT_LAYOUT, 'page', 'search/page', 'match/page']));
    expect([...plan.dynamic.keys()]).toEqual([]);
  });

  it('names only messages that exist', () => {
    for (const [group, keys] of plan.used)
      expect(
        [...keys].filter((k) => !ALL_KEYS.includes(k)),
        group,
      ).toEqual([]);
  });

  it('gives each node every message its files name, with the root layout’s', () => {
    const root = plan.keys.get(ROOT_LAYOUT)!;
    for (const [group, files] of plan.nodes) {
      const carried = new Set([...plan.keys.get(group)!, ...root]);
      for (const file of files.filter((f) => !/\.server\./.test(f))) {
        const use = messageUse(readFileSync(file, 'utf8'));
        expect(
          [...(use?.keys ?? [])].filter((k) => !carried.has(k)),
          file,
        ).toEqual([]);
      }
    }
  });

  it('keeps the account, provider, moderation and claim messages off the search page', () => {
    const search = [...plan.keys.get('search/page')!, ...plan.keys.get(ROOT_LAYOUT)!];
    expect(search.filter((k) => /^(account|provider|moderation|claim|listing_form)_/.test(k))).toEqual([]);
    expect(search.length).toBeLessThan(ALL_KEYS.length / 3);
  });

  it('fails the check when a module a node imports names a message the node does not carry', () => {
    const page = join(SRC, 'routes/search/+page.svelte');
    // A component the search page really imports (the result cards are rendered on the server now).
    const card = join(SRC, 'routes/search/SortControl.svelte');
    const graph: Record<string, string[]> = { [page]: [card], [card]: [] };
    const read = (f: string) =>
      f === card ? `import { m } from '$lib/paraglide/messages';\nm.account_title();` : readFileSync(f, 'utf8');
    const problems = checkAgainstGraph(plan, join(SRC, 'routes'), Object.keys(graph), (id) => graph[id] ?? [], read);
    expect(problems.join('\n')).toMatch(/SortControl\.svelte \(in search\/page\).*account_title/);
    expect(checkAgainstGraph(plan, join(SRC, 'routes'), Object.keys(graph), (id) => graph[id] ?? [])).toEqual([]);
  });
});

describe('in the browser (the built app, Arabic)', () => {
  const web = inject('webUrl');
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  function watchErrors(page: Page): string[] {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      // The document's own 404/403 (the error pages) is logged too; a script that fails to load is a pageerror.
      if (message.type() === 'error' && !/^Failed to load resource: .* status of 40[134]/.test(message.text()))
        errors.push(message.text());
    });
    return errors;
  }

  // One page of each route group that opens without an account (the others redirect to sign-in).
  const PAGES = [
    '/ar',
    '/ar/search?q=nurse&country=IE',
    '/ar/match',
    '/ar/about',
    '/ar/providers',
    '/ar/listings/ie-intreo',
    '/ar/account/signin',
    '/ar/account/signup',
    '/ar/account/reset',
    '/ar/moderation',
    '/ar/claim',
    '/ar/no-such-page',
  ];

  it.each(PAGES)('%s hydrates without errors', async (path) => {
    const page = await openPage(browser, PHONE);
    const errors = watchErrors(page);
    await page.goto(`${web}${path}`, { waitUntil: 'networkidle' });
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('navigates in the page between route groups, each with its messages', async () => {
    const page = await openPage(browser, PHONE);
    const errors = watchErrors(page);
    await page.goto(`${web}/ar/search?q=nurse`, { waitUntil: 'networkidle' });
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    for (const path of ['/ar/account/signin', '/ar/about', '/ar/match']) {
      await page.locator(`a[href="${path}"]`).first().click();
      await page.waitForURL(`${web}${path}`);
      await page.waitForLoadState('networkidle');
      await expect.poll(() => page.locator('h1').first().textContent()).toMatch(/[\u0600-\u06ff]/);
    }
    // Client-side navigation all along (a full load would have dropped the flag).
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
