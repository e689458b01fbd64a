import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect';

/**
 * PostgreSQL only: the index of the full-text engine that answers while Meilisearch is down
 * (search/postgres.search-engine.ts). SQLite has its own embedded engine (0002) and gets nothing here.
 *
 * One row per listing, written by the engine's rebuild/upsert/remove like any search index (the
 * outbox writes it beside Meilisearch), so a search reads one table:
 * - the texts already folded in JavaScript (core's foldText: case, accents, ß -> ss, ø -> o), since
 *   PostgreSQL's unaccent is an extension that needs installing and folds differently; the query is
 *   folded by the same function;
 * - `document`, a generated tsvector over them with the 'simple' configuration (no stemming, no stop
 *   words: the listings are in eleven languages and the query understanding brings the other forms),
 *   weighted A name, B occupation labels, C skills and organisation, D summary in every language;
 * - the facet values as arrays, so filters are `&&` and counts a GROUP BY over unnest();
 * - the hit as the API returns it (jsonb), and the raw texts for snippets.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`create table pg_search_doc (
    listing_id text primary key,
    name_key text not null,
    hit jsonb not null,
    name text not null,
    skills text not null,
    summary text not null,
    occupations text[] not null,
    occupation_labels text not null,
    fold_name text not null,
    fold_labels text not null,
    fold_skills_org text not null,
    fold_summary text not null,
    document tsvector generated always as (
      setweight(to_tsvector('simple', fold_name), 'A') ||
      setweight(to_tsvector('simple', fold_labels), 'B') ||
      setweight(to_tsvector('simple', fold_skills_org), 'C') ||
      setweight(to_tsvector('simple', fold_summary), 'D')
    ) stored,
    country text[] not null,
    category text[] not null,
    audience text[] not null,
    kind text not null,
    language text[] not null,
    cost text not null,
    delivery text[] not null,
    active text not null,
    occupation_codes text[] not null,
    occupation_paths text[] not null,
    skill_keys text[] not null,
    checked_at text,
    fresh_since text,
    national boolean not null
  )`.execute(db);
  await sql`create index pg_search_doc_document_idx on pg_search_doc using gin (document)`.execute(db);
  for (const column of ['country', 'category', 'audience', 'occupation_codes', 'occupation_paths', 'skill_keys'])
    await sql`create index ${sql.id(`pg_search_doc_${column}_idx`)} on pg_search_doc using gin (${sql.id(column)})`.execute(
      db,
    );
  await sql`create index pg_search_doc_name_key_idx on pg_search_doc (name_key)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`drop table if exists pg_search_doc`.execute(db);
}
