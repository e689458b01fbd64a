import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from 'svelte/compiler';
import { render } from 'svelte/server';
import type { Component } from 'svelte';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import type { UnderstoodView } from '$lib/understood/understood';

/**
 * The chips as the server renders them (the HTML a phone without JavaScript gets). The web project's
 * unit tests run without SvelteKit's plugin, so the component is compiled here with Svelte's own
 * compiler, its imports pointed at the same modules the test uses.
 */

const LIB = resolve(import.meta.dirname, '..');
let dir: string;
let UnderstoodChips: Component<{ view: UnderstoodView; id?: string }>;
let locale = 'en';

beforeAll(async () => {
  const source = readFileSync(resolve(import.meta.dirname, 'UnderstoodChips.svelte'), 'utf8');
  const { js } = compile(source, { generate: 'server', filename: 'UnderstoodChips.svelte' });
  const require = createRequire(import.meta.url);
  const code = js.code
    .replaceAll(`'svelte/internal/server'`, `'${pathToFileURL(require.resolve('svelte/internal/server')).href}'`)
    .replaceAll(`"svelte/internal/server"`, `'${pathToFileURL(require.resolve('svelte/internal/server')).href}'`)
    .replace(/(['"])\$lib\/([^'"]+)\1/g, (_, _q, path: string) => `'${pathToFileURL(join(LIB, path)).href}.js'`);
  dir = mkdtempSync(join(tmpdir(), 'skillway-chips-'));
  const file = join(dir, 'UnderstoodChips.js');
  writeFileSync(file, code);
  UnderstoodChips = (await import(/* @vite-ignore */ pathToFileURL(file).href)).default;
  overwriteGetLocale(() => locale as never);
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function html(view: UnderstoodView, lang = 'en', id?: string): string {
  locale = lang;
  const { body } = render(UnderstoodChips, { props: id ? { view, id } : { view } });
  // Comments are Svelte's hydration markers: not part of what a person reads.
  return body.replace(/<!--[^>]*-->/g, '');
}

const VIEW: UnderstoodView = {
  concepts: [
    {
      kind: 'occupation',
      label: 'nurse',
      filter: false,
      removeHref: '/search?q=a&ignore=occupation%3A2221',
    },
    {
      kind: 'need',
      label: 'diploma recognition',
      filter: false,
      removeHref: '/search?q=a&ignore=need%3Aqualification-recognition',
    },
    {
      kind: 'country',
      label: 'Ireland',
      filter: true,
      removeHref: '/search?q=a&ignore=country%3AIE',
    },
  ],
  correction: null,
};

const text = (fragment: string) =>
  fragment
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
function items(markup: string): string[] {
  return [...markup.matchAll(/<li\b[^>]*>([\s\S]*?)<\/li>/g)].map((m) => m[0]);
}

describe('UnderstoodChips', () => {
  it('is a list labelled "We understood:", one item per concept, in order', () => {
    const doc = html(VIEW);
    const label = /<p class="understood-label[^"]*" id="understood-label">([^<]*)<\/p>/.exec(doc);
    expect(label?.[1]).toBe('We understood:');
    expect(doc).toMatch(/<ul class="concepts[^"]*" aria-labelledby="understood-label">/);
    expect(items(doc).map((li) => text(li.replace(/<span class="visually-hidden[^"]*">[^<]*<\/span>/, '')))).toEqual([
      'nurse ✕',
      'diploma recognition ✕',
      'Ireland filter ✕',
    ]);
  });

  it('each remove control is a plain link to the page without it, named for what it removes', () => {
    const [nurse, , ireland] = items(html(VIEW));
    expect(nurse).toContain('href="/search?q=a&amp;ignore=occupation%3A2221"');
    expect(ireland).toContain('href="/search?q=a&amp;ignore=country%3AIE"');
    expect(/<span class="visually-hidden">([^<]*)<\/span>/.exec(ireland!)?.[1]).toBe(
      'Remove “Ireland” from the search',
    );
    // The ✕ itself is hidden from screen readers: the link's name is the sentence above.
    expect(ireland).toMatch(/<span aria-hidden="true">✕<\/span>/);
  });

  it('marks filters subtly and isolates every label (bidi)', () => {
    const [nurse, , ireland] = items(html(VIEW));
    expect(ireland).toMatch(/class="concept[^"]*\bfilter\b/);
    expect(ireland).toMatch(/<span class="concept-effect[^"]*">filter<\/span>/);
    expect(nurse).not.toContain('concept-effect');
    for (const li of items(html(VIEW))) expect(li).toMatch(/<bdi class="concept-label[^"]*">/);
  });

  it('in Arabic: the heading and the link names are Arabic, the Latin labels stay isolated', () => {
    const doc = html(VIEW, 'ar');
    expect(doc).toContain('>فهمنا ما يلي:</p>');
    const ireland = items(doc)[2]!;
    expect(ireland).toContain('إزالة «Ireland» من البحث');
    expect(ireland).toContain('>تصفية</span>');
    expect(ireland).toMatch(/<bdi class="concept-label[^"]*">Ireland<\/bdi>/);
  });

  it('without remove links (match), the chips only tell', () => {
    const doc = html({ concepts: VIEW.concepts.map((c) => ({ ...c, removeHref: null })), correction: null }, 'en', 'm');
    expect(doc).not.toContain('<a ');
    expect(doc).toContain('aria-labelledby="m-label"');
  });

  it('says a correction with the words in bold and isolated, and no list when nothing else was understood', () => {
    const doc = html({
      concepts: [],
      correction: [
        { text: 'Showing results for ' },
        { slot: 'corrected', text: 'nurse' },
        { text: ' (you typed ' },
        { slot: 'typed', text: 'nurce' },
        { text: ')' },
      ],
    });
    expect(doc).toContain('<p class="correction svelte-');
    expect(text(doc)).toBe('Showing results for nurse (you typed nurce)');
    expect(doc).toMatch(/<bdi class="corrected[^"]*">nurse<\/bdi>/);
    expect(doc).toMatch(/<bdi class="typed[^"]*">nurce<\/bdi>\)/);
    expect(doc).not.toContain('<ul');
  });
});
