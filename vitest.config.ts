import { defineConfig } from 'vitest/config';

const node = (name: string, extra: Record<string, unknown> = {}) => ({
  extends: true as const,
  test: { name, root: name, include: ['src/**/*.test.ts'], environment: 'node', ...extra },
});

export default defineConfig({
  test: {
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
