/**
 * Meilisearch at scale without the rest of the bench: a full rebuild (fill a fresh index, swap) from an
 * existing SQLite database, with wall clock, this process's CPU and Meilisearch's CPU, the average
 * document size; then searches through the engine in this process (what the API does per search, minus
 * HTTP), each timed in this process's CPU and Meilisearch's.
 * Run: npx tsx indexer/src/bench-meilisearch.ts --db <indexed.db> [--searches 200] [--meili-args "--max-indexing-threads 2"]
 * (an indexed database: `npx tsx indexer/src/cli.ts --data <dir> --db <path>`). Reports figures only.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { openStore } from '@skillway/store';
import { createSearchEngine, rebuildMeilisearchIndex } from '@skillway/store/search';
import { startMeilisearch } from '@skillway/store/testing';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    searches: { type: 'string', default: '200' },
    'meili-args': { type: 'string', default: '' },
    'no-rebuild': { type: 'boolean', default: false },
    url: { type: 'string' },
    key: { type: 'string' },
    pid: { type: 'string' },
  },
});
if (!values.db) throw new Error('--db <indexed SQLite database> is required');

function processCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
const ownCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

const QUERIES = [
  'nurse',
  'refugees',
  'language course',
  'verpleegkundige',
  'ápoló',
  'cursos de idiomas',
  'welder',
  'diploma recognition',
  'mentoring for engineers',
  'software developer',
  'doctor',
  'enfermera',
  'teacher',
  'job',
  'accountant',
  'electrician ireland',
];

const server =
  values.url && values.pid
    ? undefined
    : await startMeilisearch({ args: values['meili-args'] ? values['meili-args'].split(' ') : [] });
const url = values.url ?? server!.url;
const apiKey = values.key ?? server!.apiKey;
const pid = Number(values.pid ?? server!.pid);
const store = await openStore(values.db, { readonly: true });
try {
  const count = Number(
    ((await store.db.selectFrom('listing').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()) as {
      n: number;
    }).n,
  );
  if (!values['no-rebuild']) {
    const load = loadavg()[0]!.toFixed(1);
    const started = performance.now();
    const cpu = ownCpu();
    const meiliCpu = processCpuSeconds(pid);
    await rebuildMeilisearchIndex(store.db, { url, apiKey });
    const wall = (performance.now() - started) / 1000;
    const meili = processCpuSeconds(pid) - meiliCpu;
    console.log(
      `rebuild of ${count} listings: ${wall.toFixed(1)} s wall (${Math.round(count / wall)}/s), ` +
        `indexer CPU ${(ownCpu() - cpu).toFixed(1)} s, Meilisearch CPU ${meili.toFixed(1)} s ` +
        `(${Math.round(count / meili)} listings per Meilisearch CPU s); load ${load} -> ${loadavg()[0]!.toFixed(1)}`,
    );
  }
  const stats = (await (
    await fetch(`${url}/indexes/listings/stats`, { headers: { authorization: `Bearer ${apiKey}` } })
  ).json()) as { rawDocumentDbSize: number; numberOfDocuments: number; avgDocumentSize?: number };
  console.log(
    `documents: ${stats.numberOfDocuments}, average ${stats.avgDocumentSize ?? Math.round(stats.rawDocumentDbSize / stats.numberOfDocuments)} bytes`,
  );

  const engine = createSearchEngine(store, { MEILI_URL: url, MEILI_MASTER_KEY: apiKey });
  const n = Number(values.searches);
  for (const q of QUERIES) await engine.search({ q }); // warm the label lookups and connections
  const perQuery = new Map<string, { cpu: number; meili: number; n: number }>();
  let cpuAll = 0;
  let meiliAll = 0;
  for (let i = 0; i < n; i++) {
    const q = QUERIES[i % QUERIES.length]!;
    const c = ownCpu();
    const m = processCpuSeconds(pid);
    await engine.search({ q });
    const dc = ownCpu() - c;
    const dm = processCpuSeconds(pid) - m;
    cpuAll += dc;
    meiliAll += dm;
    const e = perQuery.get(q) ?? { cpu: 0, meili: 0, n: 0 };
    e.cpu += dc;
    e.meili += dm;
    e.n++;
    perQuery.set(q, e);
  }
  console.log(
    `${n} searches: engine CPU in this process ${((cpuAll / n) * 1000).toFixed(2)} ms a search, ` +
      `Meilisearch ${((meiliAll / n) * 1000).toFixed(2)} ms (its /proc ticks are 10 ms: an average over many)`,
  );
  for (const [q, e] of perQuery) console.log(`  ${q.padEnd(26)} ${((e.cpu / e.n) * 1000).toFixed(2)} ms`);
  await engine.close?.();
} finally {
  await store.close();
  await server?.dispose();
}
