import { resolve } from 'node:path';

/**
 * One set of Paraglide compiler options for the build and the tests (absolute paths: the tests run
 * from the repository root). The project's settings.json names the message-format plugin by a local
 * path, not the usual CDN URL, so compiling needs no network.
 * Locale comes from the URL only: English at the root, the others under /<locale>/, so a shared link
 * opens in the language it was shared in.
 */
export const PARAGLIDE_OPTIONS = {
  project: resolve(import.meta.dirname, 'project.inlang'),
  outdir: resolve(import.meta.dirname, 'src/lib/paraglide'),
  strategy: ['url', 'baseLocale'] as ('url' | 'baseLocale')[],
  emitGitIgnore: true,
  // One module per language, so the browser can load only the page's language (client-messages.plugin.ts).
  outputStructure: 'locale-modules' as const,
};
