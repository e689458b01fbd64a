import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { databasePathFromEnv, openStore } from '@skillway/store';
import { HsdsDirectory, writeHsdsDatapackage } from '@skillway/store/hsds';
import { scriptsEnv } from './config';

export const EXPORT_HSDS_USAGE = `Usage: npm run export:hsds -- <folder> [--db <path>]

Writes every listing of the database (--db, else DATABASE_PATH, else var/skillway.db) as an Open
Referral HSDS 3.x datapackage into <folder>: datapackage.json and one CSV file per HSDS table
(organizations.csv, services.csv, locations.csv, service_at_location.csv, phones.csv, …,
taxonomies.csv, taxonomy_terms.csv with ISCO-08 and ESCO). Every row is checked against the HSDS
schemas before anything is written; files of the same name in <folder> are replaced.
Exit 0 done, 1 failed, 2 bad usage.`;

export interface Io {
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export async function exportHsdsCli(argv: string[], io: Io): Promise<number> {
  let folder: string;
  let db: string | undefined;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { db: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      io.stdout.write(`${EXPORT_HSDS_USAGE}\n`);
      return 0;
    }
    if (positionals.length !== 1) throw new Error('Give one folder to write the datapackage into.');
    folder = resolve(positionals[0]!);
    db = values.db;
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n\n${EXPORT_HSDS_USAGE}\n`);
    return 2;
  }
  const path = db ?? databasePathFromEnv(io.env);
  if (!existsSync(path)) {
    io.stderr.write(`There is no database at ${path}: run npm run index first, or give --db.\n`);
    return 1;
  }
  const store = await openStore(path);
  try {
    const shown = new Map<string, number>();
    const result = await writeHsdsDatapackage(new HsdsDirectory(store.db), folder, {
      // a line per step at each tenth done, so the log stays short for 100 000 listings too
      progress: (step, done, total) => {
        const tenth = total === 0 ? 10 : Math.floor((done * 10) / total);
        if (tenth > (shown.get(step) ?? -1)) io.stdout.write(`${step}: ${done}/${total}\n`);
        shown.set(step, Math.max(tenth, shown.get(step) ?? -1));
      },
    });
    io.stdout.write(`Wrote an HSDS datapackage to ${folder}:\n`);
    for (const [table, n] of Object.entries(result.counts)) if (n > 0) io.stdout.write(`  ${table}: ${n} rows\n`);
    return 0;
  } catch (error) {
    io.stderr.write(`The HSDS export failed: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  exportHsdsCli(process.argv.slice(2), { env: scriptsEnv(), stdout: process.stdout, stderr: process.stderr }).then(
    (code) => process.exit(code),
  );
}
