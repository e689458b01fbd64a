import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const node = (name: string, extra: Record<string, unknown> = {}) => ({
  extends: true as const,
  test: { name, root: name, include: ['src/**/*.test.ts'], environment: 'node', ...extra },
});

export default defineConfig({
  test: {
    // At least two test files at a time (Vitest's default is the cores minus one: one on CI's two).
    // Most of a file's time is spent waiting for what it starts (Meilisearch, PostgreSQL, API servers,
    // child processes): the store's suites took 228 s one at a time and 125 s two at a time on 2 cores.
    // The web project runs alone afterwards (its groupOrder), one file at a time (its config).
    maxWorkers: Math.max(2, availableParallelism()),
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Each workspace is a project; web has its own config (Svelte plugin, browser tests).
    projects: [
      node('core'),
      node('query'),
      node('store'),
      node('indexer'),
      node('api'),
      node('scripts', { include: ['src/**/*.test.ts', 'bench/**/*.test.ts', 'eval/**/*.test.ts'] }),
      'web/vitest.config.ts',
    ],
  },
});
