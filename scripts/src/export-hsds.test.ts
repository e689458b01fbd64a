import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnsOf, createHsdsValidator, hsdsTableSchema, type HsdsTable } from '@skillway/store/hsds';
import { createSeededStore, readSeedListings, type TempStore } from '@skillway/store/testing';
import { exportHsdsCli } from './export-hsds';

/**
 * `npm run export:hsds` on the seed data, read back as a consumer would: every CSV row is checked
 * against its HSDS table schema (closed to unknown columns), the datapackage.json against the files,
 * primary keys for uniqueness and foreign keys for a row they point at.
 */
let store: TempStore;
let out: string;
let stdout = '';
let stderr = '';
let code: number;
const io = () => ({
  env: {},
  stdout: { write: (t: string) => (stdout += t) },
  stderr: { write: (t: string) => (stderr += t) },
});

interface Resource {
  name: HsdsTable;
  path: string;
  schema: {
    fields: { name: string; type: string; constraints?: { required?: boolean; unique?: boolean } }[];
    primaryKey: string;
    missingValues?: string[];
    foreignKeys?: { fields: string; reference: { resource: string; fields: string } }[];
  };
}
let pkg: { resources: Resource[]; licenses: { title: string }[]; description: string };
const rows = new Map<string, Record<string, string>[]>();

beforeAll(async () => {
  store = await createSeededStore(undefined, { withSkills: true });
  out = mkdtempSync(join(tmpdir(), 'skillway-hsds-'));
  code = await exportHsdsCli([join(out, 'package'), '--db', store.path], io());
  pkg = JSON.parse(readFileSync(join(out, 'package', 'datapackage.json'), 'utf8'));
  for (const r of pkg.resources) {
    rows.set(r.name, parse(readFileSync(join(out, 'package', r.path), 'utf8'), { columns: true, bom: true }));
  }
}, 120_000);
afterAll(async () => {
  await store?.dispose();
  if (out) rmSync(out, { recursive: true, force: true });
});

/**
 * A CSV row as the JSON object it stands for: numeric columns are numbers, and empty cells are absent
 * unless the resource says an empty cell is a value (`missingValues: []`, Frictionless's rule).
 */
function asRecord(resource: Resource, row: Record<string, string>): Record<string, unknown> {
  const table = resource.name;
  const types = new Map(columnsOf(table).map(([name, field]) => [name, field.type]));
  const emptyIsMissing = resource.schema.missingValues?.length !== 0;
  return Object.fromEntries(
    Object.entries(row)
      .filter(([, v]) => v !== '' || !emptyIsMissing)
      .map(([k, v]) => [k, types.get(k) === 'number' ? Number(v) : v]),
  );
}

describe('npm run export:hsds', () => {
  it('writes the datapackage and says what it did', () => {
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`services: ${readSeedListings().length}/${readSeedListings().length}`);
    expect(stdout).toMatch(/taxonomy_term: \d{5} rows/);
    expect(readdirSync(join(out, 'package')).sort()).toEqual(
      [...pkg.resources.map((r) => r.path), 'datapackage.json'].sort(),
    );
  });

  it('writes every row valid against its HSDS table schema, with the columns the schema gives', () => {
    const hsds = createHsdsValidator({ closed: true });
    for (const resource of pkg.resources) {
      const table = resource.name;
      expect(resource.path).toBe(hsdsTableSchema(table).path);
      const columns = columnsOf(table).map(([name]) => name);
      expect(resource.schema.fields.map((f) => f.name)).toEqual(columns);
      const header = readFileSync(join(out, 'package', resource.path), 'utf8').split('\r\n')[0];
      expect(header).toBe(columns.join(','));
      const tableRows = rows.get(table)!;
      expect(tableRows.length, table).toBeGreaterThan(0);
      for (const row of tableRows) expect(hsds.table(table, asRecord(resource, row)), `${table} ${row.id}`).toEqual([]);
      for (const field of resource.schema.fields.filter((f) => f.constraints?.required)) {
        for (const row of tableRows) expect(row[field.name], `${table} ${row.id} ${field.name}`).not.toBeUndefined();
      }
    }
  });

  it('keeps primary keys unique and every foreign key pointing at a row', () => {
    for (const resource of pkg.resources) {
      const ids = rows.get(resource.name)!.map((r) => r.id);
      expect(new Set(ids).size, resource.name).toBe(ids.length);
      for (const fk of resource.schema.foreignKeys ?? []) {
        const targets = new Set(rows.get(fk.reference.resource)!.map((r) => r[fk.reference.fields]));
        for (const row of rows.get(resource.name)!) {
          const value = row[fk.fields]!;
          if (value !== '') expect(targets.has(value), `${resource.name}.${fk.fields} ${value}`).toBe(true);
        }
      }
    }
    expect(pkg.resources.find((r) => r.name === 'service')!.schema.foreignKeys).toContainEqual({
      fields: 'organization_id',
      reference: { resource: 'organization', fields: 'id' },
    });
  });

  it('carries the licences and the ESCO attribution', () => {
    expect(pkg.description).toContain('This service uses the ESCO classification of the European Commission.');
    expect(pkg.licenses.map((l) => l.title).join(' ')).toMatch(/ESCO.*Open Referral/);
  });

  it('refuses bad usage with exit 2 and a missing database with exit 1', async () => {
    stderr = '';
    expect(await exportHsdsCli([], io())).toBe(2);
    expect(stderr).toContain('Usage: npm run export:hsds');
    expect(await exportHsdsCli([join(out, 'x'), '--db', join(out, 'none.db')], io())).toBe(1);
    expect(stderr).toContain('There is no database');
  });
});
