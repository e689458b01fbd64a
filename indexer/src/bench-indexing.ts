/**
 * The indexer's write phase as `npm run bench` measures it (listings + search index stages), with the
 * CPU time of each stage next to its wall clock, on a fresh database.
 * Run: npx tsx indexer/src/bench-indexing.ts <data dir> [--meili-url URL --meili-key KEY] [--repeat N]
 * (make the data dir with `npx tsx scripts/bench/generate-listings.ts --size 100000 --out <dir>/listings.json`
 * and a `taxonomy` symlink to data/taxonomy). Reports figures only; nothing here asserts a time.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ProgressReporter, StageName } from './progress-reporter';
import { runIndexer } from './run-indexer';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'meili-url': { type: 'string' },
    'meili-key': { type: 'string' },
    'meili-pid': { type: 'string' },
    repeat: { type: 'string', default: '1' },
  },
});
const dataDir = positionals[0] ?? 'data';

/** utime + stime of another process (Meilisearch), in seconds. */
function processCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function timingReporter() {
  const rows: { name: StageName; wall: number; cpu: number; extCpu: number }[] = [];
  const meiliPid = values['meili-pid'] ? Number(values['meili-pid']) : undefined;
  const reporter: ProgressReporter = {
    stage(name) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const ext = meiliPid ? processCpuSeconds(meiliPid) : 0;
      return {
        update() {},
        end() {
          const used = process.cpuUsage(cpu);
          rows.push({
            name,
            wall: (performance.now() - started) / 1000,
            cpu: (used.user + used.system) / 1e6,
            extCpu: meiliPid ? processCpuSeconds(meiliPid) - ext : 0,
          });
        },
      };
    },
    close() {},
  };
  return { reporter, rows };
}

for (let run = 0; run < Number(values.repeat); run++) {
  const dir = mkdtempSync(join(tmpdir(), 'skillway-bench-indexing-'));
  const { reporter, rows } = timingReporter();
  const load = loadavg()[0]!.toFixed(1);
  try {
    const summary = await runIndexer({
      dataDir,
      dbPath: join(dir, 'bench.db'),
      env: values['meili-url'] ? { MEILI_URL: values['meili-url'], MEILI_MASTER_KEY: values['meili-key'] } : {},
      reporter,
      now: '2026-11-22T00:00:00.000Z',
    });
    const count = summary.listings.inserted + summary.listings.updated + summary.listings.unchanged;
    for (const r of rows) {
      console.log(
        `  ${r.name.padEnd(13)} ${r.wall.toFixed(2).padStart(7)} s wall ${r.cpu.toFixed(2).padStart(7)} s CPU` +
          (r.extCpu ? ` ${r.extCpu.toFixed(2)} s Meilisearch CPU` : ''),
      );
    }
    const write = rows.filter((r) => r.name === 'listings' || r.name === 'search index');
    const wall = write.reduce((s, r) => s + r.wall, 0);
    const cpu = write.reduce((s, r) => s + r.cpu, 0);
    console.log(
      `${count} listings: SQLite write phase ${wall.toFixed(2)} s wall (${Math.round(count / wall)}/s), ` +
        `${cpu.toFixed(2)} s CPU (${Math.round(count / cpu)}/CPU s); load ${load} -> ${loadavg()[0]!.toFixed(1)}; ` +
        `db ${(summary.dbSize / 1e6).toFixed(1)} MB; meilisearch ${summary.meilisearch.status}`,
    );
    const meili = rows.find((r) => r.name === 'meilisearch');
    if (meili) console.log(`Meilisearch: ${meili.wall.toFixed(2)} s wall (${Math.round(count / meili.wall)}/s)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
