import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Production images run a supported Node LTS (issue 16, finding 9): Node 20 reached end-of-life on
 * 2026-04-30. Both stages use the same major, so the native better-sqlite3 built in the first stage
 * loads in the second.
 */
describe('Dockerfile', () => {
  it('builds and runs on Node 22 or 24, the same major in every stage', () => {
    const dockerfile = readFileSync(resolve(import.meta.dirname, '../../Dockerfile'), 'utf8');
    const images = [...dockerfile.matchAll(/^FROM\s+node:(\d+)[^\s]*/gm)].map((m) => Number(m[1]));
    expect(images.length).toBeGreaterThan(0);
    for (const major of images) expect([22, 24]).toContain(major);
    expect(new Set(images).size).toBe(1);
  });
});
