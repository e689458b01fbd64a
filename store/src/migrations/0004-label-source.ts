import { sql, type Kysely } from 'kysely';

/**
 * Where a taxonomy label came from: `esco` (the European Commission's ESCO/ISCO files) or `skillway`
 * (the project's own translations in data/taxonomy/skillway-labels.json, for languages and everyday
 * words ESCO lacks). Readers see both in the same tables; the API tells them apart by this column.
 */
const TABLES = ['occupation_label', 'isco_group_label'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) {
    await db.schema
      .alterTable(table)
      .addColumn('source', 'text', (c) =>
        c
          .notNull()
          .defaultTo('esco')
          .check(sql`source in ('esco', 'skillway')`),
      )
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) await db.schema.alterTable(table).dropColumn('source').execute();
}
