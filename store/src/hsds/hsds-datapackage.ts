import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { HsdsDirectory } from './hsds-directory';
import { hsdsTableSchema, HSDS_VERSION, type HsdsTable, type JsonSchema } from './hsds-schemas';
import { ESCO_ATTRIBUTION } from './hsds-taxonomies';
import { organizationOf } from './hsds.mapper';
import type { HsdsService } from './hsds.types';
import { createHsdsValidator } from './hsds-validator';

/**
 * An HSDS datapackage: one CSV file per HSDS table (the file names and columns the HSDS schemas give:
 * `services.csv`, `service_at_location.csv`, …) and a `datapackage.json` (Frictionless tabular data
 * package) describing each file's fields, primary key and foreign keys, derived from the same schemas.
 */

/** The tables Skillway fills, in the order of the HSDS datapackage. */
export const EXPORTED_TABLES = [
  'organization',
  'service',
  'location',
  'service_at_location',
  'address',
  'accessibility',
  'phone',
  'contact',
  'schedule',
  'service_area',
  'language',
  'required_document',
  'url',
  'attribute',
  'taxonomy',
  'taxonomy_term',
] as const satisfies readonly HsdsTable[];
export type ExportedTable = (typeof EXPORTED_TABLES)[number];

export type Row = Record<string, unknown>;
export type Tables = Record<ExportedTable, Row[]>;

/** What a foreign key column points at; `link_id` points at any table (its `link_entity` says which). */
const REFERENCES: Record<string, HsdsTable> = {
  organization_id: 'organization',
  parent_organization_id: 'organization',
  service_id: 'service',
  location_id: 'location',
  service_at_location_id: 'service_at_location',
  contact_id: 'contact',
  phone_id: 'phone',
  taxonomy_id: 'taxonomy',
  taxonomy_term_id: 'taxonomy_term',
  parent_id: 'taxonomy_term',
};

/** The one-to-one fields of a table: the columns of its CSV file, in the schema's order. */
export function columnsOf(table: HsdsTable): [string, JsonSchema][] {
  return Object.entries(hsdsTableSchema(table).properties ?? {}).filter(
    ([, field]) => field.type !== 'array' && field.type !== 'object' && field.$ref === undefined,
  );
}

function fieldOf(name: string, field: JsonSchema, required: boolean, unique: boolean) {
  const format = field.format as string | undefined;
  const type =
    format === 'date-time'
      ? { type: 'datetime' }
      : format === 'date'
        ? { type: 'date' }
        : field.type === 'number'
          ? { type: 'number' }
          : { type: 'string', ...(format && { format }) };
  return {
    name,
    ...type,
    ...(typeof field.title === 'string' && { title: field.title }),
    ...(typeof field.description === 'string' && { description: field.description }),
    ...((required || unique) && {
      constraints: { ...(required && { required: true }), ...(unique && { unique: true }) },
    }),
  };
}

/** The Frictionless resource of one table (fields, keys), for the tables that are in the package. */
export function resourceOf(table: ExportedTable, present: ReadonlySet<HsdsTable>) {
  const schema = hsdsTableSchema(table);
  const required = new Set([...(schema.required ?? []), ...(schema.tabular_required ?? [])]);
  const columns = columnsOf(table);
  const foreignKeys = columns.flatMap(([name]) => {
    const target = REFERENCES[name];
    return target && present.has(target) ? [{ fields: name, reference: { resource: target, fields: 'id' } }] : [];
  });
  return {
    name: table,
    path: schema.path!,
    profile: 'tabular-data-resource',
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    ...(typeof schema.description === 'string' && { description: schema.description }),
    schema: {
      fields: columns.map(([name, field]) => fieldOf(name, field, required.has(name), name === 'id')),
      primaryKey: 'id',
      ...(foreignKeys.length > 0 && { foreignKeys }),
      // HSDS requires every part of an address, and Skillway often knows only some (no postcode, no
      // province): there an empty cell is a value, "not known", not a missing one.
      ...(table === 'address' && { missingValues: [] }),
    },
  };
}

/** Rows of a table as CSV: the schema's columns, empty where a row has no value. */
export function csvOf(table: ExportedTable, rows: readonly Row[]): string {
  const columns = columnsOf(table).map(([name]) => name);
  return stringify(
    rows.map((row) => columns.map((c) => (row[c] === undefined || row[c] === null ? '' : String(row[c])))),
    { header: true, columns, record_delimiter: '\r\n' },
  );
}

export type ExportProgress = (step: string, done: number, total: number) => void;

const emptyTables = (): Tables => Object.fromEntries(EXPORTED_TABLES.map((t) => [t, []])) as unknown as Tables;

/** Puts a nested record's one-to-one fields in its table and its children in theirs, once per id. */
class TableSet {
  readonly tables = emptyTables();
  private readonly seen = new Set<string>();

  add(table: ExportedTable, record: Row, extra: Row = {}): void {
    const id = record.id as string;
    if (this.seen.has(`${table}/${id}`)) return;
    this.seen.add(`${table}/${id}`);
    const row: Row = { ...extra };
    for (const [name] of columnsOf(table)) if (record[name] !== undefined) row[name] = record[name];
    this.tables[table].push(row);
  }

