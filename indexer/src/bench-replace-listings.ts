/**
 * How long replaceDataListings takes at 100,000 listings (about 12 multi-valued rows each), on a
 * temporary database file: a first load, a no-op re-run, and a re-run with 10% of the records changed.
 * Run: npx tsx indexer/src/bench-replace-listings.ts [count]
 * Reports figures only; nothing here asserts a time.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, replaceDataListings } from '@skillway/store';
import { INDEXER_CACHE_KIB } from './run-indexer';
import { fixtureListing } from './test-fixtures';

const count = Number(process.argv[2] ?? 100_000);
const countries = ['BE', 'HU', 'IE', 'IT', 'NL', 'SK', 'SI', 'ES', 'GB'] as const;
const records = Array.from({ length: count }, (_, i) => {
  const country = countries[i % countries.length]!;
  return fixtureListing(`${country.toLowerCase()}-generated-${i}`, {
    countries: [country],
    categories: ['job-matching', 'mentoring', 'language-training'],
    audiences: ['refugees', 'employers'],
    occupations: [String(2000 + (i % 1000)).slice(0, 4)],
    skills: [`skill ${i % 500}`, `tool ${i % 77}`],
    languages: ['en', 'ar'],
    delivery: ['in-person'],
    summary: `Generated listing number ${i}, which helps refugees find work in ${country}.`,
  });
});

const dir = mkdtempSync(join(tmpdir(), 'skillway-bench-'));
const store = await openStore(join(dir, 'bench.db'));
store.sqlite.pragma(`cache_size = -${INDEXER_CACHE_KIB}`); // as the indexer runs it
const time = async (label: string, input: typeof records) => {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await store.db.transaction().execute((trx) => replaceDataListings(trx, input));
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const { overridden: _o, ...counts } = result;
  // CPU time too: on a shared machine the wall clock also measures the neighbours.
  const cpuS = (used.user + used.system) / 1e6;
  console.log(
    `${label.padEnd(16)} ${(ms / 1000).toFixed(2)} s wall, ${cpuS.toFixed(2)} s CPU  ${JSON.stringify(counts)}`,
  );
};
try {
  const values = records.reduce(
    (n, r) =>
      n +
      r.countries.length +
      r.categories.length +
      r.audiences.length +
      r.occupations.length +
      r.skills.length +
      r.languages.length +
      r.delivery.length,
    0,
  );
  console.log(`${count.toLocaleString('en-GB')} listings, ${values.toLocaleString('en-GB')} listing_value rows`);
  await time('first load', records);
  await time('same data again', records);
  await time(
    '10% changed',
    records.map((r, i) => (i % 10 === 0 ? { ...r, summary: `${r.summary} Changed.` } : r)),
  );
  store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  console.log(`database file ${(statSync(join(dir, 'bench.db')).size / 1024 / 1024).toFixed(1)} MB`);
  await floor();
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

/**
 * The reference point: the same rows written with one prepared single-row statement per table, straight
 * through better-sqlite3 with no hashing and no Kysely, into a fresh database with the same schema.
 * What the schema itself costs on this machine.
 */
async function floor(): Promise<void> {
  const raw = await openStore(join(dir, 'floor.db'));
  raw.sqlite.pragma(`cache_size = -${INDEXER_CACHE_KIB}`);
  const listing = raw.sqlite.prepare(
    `insert into listing (id, kind, name, organisation_id, city, summary, cost, url, source_url, active, origin, content_hash, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 'data', 'hash', 'now', 'now')`,
  );
  const value = raw.sqlite.prepare(
    'insert into listing_value (listing_id, field, value, position) values (?, ?, ?, ?)',
  );
  const fields = ['countries', 'categories', 'audiences', 'occupations', 'skills', 'languages', 'delivery'] as const;
  const started = performance.now();
  const cpu = process.cpuUsage();
  raw.sqlite.transaction(() => {
    for (const r of records) {
      listing.run(r.id, r.kind, r.name, r.organisation, r.city, r.summary, r.cost, r.url, r.source_url);
      for (const f of fields) r[f].forEach((v, i) => value.run(r.id, f, v, i));
    }
  })();
  const used = process.cpuUsage(cpu);
  const cpuS = (used.user + used.system) / 1e6;
  console.log(
    `${'floor (raw SQL)'.padEnd(16)} ${((performance.now() - started) / 1000).toFixed(2)} s wall, ${cpuS.toFixed(2)} s CPU`,
  );
  await raw.close();
}
