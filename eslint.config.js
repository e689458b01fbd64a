// One lint setup for the whole monorepo: TypeScript rules everywhere, Svelte rules in web/.
import js from '@eslint/js';
import globals from 'globals';
import svelte from 'eslint-plugin-svelte';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/.svelte-kit/**',
      'web/build/**',
      'var/**',
      'dist/**',
      'scripts/bench/results/**',
      'test-artifacts/**',
      'web/src/lib/paraglide/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // One typed environment per process (issue 13): only config modules read process.env; everything
    // else gets their checked config. Tests, test servers, the start launcher and the benches compose
    // environments for child processes.
    files: ['**/*.ts', '**/*.js', '**/*.svelte'],
    ignores: [
      '**/config.ts',
      '**/*.test.ts',
      '**/testing/**',
      '**/*.config.ts',
      '**/*.config.js',
      'scripts/start.ts',
      'scripts/bench/**',
      'web/e2e/**',
      'e2e/**', // web/e2e, as web/eslint.config.js sees it
      // API_WORKERS is read here until it joins ApiConfig (api/src/config.ts).
      'api/src/cluster.ts',
    ],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message:
            "Read settings from this process's config module (api/src/config.ts, indexer/src/config.ts, scripts/src/config.ts, web/src/lib/server/config.ts).",
        },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
);
