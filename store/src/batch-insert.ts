import { CompiledQuery, type Kysely } from 'kysely';
import { parameterMarker } from './dialect';

/**
 * SQLite accepts 32,766 bound parameters per statement (3.32+), PostgreSQL 65,535; staying well under
 * both keeps each prepared statement small while still writing thousands of rows per round trip.
 */
const MAX_PARAMETERS = 20_000;

/**
 * Multi-row INSERT of plain rows, chunked under SQLite's parameter limit. Bypasses the query builder
 * (whose per-value object tree dominates the cost at 10^6 rows) but stays parameterised: only the
 * table and column names, which come from the typed call site, are spliced into the SQL.
 */
export async function insertRows<DB, T extends keyof DB & string, C extends keyof DB[T] & string>(
  db: Kysely<DB>,
  table: T,
  columns: readonly C[],
  rows: readonly (readonly unknown[])[],
  options: { onConflict?: string; onChunk?: (written: number) => void } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const perChunk = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const head = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values `;
  // `?` on SQLite, `$1, $2, …` on PostgreSQL
  const marker = parameterMarker(db);
  const tuple = (row: number) => `(${columns.map((_, i) => marker(row * columns.length + i)).join(', ')})`;
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const text =
      head + chunk.map((_, row) => tuple(row)).join(', ') + (options.onConflict ? ` ${options.onConflict}` : '');
    const parameters: unknown[] = [];
    for (const row of chunk) {
      if (row.length !== columns.length)
        throw new Error(`insertRows(${table}): row has ${row.length} values, not ${columns.length}`);
      for (const value of row) parameters.push(value);
    }
    await db.executeQuery(CompiledQuery.raw(text, parameters));
    options.onChunk?.(start + chunk.length);
  }
}

/** Splits a list so that `where x in (...)` stays under the parameter limit. */
export function chunked<T>(items: readonly T[], size = 5_000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
