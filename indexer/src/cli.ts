import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { formatSummary } from './format-summary';
import { createProgressReporter } from './progress-reporter';
import { DataProblems, runIndexer } from './run-indexer';

const USAGE = `Usage: npm run index -- [--data <dir>] [--db <path>]

Validates data/listings.json and data/taxonomy/*.json, then writes them into the SQLite database
in one transaction and rebuilds the search index. Nothing is written when any record is invalid.

Options:
  --data <dir>   folder with listings.json and taxonomy/ (default: data)
  --db <path>    SQLite file (default: $DATABASE_PATH or var/skillway.db)
  -h, --help     show this help

Environment:
  DATABASE_PATH      database file when --db is not given
  MEILI_URL          also rebuild the Meilisearch index there (after the database is committed)
  MEILI_MASTER_KEY   the Meilisearch key to use
`;

/** Exit codes: 0 done, 1 bad data or a failed run, 2 bad usage. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  let values: { data?: string; db?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { data: { type: 'string' }, db: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  try {
    const summary = await runIndexer({ dataDir: values.data, dbPath: values.db, reporter: createProgressReporter() });
    process.stdout.write(`${formatSummary(summary)}\n`);
    return summary.meilisearch.status === 'failed' ? 1 : 0;
  } catch (error) {
    if (error instanceof DataProblems) {
      process.stderr.write(`${error.problems.join('\n')}\n`);
      process.stderr.write(
        `${error.problems.length} problem${error.problems.length === 1 ? '' : 's'} found; the database was not changed.\n`,
      );
    } else {
      process.stderr.write(
        `indexing failed, the database was not changed: ${(error as Error).stack ?? String(error)}\n`,
      );
    }
    return 1;
  }
}

// Run when executed (`tsx indexer/src/cli.ts`), not when imported by a test.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main();
}
