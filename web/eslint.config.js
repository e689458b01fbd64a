// The repository's lint setup, plus what differs in the web app. ESLint 10 uses the config nearest to
// each file, so this one replaces the root config for web/ and must bring it along.
import root from '../eslint.config.js';

export default [
  ...root,
  { ignores: ['.svelte-kit/**', 'build/**', 'src/lib/paraglide/**'] },
  {
    files: ['**/*.svelte', '**/*.ts'],
    rules: {
      // Every internal link goes through localizePath (the language prefix), which resolve() does not
      // know about; the app has no base path for resolve() to add.
      'svelte/no-navigation-without-resolve': 'off',
    },
  },
];
