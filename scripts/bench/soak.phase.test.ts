import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileValidator } from '@skillway/core';
import { runIndexer } from '@skillway/indexer';
import { DATA_DIR } from '@skillway/store/testing';
import { createBenchAccounts } from './approval.phase';
import { SoakSchema } from './bench-result.schema';
import { startApiProcess } from './child-server';
import { MATCH_REQUESTS, buildQueryMix, toQueryString } from './query-mix';
import { formatSoak } from './report-table';
import { defaultSoak } from './run-bench';
import { runSoak } from './soak.phase';

const dir = mkdtempSync(join(tmpdir(), 'skillway-soak-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * The soak's machinery at a few seconds instead of ten minutes: the seed data indexed by the real
 * indexer, the API as a child process on a loopback port, two clients sending the mixed load, RSS
 * sampled every second. It checks the shape of the figures and that it stops by itself, never how
 * fast anything was or whether memory came back (a few seconds say nothing about that).
 */
describe('npm run bench -- --soak, in seconds', () => {
  it('loads a real API with searches, matches and approvals and reads its memory', { timeout: 180_000 }, async () => {
    const databasePath = join(dir, 'skillway.db');
    await runIndexer({
      dataDir: DATA_DIR,
      dbPath: databasePath,
      env: {},
      reporter: { stage: () => ({ update() {}, end() {} }), close() {} },
    });
    const accounts = await createBenchAccounts(databasePath);
    const api = await startApiProcess({ databasePath });
    expect(new URL(api.url).hostname).toBe('127.0.0.1');
    const lines: string[] = [];
    let soak: Awaited<ReturnType<typeof runSoak>>;
    let apiLogs: string;
    const started = performance.now();
    try {
      soak = await runSoak({
        origin: api.url,
        engine: 'sqlite',
        rssMb: () => api.memory().rssMb,
        peakRssMb: () => api.memory().peakRssMb,
        accounts,
        searchPaths: buildQueryMix(60, 5).map((m) => `/api/v1/search?${toQueryString(m.query)}`),
        matchBodies: MATCH_REQUESTS,
        durationSeconds: 5,
        sampleSeconds: 1,
        warmupSeconds: 2,
        cooldownSeconds: 1,
        connections: 2,
        seed: 5,
        log: (line) => lines.push(line),
      });
    } finally {
      apiLogs = api.logs();
      await api.stop();
    }
    const took = (performance.now() - started) / 1000;
    console.info(lines.join('\n'));

    expect(compileValidator(SoakSchema).errors(soak)).toEqual([]);
    // Stops by itself: the load ends at its duration, then one second of quiet (and a margin for log-in
    // and a slow last request on a loaded machine).
    expect(soak.loadSeconds).toBeGreaterThanOrEqual(5);
    expect(took).toBeLessThan(5 + 1 + 30);
    expect(alive(api.pid)).toBe(false);

    // Every kind of load was sent and answered, and nothing failed.
    expect(soak.operations.search).toBeGreaterThan(0);
    expect(soak.operations.match).toBeGreaterThan(0);
    expect(soak.operations.approvals).toBeGreaterThan(0);
    expect(soak.latencyMs.approve.count).toBe(soak.operations.approvals);
    // a failed request is explained by the API's own log (the SQLITE_BUSY of two workers writing was)
    if (soak.errors.total > 0) console.error(apiLogs);
    expect(soak.errors).toEqual({ total: 0, byKind: {} });
    expect(soak.requests).toBe(soak.samples.reduce((a, s) => a + s.requests, 0));

    // A reading about every second, and one when the load stopped.
    expect(soak.samples.length).toBeGreaterThanOrEqual(4);
    for (const s of soak.samples) expect(s.rssMb).toBeGreaterThan(0);
    const m = soak.memory;
    expect(m.afterWarmupMb).toBe(soak.samples.find((s) => s.seconds >= 1.5)!.rssMb);
    expect(m.limitMb).toBeCloseTo(m.afterWarmupMb * 1.1, 1);
    expect(m.returnedWithinTolerance).toBe(m.afterCooldownMb <= m.limitMb);
    expect(m.peakRssMb).toBeGreaterThanOrEqual(m.endOfLoadMb);

    const text = formatSoak(soak).join('\n');
    expect(text).toContain('Soak (API on the embedded engine');
    expect(text).toMatch(/errors: 0/);
    expect(text).toMatch(/of the post-warm-up level/);
  });

  it('runs 10 minutes by default, reading RSS every 30 s after a one-minute warm-up', () => {
    expect(defaultSoak()).toEqual({
      engine: 'sqlite',
      durationSeconds: 600,
      sampleSeconds: 30,
      warmupSeconds: 60,
      cooldownSeconds: 30,
      connections: 4,
    });
    // Shorter soaks scale their readings down rather than reading once.
    expect(defaultSoak(0.5)).toMatchObject({ durationSeconds: 30, sampleSeconds: 3, warmupSeconds: 6 });
  });
});
