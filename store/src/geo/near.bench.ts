/**
 * What near me costs the embedded engine at scale: CPU time of this process per search (process.cpuUsage,
 * which neighbours on a shared machine do not inflate), through the search service without its result
 * cache, each query repeated after a warm-up (per-generation caches warm, the answer computed each time).
 *
 *   npx tsx store/src/geo/near.bench.ts [--size 20000] [--repeat 50]
 */
import { parseArgs } from 'node:util';
import type { SearchQuery } from '@skillway/core';
import { createSeededStore, generateListings, readSeedListings } from '../testing';
import { SqliteSearchEngine } from '../search/sqlite.search-engine';
import { rebuildSqliteSearchIndex } from '../search/rebuild';
import { createSearchService } from '../search/search.service';
import { MatchDataCache } from '../match/match-data.cache';
import { gazetteer } from './gazetteer';

const { values } = parseArgs({
  options: { size: { type: 'string', default: '20000' }, repeat: { type: 'string', default: '50' } },
});
const size = Number(values.size);
const repeat = Number(values.repeat);

const PAIRS: [string, SearchQuery][] = [
  ['browse', {}],
  ['browse near=Cork', { near: 'Cork' }],
  ['q=nurse', { q: 'nurse' }],
  ['q=nurse near=Cork', { q: 'nurse', near: 'Cork' }],
  ['q=refugees', { q: 'refugees' }],
  ['q=refugees near=Milan', { q: 'refugees', near: 'Milan' }],
  ['q=refugees near=Crok (typo)', { q: 'refugees', near: 'Crok' }],
  ['country=IT,EU', { country: ['IT', 'EU'] }],
  ['near=Milano, page 5', { near: 'Milano', page: 5 }],
];

async function cpuMs(work: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(10, repeat); i++) await work();
  const before = process.cpuUsage();
  for (let i = 0; i < repeat; i++) await work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / repeat;
}

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let started = cpu();
gazetteer();
console.log(`gazetteer load: ${(cpu() - started).toFixed(0)} ms CPU`);
const listings = [...readSeedListings(), ...generateListings(size - readSeedListings().length, { seed: 1 })];
const store = await createSeededStore(listings);
try {
  started = cpu();
  await rebuildSqliteSearchIndex(store.db);
  console.log(`${listings.length} listings indexed: ${(cpu() - started).toFixed(0)} ms CPU`);
  const engine = new SqliteSearchEngine(store);
  const service = createSearchService({ engine, data: new MatchDataCache(store.db) });
  const first = cpu();
  const r = await service.search({ near: 'Cork' });
  console.log(`first near search (reads every point): ${(cpu() - first).toFixed(1)} ms CPU, total ${r.total}`);
  for (const [label, query] of PAIRS) {
    const ms = await cpuMs(() => service.search(query));
    const { total, hits } = await service.search(query);
    const placed = hits.filter((h) => h.point).length;
    console.log(
      `  ${label.padEnd(30)} ${ms.toFixed(2).padStart(7)} ms CPU   total ${String(total).padStart(6)}, ${placed}/${hits.length} on page placed`,
    );
  }
} finally {
  await store.dispose();
}
