import { resolve } from 'node:path';
import type { Plugin } from 'vite';

/**
 * Paraglide puts every language of a message into the browser bundle. With 11 languages that made the
 * search page's JavaScript ~20 KB (gzip) heavier than the page itself needs. In the browser build this
 * plugin swaps the messages module for a loader that fetches one language's module (the page's), before
 * hydration (see routes/+layout.ts). The server build keeps Paraglide's own modules.
 *
 * It relies on `outputStructure: 'locale-modules'` (one module per language) in paraglide.options.ts.
 */
export function clientMessagesPerLocale(options: { outdir: string; locales: readonly string[] }): Plugin {
  const VIRTUAL = '\0skillway:client-messages';
  const replaced = new Set(
    [
      resolve(options.outdir, 'messages'),
      resolve(options.outdir, 'messages.js'),
      resolve(import.meta.dirname, 'src/lib/i18n/client-messages'),
      resolve(import.meta.dirname, 'src/lib/i18n/client-messages.ts'),
    ].map((p) => p.replaceAll('\\', '/')),
  );
  return {
    name: 'skillway:client-messages-per-locale',
    enforce: 'pre',
    async resolveId(id, importer, resolveOptions) {
      const isClient = this.environment ? this.environment.config.consumer === 'client' : !resolveOptions?.ssr;
      if (!isClient || id === VIRTUAL) return null;
      const resolved =
        id.startsWith('/') || id.startsWith('.') ? resolve(importer ? resolve(importer, '..') : '', id) : id;
      return replaced.has(resolved.replaceAll('\\', '/')) ? VIRTUAL : null;
    },
    load(id) {
      if (id !== VIRTUAL) return null;
      const loaders = options.locales
        .map(
          (l) =>
            `${JSON.stringify(l)}: () => import(${JSON.stringify(resolve(options.outdir, 'messages', `${l}.js`))})`,
        )
        .join(',\n  ');
      return `
const loaders = {
  ${loaders}
};
let current = {};
let loaded;
/** Loads the page language's messages; called by the root layout's load before hydration. */
export async function loadMessages(locale) {
  if (loaded === locale) return;
  current = await (loaders[locale] ?? loaders.en)();
  loaded = locale;
}
/** Same calls as Paraglide's m.key(inputs), answered from the loaded language. */
export const m = new Proxy({}, { get: (_, key) => (inputs) => current[key](inputs ?? {}) });
`;
    },
  };
}
