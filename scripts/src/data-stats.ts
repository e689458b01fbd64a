import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

export const DATA_STATS_USAGE = `Usage: npm run data:stats -- [--file <listings.json>] [--before <listings.json>] [--json]

Counts how complete the seed listings are: status known, cost known, contacts, addresses, eligibility,
how to apply, occupations and skills tagged, listings per country, the dates they were checked and the
URLs several records share. --file defaults to data/listings.json; --before adds a column for an older
copy (for example \`git show <commit>:data/listings.json > /tmp/before.json\`). Prints a Markdown table,
or JSON with --json. Exit 0 done, 1 unreadable file, 2 bad usage.`;

/**
 * The counts read the records as plain JSON rather than through the schema on purpose: the same
 * script has to count the file before and after the listing model grew (phone/email/address became
 * phones/emails/locations), so it accepts both shapes.
 */
type Rec = Record<string, unknown>;

export interface DataStats {
  records: number;
  kinds: Record<string, number>;
  countries: Record<string, number>;
  statusKnown: number;
  costKnown: number;
  withContacts: number;
  withPhone: number;
  withEmail: number;
  withAddress: number;
  withCoordinates: number;
  withEligibility: number;
  withDocuments: number;
  withHowToApply: number;
  withFees: number;
  withHours: number;
  withLanguages: number;
  withOccupations: number;
  withSkills: number;
  checkedAt: Record<string, number>;
  sharedUrls: number;
  recordsSharingUrl: number;
}

const present = (value: unknown): boolean => {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  if (Array.isArray(value)) return value.some(present);
  if (typeof value === 'object') return Object.values(value as Rec).some(present);
  return true;
};

const list = (value: unknown): Rec[] => (Array.isArray(value) ? (value as Rec[]) : []);

