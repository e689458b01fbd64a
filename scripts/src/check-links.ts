import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  checkLinks,
  databasePathFromEnv,
  type LinkCheckOptions,
  listBrokenLinks,
  listLinks,
  openStore,
  saveLinkResults,
} from '@skillway/store';
import { scriptsEnv } from './config';

export const CHECK_LINKS_USAGE = `Usage: npm run check-links -- [--db <path>] [--timeout <ms>] [--delay <ms>] [--hosts <n>]

Asks every listing's url and source_url for its HTTP status, politely: one request at a time per host
(--delay between them, default 1000 ms), --timeout per request (default 10000 ms), robots.txt obeyed,
--hosts hosts at once (default 6). Records the status, redirect or error of each in the database
(--db, else DATABASE_PATH, else var/skillway.db), where moderators see the broken ones, and prints them.
Exit 0 done (broken links are a report, not a failure), 1 failed, 2 bad usage.`;

export interface Io {
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  now?: () => Date;
}

function whole(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,7}$/.test(value)) throw new Error(`--${name} must be a whole number, not "${value}"`);
  return Number(value);
}

export async function checkLinksCli(
  argv: string[],
  io: Io,
  extra: Pick<LinkCheckOptions, 'fetch'> = {},
): Promise<number> {
  let options: LinkCheckOptions;
  let db: string | undefined;
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        db: { type: 'string' },
        timeout: { type: 'string' },
        delay: { type: 'string' },
        hosts: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.stdout.write(`${CHECK_LINKS_USAGE}\n`);
      return 0;
    }
    db = values.db;
    options = {
      timeoutMs: whole(values.timeout, 'timeout', 10_000),
      delayMs: whole(values.delay, 'delay', 1000),
      hosts: Math.max(1, whole(values.hosts, 'hosts', 6)),
      ...extra,
    };
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n\n${CHECK_LINKS_USAGE}\n`);
    return 2;
  }
  const store = await openStore(db ?? databasePathFromEnv(io.env));
  try {
    const links = await listLinks(store.db);
    io.stdout.write(`Checking ${links.length} links...\n`);
    const started = (io.now ?? (() => new Date()))();
    const results = await checkLinks(links, options);
    await store.db.transaction().execute((trx) => saveLinkResults(trx, results, started.toISOString()));
    const broken = await listBrokenLinks(store.db);
    const redirected = results.filter((r) => r.location).length;
    io.stdout.write(
      `${results.length} links checked: ${results.length - broken.length} answer, ${redirected} redirect, ${broken.length} broken.\n`,
    );
    for (const b of broken) {
      io.stdout.write(`  BROKEN ${b.listing_id} ${b.field} ${b.url}: ${b.status ?? b.error}\n`);
    }
    return 0;
  } catch (error) {
    io.stderr.write(`The link check failed: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  checkLinksCli(process.argv.slice(2), { env: scriptsEnv(), stdout: process.stdout, stderr: process.stderr }).then(
    (code) => process.exit(code),
  );
}
