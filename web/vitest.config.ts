import { resolve } from 'node:path';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineProject } from 'vitest/config';
import { PARAGLIDE_OPTIONS } from './paraglide.options.ts';

/**
 * The web project: unit tests beside the code (src/**), and end-to-end tests (e2e/) that drive the
 * built app in Chromium against the real API. The global setup builds the app when its sources are
 * newer than the build, indexes the seed data into a temporary database and starts both servers.
 */
export default defineProject({
  // Unit tests cover plain TypeScript (no components), so SvelteKit's plugin is not needed: only $lib.
  plugins: [paraglideVitePlugin(PARAGLIDE_OPTIONS)],
  resolve: { alias: { $lib: resolve(import.meta.dirname, 'src/lib') } },
  test: {
    name: 'web',
    root: import.meta.dirname,
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts', 'client-messages.plugin.test.ts'],
    environment: 'node',
    globalSetup: ['e2e/global-setup.ts'],
    // One browser at a time: the machine has two cores shared by the API, the web server and Chromium;
    // and after the other projects, which run several files at once (vitest.config.ts at the root).
    fileParallelism: false,
    sequence: { groupOrder: 1 },
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
