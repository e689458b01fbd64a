import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileValidator } from '@skillway/core';
import { BenchResultSchema } from './bench-result.schema';
import { formatReport } from './report-table';
import { runBench } from './run-bench';

/** Every number anywhere in the figures, with its path, so a NaN or a missing value is named. */
function numbers(value: unknown, path = ''): [string, unknown][] {
  if (typeof value === 'number') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => numbers(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => numbers(v, path ? `${path}.${k}` : k));
  }
  return [];
}

const dir = mkdtempSync(join(tmpdir(), 'skillway-bench-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The whole harness at a tiny size, so it cannot rot: real indexer, real Meilisearch, the API as a
 * child process on each engine, autocannon, approvals over HTTP, the built web app. It checks that
 * every section is there with numbers, never how fast anything was.
 */
describe('npm run bench, quick', () => {
  it('measures every section on both engines and writes them as JSON', { timeout: 900_000 }, async () => {
    const out = join(dir, 'result.json');
    const lines: string[] = [];
    const { result, workDir, pids } = await runBench({
      size: 1_000,
      seed: 3,
      queries: 200,
      autocannonSeconds: 1,
      approvals: 2,
      webRequests: 20,
      apiWorkers: 2,
      out,
      log: (line) => lines.push(line),
    });
    // Where the time went, for whoever wonders why this test takes a minute or more.
    console.info(lines.join('\n'));
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(written).toEqual(result);

    expect(compileValidator(BenchResultSchema).errors(written)).toEqual([]);
    const notFinite = numbers(written).filter(([, v]) => !Number.isFinite(v));
    expect(notFinite).toEqual([]);

    expect(written.indexing.listings).toBe(1_000);
    for (const engine of ['sqlite', 'meilisearch'] as const) {
      const search = written.search.engines[engine];
      expect(search.direct.count).toBe(200);
      expect(search.api.count).toBe(200);
      expect(Object.values(search.answeredBy).reduce((a: number, b) => a + (b as number), 0)).toBe(200);
      expect(written.approval.engines[engine].samplesMs).toHaveLength(2);
      expect(written.memory[engine].rssMb).toBeGreaterThan(0);
    }
    expect(written.web.render.count).toBe(20);
    expect(written.web.firstLoadJs.gzipBytes).toBeGreaterThan(0);
    expect(written.targets.map((t: { id: string }) => t.id)).toEqual([
      'search-p95-api-sqlite',
      'api-overhead-sqlite',
      'search-p95-api-meilisearch',
      'api-overhead-meilisearch',
      'search-rps-sqlite',
      'search-rps-uncached-sqlite',
      'search-cpu-uncached-sqlite',
      'match-rps-sqlite',
      'match-rps-uncached-sqlite',
      'half-corpus-cost-sqlite',
      'meili-api-cpu',
      'meili-document-size',
      'index-meili',
      'index-sqlite',
      'meili-rebuild',
      'approval-sqlite',
      'approval-meilisearch',
      'api-memory-sqlite',
      'api-memory-peak-sqlite',
      'api-memory-all-sqlite',
      'api-memory-peak-all-sqlite',
      'api-memory-meilisearch',
      'api-memory-peak-meilisearch',
      'api-memory-all-meilisearch',
      'api-memory-peak-all-meilisearch',
      'web-render-cpu',
    ]);
    // Every row of issue 15's table, answered without an error, on the compiled API in 2 processes.
    expect(Object.keys(written.issue.engines.sqlite).sort()).toEqual(
      ['browse', 'health', 'matchUncached', 'nurse', 'refugees', 'searchUncached', 'twoFilters'].sort(),
    );
    expect(Object.keys(written.issue.engines.meilisearch).sort()).toEqual(
      ['meiliDirect', 'nurse', 'refugees', 'searchUncached'].sort(),
    );
    for (const engine of ['sqlite', 'meilisearch'] as const) {
      for (const row of Object.values(written.issue.engines[engine]) as {
        requestsPerSecond: number;
        non2xx: number;
      }[]) {
        expect(row.requestsPerSecond).toBeGreaterThan(0);
        expect(row.non2xx).toBe(0);
      }
      expect(written.memory[engine].workers).toBe(2);
      expect(written.memory[engine].processes).toHaveLength(3);
    }
    expect(written.issue.meilisearchDocuments.count).toBeGreaterThanOrEqual(1_000);

    const table = formatReport(written);
    for (const heading of [
      'Indexing',
      'Search latency',
      'API throughput',
      'Approval to searchable',
      'memory',
      'Web search page',
      'Targets',
      "Issue 15's table",
    ]) {
      expect(table).toContain(heading);
    }
    // Nothing it started is left behind: no process, no temp folder (Meilisearch's data lived in it).
    // Meilisearch, the web app, and each API's primary with its two workers.
    expect(pids).toHaveLength(8);
    const alive = pids.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(alive).toEqual([]);
    expect(existsSync(workDir)).toBe(false);
  });
});