  service(s: HsdsService): void {
    this.add('service', s as unknown as Row);
    for (const u of s.additional_urls) this.add('url', u as unknown as Row);
    for (const p of s.phones) this.add('phone', p as unknown as Row);
    for (const c of s.contacts) this.add('contact', c as unknown as Row);
    for (const x of s.schedules) this.add('schedule', x as unknown as Row);
    for (const a of s.service_areas) this.add('service_area', a as unknown as Row);
    for (const l of s.languages) this.add('language', l as unknown as Row);
    for (const d of s.required_documents) this.add('required_document', d as unknown as Row);
    for (const a of s.attributes) this.add('attribute', a as unknown as Row);
    for (const sal of s.service_at_locations) {
      this.location(sal.location);
      this.add('service_at_location', sal as unknown as Row);
    }
  }

  location(l: HsdsService['service_at_locations'][number]['location']): void {
    this.add('location', l as unknown as Row);
    for (const a of l.addresses) this.add('address', a as unknown as Row);
    for (const a of l.accessibility) this.add('accessibility', a as unknown as Row);
  }
}

/** Every table of the directory: all services and organizations, all taxonomies and all their terms. */
export async function collectTables(directory: HsdsDirectory, progress: ExportProgress = () => {}): Promise<Tables> {
  const set = new TableSet();
  const organisations = await directory.organisationRecords();
  organisations.forEach((record, i) => {
    const org = organizationOf(record);
    set.add('organization', org as unknown as Row);
    for (const u of org.additional_websites) set.add('url', u as unknown as Row);
    for (const p of org.phones) set.add('phone', p as unknown as Row);
    for (const c of org.contacts) set.add('contact', c as unknown as Row);
    for (const l of org.locations) set.location(l);
    progress('organizations', i + 1, organisations.length);
  });

  const ids = await directory.matchingListingIds({});
  const CHUNK = 100;
  for (let i = 0; i < ids.length; i += CHUNK) {
    for (const service of await directory.nestedServices(ids.slice(i, i + CHUNK))) set.service(service);
    progress('services', Math.min(i + CHUNK, ids.length), ids.length);
  }

  const taxonomies = directory.taxonomies({ page: 1, perPage: 1000 }).contents;
  for (const t of taxonomies) set.add('taxonomy', t as unknown as Row);
  const PAGE = 1000;
  for (let page = 1; ; page++) {
    const terms = await directory.taxonomyTerms({}, { page, perPage: PAGE });
    for (const t of terms.contents) set.add('taxonomy_term', t as unknown as Row);
    progress('taxonomy terms', Math.min(page * PAGE, terms.total_items), terms.total_items);
    if (terms.last_page) break;
  }
  return set.tables;
}

export function datapackageOf(tables: Tables, created: Date) {
  const present = new Set<HsdsTable>(EXPORTED_TABLES.filter((t) => tables[t].length > 0));
  return {
    profile: 'tabular-data-package',
    name: 'skillway-hsds',
    title: 'Skillway: services that help refugees turn their skills into work, as Open Referral HSDS',
    description:
      `Every Skillway listing as an HSDS ${HSDS_VERSION} service (organisation listings also as organizations), ` +
      'with its places, contacts, opening hours, languages, eligibility and classifications. Each service ' +
      'was compiled from the public page in its url or its "Source checked by Skillway" url. Texts are in ' +
      'the language the attribute text_language names; translations are not part of HSDS. An empty cell is ' +
      `a value Skillway does not know. ${ESCO_ATTRIBUTION}`,
    version: HSDS_VERSION,
    created: created.toISOString(),
    homepage: 'https://openreferral.org/',
    licenses: [
      {
        name: 'CC-BY-4.0',
        path: 'https://creativecommons.org/licenses/by/4.0/',
        title: 'ESCO and ISCO-08 terms: ESCO © European Union, CC BY 4.0 (modified)',
      },
      {
        name: 'CC-BY-SA-4.0',
        path: 'https://creativecommons.org/licenses/by-sa/4.0/',
        title: 'The table schemas: Human Services Data Specification, an Open Referral resource',
      },
    ],
    resources: EXPORTED_TABLES.filter((t) => present.has(t)).map((t) => resourceOf(t, present)),
  };
}

export interface ExportResult {
  counts: Record<ExportedTable, number>;
  files: string[];
}

/**
 * Writes the datapackage into `dir` (created if needed). Every row is checked against its HSDS
 * schema first, so a package that would not validate is never written. The files are written to
 * `<dir>/.partial-*` and renamed into place, so `dir` never holds half an export.
 */
export async function writeHsdsDatapackage(
  directory: HsdsDirectory,
  dir: string,
  options: { progress?: ExportProgress; now?: Date } = {},
): Promise<ExportResult> {
  const tables = await collectTables(directory, options.progress);
  const validator = createHsdsValidator({ closed: true });
  for (const table of EXPORTED_TABLES) {
    for (const row of tables[table]) {
      const problems = validator.table(table, row);
      if (problems.length > 0) throw new Error(`${table} ${String(row.id)}: ${problems.join('; ')}`);
    }
  }
  const pkg = datapackageOf(tables, options.now ?? new Date());
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  const partial = join(dir, `.partial-${process.pid}`);
  await mkdir(partial, { recursive: true });
  try {
    for (const resource of pkg.resources) {
      await writeFile(join(partial, resource.path), csvOf(resource.name, tables[resource.name]), 'utf8');
      files.push(resource.path);
    }
    await writeFile(join(partial, 'datapackage.json'), `${JSON.stringify(pkg, null, 2)}\n`, 'utf8');
    files.push('datapackage.json');
    for (const file of files) await rename(join(partial, file), join(dir, file));
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
  const counts = Object.fromEntries(EXPORTED_TABLES.map((t) => [t, tables[t].length])) as Record<ExportedTable, number>;
  return { counts, files };
}
