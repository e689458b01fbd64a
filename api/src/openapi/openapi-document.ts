import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config';
import { buildServer } from '../server';

/**
 * The OpenAPI document exactly as the running API serves it at /api/v1/openapi.json, built from a
 * throw-away empty database (the document does not depend on data).
 */
export async function buildOpenApiDocument(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'skillway-openapi-'));
  try {
    const server = await buildServer(loadConfig({ LOG_LEVEL: 'silent', DATABASE_PATH: join(dir, 'empty.db') }));
    try {
      return server.swagger() as unknown as Record<string, unknown>;
    } finally {
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
