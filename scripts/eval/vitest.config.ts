import { defineConfig } from 'vitest/config';

/**
 * The eval set's integrity test. The root vitest.config.ts runs scripts' tests from scripts/src and
 * scripts/bench only, so this folder has its own config:
 *   npx vitest run --config scripts/eval/vitest.config.ts
 */
export default defineConfig({
  test: {
    name: 'scripts-eval',
    root: import.meta.dirname,
    include: ['*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
