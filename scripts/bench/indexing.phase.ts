import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ListingRecord } from '@skillway/core';
import { runIndexer, type ProgressReporter, type StageName } from '@skillway/indexer';
import { openStore } from '@skillway/store';
import { rebuildMeilisearchIndex } from '@skillway/store/search';
import { DATA_DIR } from '@skillway/store/testing';
import type { BenchResult } from './bench-result.schema';
import { processCpuSeconds } from './child-server';
import { round } from './latency-stats';

export interface IndexingInput {
  listings: readonly ListingRecord[];
  workDir: string;
  /** absent: the embedded engine only (`--engines sqlite`) */
  meilisearch?: { url: string; apiKey: string; pid: number };
  log: (line: string) => void;
}

/** Wall time of each indexer stage, from its own progress hooks. */
function timingReporter(log: (line: string) => void) {
  const seconds = new Map<StageName, number>();
  const reporter: ProgressReporter = {
    stage(name) {
      const started = performance.now();
      return {
        update() {},
        end(note) {
          const s = (performance.now() - started) / 1000;
          seconds.set(name, (seconds.get(name) ?? 0) + s);
          log(`  indexer ${name}: ${s.toFixed(2)} s${note ? ` (${note})` : ''}`);
        },
      };
    },
    close() {},
  };
  return { reporter, seconds: (name: StageName) => round(seconds.get(name) ?? 0) };
}

/**
 * Indexing through the real indexer (`npm run index`): a data folder with the generated listings.json
 * and the real taxonomy, read, validated and written to SQLite with the FTS index in one transaction,
 * then pushed to Meilisearch. Then a second, full Meilisearch rebuild, which this time swaps with the
 * live index as a re-index in production does.
 */
export async function measureIndexing(input: IndexingInput): Promise<{
  databasePath: string;
  result: BenchResult['indexing'];
}> {
  const dataDir = join(input.workDir, 'data');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, 'listings.json'), `[\n${input.listings.map((l) => JSON.stringify(l)).join(',\n')}\n]\n`);
  symlinkSync(join(DATA_DIR, 'taxonomy'), join(dataDir, 'taxonomy'));
  const databasePath = join(input.workDir, 'skillway.db');

  const { reporter, seconds } = timingReporter(input.log);
  // CPU time of the write stages alone: on a shared machine the wall clock also measures the neighbours.
  let cpuSeconds = 0;
  let cpuAtListings: NodeJS.CpuUsage | undefined;
  let meiliCpuAtStart = 0;
  const watchedReporter: ProgressReporter = {
    stage(name, total) {
      if (name === 'listings') cpuAtListings = process.cpuUsage();
      if (name === 'meilisearch' && input.meilisearch) meiliCpuAtStart = processCpuSeconds(input.meilisearch.pid);
      const stage = reporter.stage(name, total);
      if (name !== 'search index') return stage;
      return {
        update: stage.update,
        end(note) {
          const used = process.cpuUsage(cpuAtListings);
          cpuSeconds = (used.user + used.system) / 1e6;
          stage.end(note);
        },
      };
    },
    close: () => reporter.close(),
  };
  const summary = await runIndexer({
    dataDir,
    dbPath: databasePath,
    env: input.meilisearch ? { MEILI_URL: input.meilisearch.url, MEILI_MASTER_KEY: input.meilisearch.apiKey } : {},
    reporter: watchedReporter,
    now: '2026-11-22T00:00:00.000Z',
  });
  const meili = input.meilisearch;
  if (meili && summary.meilisearch.status !== 'rebuilt') {
    throw new Error(`the indexer did not fill Meilisearch: ${JSON.stringify(summary.meilisearch)}`);
  }
  const meiliCpuSeconds = meili ? processCpuSeconds(meili.pid) - meiliCpuAtStart : 0;
  const count = input.listings.length;
  const writeSeconds = seconds('listings') + seconds('search index');
  const meiliSeconds = seconds('meilisearch');

  let rebuild: { seconds: number; cpuSeconds: number } | undefined;
  if (meili) {
    const store = await openStore(databasePath);
    try {
      const started = performance.now();
      const cpuBefore = processCpuSeconds(meili.pid);
      await rebuildMeilisearchIndex(store.db, meili);
      rebuild = {
        seconds: round((performance.now() - started) / 1000),
        cpuSeconds: round(processCpuSeconds(meili.pid) - cpuBefore),
      };
    } finally {
      await store.close();
    }
    input.log(
      `  full Meilisearch rebuild with swap: ${rebuild.seconds.toFixed(2)} s (Meilisearch CPU ${rebuild.cpuSeconds} s)`,
    );
  }

  return {
    databasePath,
    result: {
      listings: count,
      sqlite: {
        listingsPerSecond: Math.round(count / writeSeconds),
        writeSeconds: round(writeSeconds),
        stages: {
          read: seconds('read'),
          validate: seconds('validate'),
          taxonomy: seconds('taxonomy'),
          listings: seconds('listings'),
          searchIndex: seconds('search index'),
        },
        indexerSeconds: round(summary.ms / 1000 - meiliSeconds),
        cpuSeconds: round(cpuSeconds),
        databaseMb: round(summary.dbSize / 1e6, 1),
      },
      ...(meili && {
        meilisearch: {
          listingsPerSecond: Math.round(count / meiliSeconds),
          seconds: meiliSeconds,
          serverCpuSeconds: round(meiliCpuSeconds),
        },
      }),
      ...(rebuild && {
        meilisearchRebuild: {
          seconds: rebuild.seconds,
          listingsPerSecond: Math.round(count / rebuild.seconds),
          serverCpuSeconds: rebuild.cpuSeconds,
        },
      }),
    },
  };
}
