import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { readFileSync } from 'node:fs';
import { clientMessagesPerLocale } from './client-messages.plugin.ts';
import { PARAGLIDE_OPTIONS } from './paraglide.options.ts';
import { cacheRegistryFormatters, REGISTRY_FILE } from './src/lib/i18n/cached-formatters.ts';

// The project's own list (core's UI_LANGUAGES is TypeScript, which the config loader cannot import).
const SETTINGS: { locales: string[]; baseLocale: string } = JSON.parse(
  readFileSync(`${PARAGLIDE_OPTIONS.project}/settings.json`, 'utf8'),
);

export default defineConfig({
  plugins: [
    paraglideVitePlugin(PARAGLIDE_OPTIONS),
    // Plurals and numbers in messages reuse one Intl formatter per locale (cached-formatters.ts).
    {
      name: 'skillway:cached-intl-formatters',
      transform: (code, id) => (REGISTRY_FILE.test(id) ? cacheRegistryFormatters(code) : undefined),
    },
    // The browser gets, per route node, only the messages its code names (see the plugin).
    clientMessagesPerLocale({
      outdir: PARAGLIDE_OPTIONS.outdir,
      locales: SETTINGS.locales,
      baseLocale: SETTINGS.baseLocale,
    }),
    sveltekit(),
  ],
  ssr: {
    // The API's @fastify/cookie hoists cookie@2 to the root node_modules; SvelteKit needs its own 0.6.
    // Bundling it resolves the import from SvelteKit's folder instead of the root.
    noExternal: ['cookie'],
  },
});
