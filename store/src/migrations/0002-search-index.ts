import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect';

/**
 * The embedded search engine's own tables, rebuilt from the listing tables (search/sqlite-index.writer.ts).
 *
 * - `search_doc`: one row per indexed listing, denormalised. `doc_id` is small and dense because it is
 *   the bit position in every `search_bitmap`; its text columns are the content of the FTS5 tables.
 * - One FTS5 table per ranked field (name, skills, organisation, summary): a word's match in each field
 *   is then a plain rowid list, which is how the ranking weighs fields without bm25() (bm25 costs a
 *   few microseconds per matching row: half a second for a common word at 100k listings).
 * - `search_occupation`: the labels of each occupation code or URI that some listing is tagged with,
 *   once per code (not once per listing: a unit group has up to 2,400 labels in 27 languages), with
 *   its own FTS5 table. A word matching a label reaches the listings through the code's bitmap.
 * - `search_bitmap`: for each (field, value) the set of doc_ids that carry it (a bitmap or a sorted id
 *   list, whichever is smaller). Filters and disjunctive facet counts are AND/OR/popcount over them.
 */
const FTS_OPTIONS = sql.raw(`tokenize = "unicode61 remove_diacritics 2", prefix = '2 3'`);
const SEARCH_FTS_TABLES = {
  name: 'search_name_fts',
  skills: 'search_skills_fts',
  organisation: 'search_organisation_fts',
  summary: 'search_summary_fts',
} as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  // The embedded engine is SQLite's (FTS5 and these tables are its index); a PostgreSQL deployment
  // searches Meilisearch and falls back to PostgreSQL's own full-text search.
  if (isPostgres(db)) return;
  await db.schema
    .createTable('search_doc')
    .addColumn('doc_id', 'integer', (c) => c.primaryKey())
    .addColumn('listing_id', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('skills', 'text', (c) => c.notNull())
    .addColumn('organisation', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('hit', 'text', (c) => c.notNull())
    .addColumn('terms', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('search_doc_name_idx').on('search_doc').columns(['name_key', 'doc_id']).execute();
  for (const [column, table] of Object.entries(SEARCH_FTS_TABLES)) {
    await sql`create virtual table ${sql.id(table)} using fts5(
      ${sql.id(column)}, content = 'search_doc', content_rowid = 'doc_id', ${FTS_OPTIONS}
    )`.execute(db);
  }

  await db.schema
    .createTable('search_occupation')
    .addColumn('ref_id', 'integer', (c) => c.primaryKey())
    .addColumn('ref', 'text', (c) => c.notNull().unique())
    .addColumn('labels', 'text', (c) => c.notNull())
    .execute();
  await sql`create virtual table search_occupation_fts using fts5(
    labels, content = 'search_occupation', content_rowid = 'ref_id', ${FTS_OPTIONS}
  )`.execute(db);

  await db.schema
    .createTable('search_bitmap')
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('bits', 'blob', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_bitmap_pk', ['field', 'value'])
    .modifyEnd(sql`without rowid`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'search_bitmap',
    'search_occupation_fts',
    'search_occupation',
    ...Object.values(SEARCH_FTS_TABLES),
    'search_doc',
  ]) {
    await sql`drop table if exists ${sql.id(table)}`.execute(db);
  }
}
