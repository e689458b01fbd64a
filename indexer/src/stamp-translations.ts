import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { ListingRecord } from '@skillway/core';
import { DataProblems, readJsonFile } from './read-data-files';
import { translatedFields, translationSourceHash } from './translation-hash';
import { readTranslationFiles } from './translations';

const USAGE = `Usage: npm run translations:stamp -- [--data <dir>]

Writes "from_hash" (the fingerprint of the original texts a translation was made from) into every
entry of <data>/translations/*.json that has none. Run it after translating; when an original text
changes later, the indexer finds the fingerprint different and leaves the stale translation out.
To stamp a new translation of a changed original, delete its from_hash and run this again.

Options:
  --data <dir>   folder with listings.json and translations/ (default: data)
  -h, --help     show this help
`;

export interface StampResult {
  /** per file: entries stamped now */
  stamped: Record<string, number>;
  /** entries naming no listing (left alone; the indexer reports them) */
  unknown: string[];
}

/** Adds from_hash after `from` in each unstamped entry; files with nothing to stamp are not rewritten. */
export function stampTranslations(dataDir: string): StampResult {
  const listings = readJsonFile(join(dataDir, 'listings.json'));
  if (!Array.isArray(listings)) throw new DataProblems([`${join(dataDir, 'listings.json')}: must hold a JSON array`]);
  const byId = new Map((listings as ListingRecord[]).map((r) => [r.id, r]));
  const result: StampResult = { stamped: {}, unknown: [] };
  for (const file of readTranslationFiles(dataDir)) {
    if (typeof file.entries !== 'object' || file.entries === null || Array.isArray(file.entries)) continue;
    let count = 0;
    const out: Record<string, unknown> = {};
    for (const [id, entry] of Object.entries(file.entries as Record<string, Record<string, unknown>>)) {
      const record = byId.get(id);
      if (!record) result.unknown.push(`${file.path}: ${id}`);
      if (!record || typeof entry !== 'object' || entry === null || entry.from_hash !== undefined) {
        out[id] = entry;
        continue;
      }
      const fingerprint = translationSourceHash(record, translatedFields(entry));
      const stamped: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(entry)) {
        stamped[key] = value;
        if (key === 'from') stamped.from_hash = fingerprint;
      }
      stamped.from_hash ??= fingerprint;
      out[id] = stamped;
      count++;
    }
    if (count > 0) {
      const before = readFileSync(file.path, 'utf8');
      writeFileSync(file.path, JSON.stringify(out, null, 2) + (before.endsWith('\n') ? '\n' : ''));
    }
    result.stamped[file.path] = count;
  }
  return result;
}

/** Exit codes: 0 done, 1 unreadable files, 2 bad usage. */
export function main(argv: string[] = process.argv.slice(2)): number {
  let values: { data?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { data: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
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
    const { stamped, unknown } = stampTranslations(values.data ?? 'data');
    for (const [path, count] of Object.entries(stamped)) process.stdout.write(`${path}: ${count} stamped\n`);
    for (const line of unknown) process.stderr.write(`${line} is not the id of any listing (left alone)\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof DataProblems)) throw error;
    process.stderr.write(`${error.problems.join('\n')}\n`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = main();
