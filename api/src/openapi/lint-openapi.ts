import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { childProcessEnv } from '../config';
import { buildOpenApiDocument } from './openapi-document';

const API_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Lints the API's OpenAPI document with Redocly CLI's recommended rules, every warning an error
 * (api/redocly.yaml; accepted exceptions in api/.redocly.lint-ignore.yaml). Redocly runs offline:
 * no telemetry, no update check.
 */
export async function lintOpenApi(): Promise<{ ok: boolean; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'skillway-openapi-lint-'));
  try {
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(await buildOpenApiDocument(), null, 2));
    copyFileSync(join(API_DIR, 'redocly.yaml'), join(dir, 'redocly.yaml'));
    copyFileSync(join(API_DIR, '.redocly.lint-ignore.yaml'), join(dir, '.redocly.lint-ignore.yaml'));
    const cli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
    const result = spawnSync(process.execPath, [cli, 'lint', 'openapi.json', '--config', 'redocly.yaml'], {
      cwd: dir,
      encoding: 'utf8',
      env: childProcessEnv({ REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' }),
    });
    return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { ok, output } = await lintOpenApi();
  process.stdout.write(output);
  process.exitCode = ok ? 0 : 1;
}
