/**
 * How /match holds up at scale: `npx tsx scripts/eval/match-scale.ts [count]` (default 100000).
 * Loads the real taxonomy and `count` synthetic listings (store/src/testing/generate-listings.ts) into
 * a temporary SQLite file, builds the embedded search index, then times the matcher in-process on a
 * mix of requests (after a warm-up) and prints the median and 95th percentile of each. Not a test:
 * timings depend on the machine, so nothing here passes or fails.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MatchRequest } from '@skillway/core';
import { openStore, replaceDataListings, replaceTaxonomy } from '@skillway/store';
import { generateListings, readTaxonomyFiles } from '@skillway/store/testing';
import { createMatcher, loadListingSnapshot, loadTaxonomyLexicon } from '@skillway/store/match';
import { createSearchEngine, rebuildSqliteSearchIndex } from '@skillway/store/search';

const REQUESTS: [string, MatchRequest][] = [
  ['occupation code + country + needs', { occupations: ['2221'], country: 'IE', needs: ['qualification-recognition'] }],
  ['broad occupation, no country', { occupations: ['22'] }],
  ['free text (en)', { text: 'I was a pharmacist in Syria', country: 'NL' }],
  ['free text (es) + languages', { text: 'soy enfermera', country: 'ES', languages: ['ar', 'es'], lang: 'es' }],
  ['employer', { text: 'hire refugees', country: 'GB', audience: 'employers', needs: ['employer-support'] }],
  ['skills only', { skills: ['nursing', 'English'], country: 'BE' }],
];
const RUNS = 15;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100_000);
  const dir = mkdtempSync(join(tmpdir(), 'skillway-match-scale-'));
  const store = await openStore(join(dir, 'scale.db'));
  try {
    let t = performance.now();
    await store.db.transaction().execute(async (trx) => {
      await replaceTaxonomy(trx, readTaxonomyFiles());
      await replaceDataListings(trx, generateListings(count));
      await rebuildSqliteSearchIndex(trx);
    });
    console.log(
      `Loaded ${count} listings and built the search index in ${((performance.now() - t) / 1000).toFixed(1)} s.`,
    );

    t = performance.now();
    const taxonomy = await loadTaxonomyLexicon(store.db);
    console.log(
      `Taxonomy lexicon: ${Math.round(performance.now() - t)} ms (once per process, and when the taxonomy changes).`,
    );
    t = performance.now();
    await loadListingSnapshot(store.db, (uri) => taxonomy.occupations.get(uri)?.isco);
    console.log(
      `Listing snapshot: ${Math.round(performance.now() - t)} ms (again after each listing change; in the background above 250 ms).`,
    );

    const matcher = createMatcher({ db: store.db, engine: createSearchEngine(store, {}) });
    t = performance.now();
    await matcher.warm();
    console.log(`Matcher warm-up (both): ${Math.round(performance.now() - t)} ms.\n`);

    console.log('request                               median     p95   results  took_ms (last)');
    for (const [label, request] of REQUESTS) {
      for (let i = 0; i < 3; i++) await matcher.match(request);
      const times: number[] = [];
      let last = 0;
      let results = 0;
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        const response = await matcher.match(request);
        times.push(performance.now() - started);
        last = response.took_ms;
        results = response.results.length;
      }
      times.sort((a, b) => a - b);
      console.log(
        `${label.padEnd(36)} ${percentile(times, 0.5).toFixed(1).padStart(6)} ms ${percentile(times, 0.95).toFixed(1).padStart(6)} ms ${String(results).padStart(6)}  ${last}`,
      );
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
