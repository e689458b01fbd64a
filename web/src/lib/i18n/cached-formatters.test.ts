import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheRegistryFormatters, REGISTRY_FILE } from './cached-formatters';

// The registry as Paraglide generated it for this project (the test run compiles it, as the build does).
const REGISTRY = resolve(import.meta.dirname, '../paraglide/registry.js');

type Registry = {
  plural: (locale: string, input: unknown, options?: Intl.PluralRulesOptions) => string;
  number: (locale: string, input: unknown, options?: Intl.NumberFormatOptions) => string;
  datetime: (locale: string, input: unknown, options?: Intl.DateTimeFormatOptions) => string;
};

async function rewrittenRegistry(): Promise<Registry> {
  const file = join(mkdtempSync(join(tmpdir(), 'skillway-registry-')), 'registry.mjs');
  writeFileSync(file, cacheRegistryFormatters(readFileSync(REGISTRY, 'utf8')));
  return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as Registry;
}

const OriginalPluralRules = Intl.PluralRules;
/** Intl, writable: a test counts the formatters made by putting a counting class in its place. */
const intl = Intl as { PluralRules: typeof Intl.PluralRules };
afterEach(() => {
  intl.PluralRules = OriginalPluralRules;
});

describe('cacheRegistryFormatters', () => {
  it('applies to the generated registry', () => {
    expect(REGISTRY_FILE.test(REGISTRY)).toBe(true);
  });

  it('answers as Intl does, in every script and with options', async () => {
    const registry = await rewrittenRegistry();
    for (const [locale, n] of [
      ['en', 1],
      ['en', 7],
      ['ar', 0],
      ['ar', 2],
      ['ar', 11],
      ['uk', 3],
      ['uk', 5],
      ['sl', 2],
      ['fa', 1],
    ] as const) {
      expect(registry.plural(locale, n, {})).toBe(new Intl.PluralRules(locale, {}).select(n));
      expect(registry.plural(locale, n, { type: 'ordinal' })).toBe(
        new Intl.PluralRules(locale, { type: 'ordinal' }).select(n),
      );
      expect(registry.number(locale, 12345.6, {})).toBe(new Intl.NumberFormat(locale, {}).format(12345.6));
    }
    expect(registry.number('fr', 0.5, { style: 'percent' })).toBe(
      new Intl.NumberFormat('fr', { style: 'percent' }).format(0.5),
    );
    expect(registry.datetime('hu', '2024-10-28T00:00:00Z', { dateStyle: 'long', timeZone: 'UTC' })).toBe(
      new Intl.DateTimeFormat('hu', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date('2024-10-28T00:00:00Z')),
    );
  });

  it('makes a formatter once per locale and options', async () => {
    const registry = await rewrittenRegistry();
    let made = 0;
    intl.PluralRules = class extends OriginalPluralRules {
      constructor(...args: ConstructorParameters<typeof Intl.PluralRules>) {
        super(...args);
        made += 1;
      }
    } as typeof Intl.PluralRules;
    for (let i = 0; i < 50; i++) {
      registry.plural('nl', i, {});
      registry.plural('sk', i, {});
      registry.plural('sk', i, { type: 'ordinal' });
    }
    expect(made).toBe(3);
  });

  it('refuses a registry it cannot rewrite', () => {
    expect(() => cacheRegistryFormatters('export function plural(l, n) { return "other" }')).toThrow(
      /no longer builds/,
    );
  });
});
