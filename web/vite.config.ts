import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { PARAGLIDE_OPTIONS } from './paraglide.options.ts';

export default defineConfig({
  plugins: [paraglideVitePlugin(PARAGLIDE_OPTIONS), sveltekit()],
  ssr: {
    // The API's @fastify/cookie hoists cookie@2 to the root node_modules; SvelteKit needs its own 0.6.
    // Bundling it resolves the import from SvelteKit's folder instead of the root.
    noExternal: ['cookie'],
  },
});