function hasPhone(r: Rec): boolean {
  return present(r.phone) || list(r.phones).some((p) => present(p.number));
}
function hasEmail(r: Rec): boolean {
  return present(r.email) || list(r.emails).some((e) => present(e.address));
}
function hasAddress(r: Rec): boolean {
  return present(r.address) || list(r.locations).some((l) => present(l.address));
}
function hasCoordinates(r: Rec): boolean {
  return list(r.locations).some((l) => typeof l.latitude === 'number' && typeof l.longitude === 'number');
}
/** Texts may be a plain string or, in the multilingual model, an object of language → text. */
function hasText(r: Rec, field: string): boolean {
  return present(r[field]);
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

export function computeDataStats(records: Rec[]): DataStats {
  const s: DataStats = {
    records: records.length,
    kinds: {},
    countries: {},
    statusKnown: 0,
    costKnown: 0,
    withContacts: 0,
    withPhone: 0,
    withEmail: 0,
    withAddress: 0,
    withCoordinates: 0,
    withEligibility: 0,
    withDocuments: 0,
    withHowToApply: 0,
    withFees: 0,
    withHours: 0,
    withLanguages: 0,
    withOccupations: 0,
    withSkills: 0,
    checkedAt: {},
    sharedUrls: 0,
    recordsSharingUrl: 0,
  };
  const byUrl = new Map<string, number>();
  for (const r of records) {
    bump(s.kinds, String(r.kind));
    for (const c of Array.isArray(r.countries) ? (r.countries as string[]) : []) bump(s.countries, c);
    if (typeof r.active === 'boolean') s.statusKnown += 1;
    if (typeof r.cost === 'string' && r.cost !== 'unknown') s.costKnown += 1;
    const phone = hasPhone(r);
    const email = hasEmail(r);
    if (phone) s.withPhone += 1;
    if (email) s.withEmail += 1;
    if (phone || email) s.withContacts += 1;
    if (hasAddress(r)) s.withAddress += 1;
    if (hasCoordinates(r)) s.withCoordinates += 1;
    if (hasText(r, 'eligibility')) s.withEligibility += 1;
    if (hasText(r, 'documents')) s.withDocuments += 1;
    if (hasText(r, 'how_to_apply')) s.withHowToApply += 1;
    if (hasText(r, 'fees')) s.withFees += 1;
    if (present(r.schedules) || hasText(r, 'hours_note')) s.withHours += 1;
    if (present(r.languages)) s.withLanguages += 1;
    if (present(r.occupations)) s.withOccupations += 1;
    if (present(r.skills)) s.withSkills += 1;
    bump(s.checkedAt, typeof r.checked_at === 'string' ? r.checked_at : 'none');
    if (typeof r.url === 'string') byUrl.set(r.url, (byUrl.get(r.url) ?? 0) + 1);
  }
  for (const n of byUrl.values()) {
    if (n > 1) {
      s.sharedUrls += 1;
      s.recordsSharingUrl += n;
    }
  }
  return s;
}

const ROWS: [string, (s: DataStats) => number][] = [
  ['records', (s) => s.records],
  ['status known (active true/false)', (s) => s.statusKnown],
  ['cost known (free/fee)', (s) => s.costKnown],
  ['with a contact (phone or e-mail)', (s) => s.withContacts],
  ['with a phone', (s) => s.withPhone],
  ['with an e-mail', (s) => s.withEmail],
  ['with an address', (s) => s.withAddress],
  ['with coordinates', (s) => s.withCoordinates],
  ['with eligibility', (s) => s.withEligibility],
  ['with documents to bring', (s) => s.withDocuments],
  ['with how to apply', (s) => s.withHowToApply],
  ['with fees described', (s) => s.withFees],
  ['with opening hours', (s) => s.withHours],
  ['with languages of delivery', (s) => s.withLanguages],
  ['occupations tagged', (s) => s.withOccupations],
  ['skills tagged', (s) => s.withSkills],
  ['URLs shared by several records', (s) => s.sharedUrls],
  ['records sharing a URL', (s) => s.recordsSharingUrl],
];

function keyedRows(label: string, after: Record<string, number>, before?: Record<string, number>) {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after)])].sort();
  return keys.map((k): [string, number, number | undefined] => [
    `${label} ${k}`,
    after[k] ?? 0,
    before ? (before[k] ?? 0) : undefined,
  ]);
}

export function formatDataStats(after: DataStats, before?: DataStats): string {
  const rows: [string, number, number | undefined][] = [
    ...ROWS.map(([label, get]): [string, number, number | undefined] => [
      label,
      get(after),
      before ? get(before) : undefined,
    ]),
    ...keyedRows('kind', after.kinds, before?.kinds),
    ...keyedRows('country', after.countries, before?.countries),
    ...keyedRows('checked_at', after.checkedAt, before?.checkedAt),
  ];
  const head = before ? '| count | before | after |\n| --- | ---: | ---: |' : '| count | value |\n| --- | ---: |';
  const body = rows.map(([label, a, b]) => (before ? `| ${label} | ${b} | ${a} |` : `| ${label} | ${a} |`));
  return [head, ...body].join('\n');
}

function readRecords(path: string): Rec[] {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${path}: not a JSON array`);
  return parsed as Rec[];
}

export interface Io {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export function dataStatsCli(argv: string[], io: Io): number {
  let values: { file?: string; before?: string; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        file: { type: 'string' },
        before: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n\n${DATA_STATS_USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(`${DATA_STATS_USAGE}\n`);
    return 0;
  }
  try {
    const after = computeDataStats(readRecords(resolve(values.file ?? 'data/listings.json')));
    const before = values.before ? computeDataStats(readRecords(resolve(values.before))) : undefined;
    io.stdout.write(
      values.json
        ? `${JSON.stringify(before ? { before, after } : after, null, 2)}\n`
        : `${formatDataStats(after, before)}\n`,
    );
    return 0;
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = dataStatsCli(process.argv.slice(2), process);
}
