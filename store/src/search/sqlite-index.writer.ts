import { sql, type Kysely } from 'kysely';
import type { DB } from '../database';
import { bumpIndexGeneration, INDEX_GENERATION_KEY } from '../index-generation/index-generation';
import { chunked, insertRows } from '../batch-insert';
import { DocSet } from './doc-set';
import { OccupationLabels } from './search-document';
import { documentTerms, documentToHit, nameSortKey, type TermField } from './search-fields';
import type { ProgressCallback, SearchDocument } from './search-engine';
import { MARKERS } from './snippet-marks';
import { searchableSummary } from '../listing-texts';

/**
 * Writes the embedded engine's tables (migration 0002). Every function takes the Kysely instance it
 * must use and nothing else, so that the indexer can call it inside its own transaction: SQLite has one
 * writer, and Kysely's SQLite dialect one connection, so a second handle would wait forever.
 * Callers own the transaction; these functions never open one.
 */

/** Changes whenever the index changes; readers in any process compare it to know their cache is stale. */
export const SEARCH_GENERATION_KEY = INDEX_GENERATION_KEY;

/** The FTS5 table of each ranked text field, all with search_doc as their content. */
export const SEARCH_FTS_TABLES = {
  name: 'search_name_fts',
  skills: 'search_skills_fts',
  organisation: 'search_organisation_fts',
  summary: 'search_summary_fts',
} as const;
export type SearchFtsField = keyof typeof SEARCH_FTS_TABLES;
const FTS_FIELDS = Object.keys(SEARCH_FTS_TABLES) as SearchFtsField[];

const DOC_COLUMNS = ['doc_id', 'listing_id', ...FTS_FIELDS, 'name_key', 'hit', 'terms'] as const;

function clean(text: string): string {
  return text.replace(MARKERS, '');
}

function docText(doc: SearchDocument): Record<SearchFtsField, string> {
  return {
    name: clean(doc.name),
    // One skill per line: highlight() keeps the newlines, so a snippet can show the ones that matched.
    skills: clean(doc.skills.join('\n')),
    organisation: clean(doc.organisation?.name ?? ''),
    // The listing's names and summaries in other languages are found as summary text (hits take
    // their summary from the hit's texts, see localizeHits).
    summary: clean(searchableSummary(doc)),
  };
}

function docRow(docId: number, doc: SearchDocument, terms: [TermField, string][]): unknown[] {
  const text = docText(doc);
  return [
    docId,
    doc.id,
    ...FTS_FIELDS.map((f) => text[f]),
    nameSortKey(doc.name, doc.id),
    // Name and summary are columns already; the hit is put back together when read.
    JSON.stringify({ ...documentToHit(doc), name: undefined, summary: undefined }),
    JSON.stringify(terms),
  ];
}

const termKey = (field: string, value: string) => `${field}\u0000${value}`;
const splitKey = (key: string) => key.split('\u0000') as [string, string];

/** Also for changes that move rankings without touching the index (a provider confirms a listing). */
export async function bumpSearchGeneration(db: Kysely<DB>): Promise<void> {
  // A number every instance compares (store/src/index-generation): one home for the generation.
  await bumpIndexGeneration(db);
}

async function ftsCommand(db: Kysely<DB>, table: string, command: 'delete-all' | 'rebuild' | 'optimize') {
  await sql`insert into ${sql.id(table)} (${sql.id(table)}) values (${command})`.execute(db);
}

async function clearIndex(db: Kysely<DB>): Promise<void> {
  await db.deleteFrom('search_bitmap').execute();
  for (const table of [...Object.values(SEARCH_FTS_TABLES), 'search_occupation_fts']) {
    await ftsCommand(db, table, 'delete-all');
  }
  await db.deleteFrom('search_doc').execute();
  await db.deleteFrom('search_occupation').execute();
}

async function writeBitmaps(db: Kysely<DB>, sets: Map<string, DocSet>): Promise<void> {
  const rows: unknown[][] = [];
  for (const [key, set] of sets) {
    const [field, value] = splitKey(key);
    const count = set.count();
    if (count > 0) rows.push([field, value, set.encode(), count]);
  }
  for (const part of chunked(rows, 500)) {
    await insertRows(db, 'search_bitmap', ['field', 'value', 'bits', 'count'], part, {
      onConflict: 'on conflict (field, value) do update set bits = excluded.bits, count = excluded.count',
    });
  }
}

/**
 * Adds a search_occupation row (labels from the taxonomy tables) for each ref not indexed yet. The
 * documents carry the same labels, but merged over all their occupations; per code they are stored once.
 */
async function addOccupations(db: Kysely<DB>, refs: Iterable<string>): Promise<void> {
  const wanted = [...new Set(refs)];
  if (wanted.length === 0) return;
  const known = new Set<string>();
  for (const part of chunked(wanted, 1_000)) {
    const rows = await db.selectFrom('search_occupation').select('ref').where('ref', 'in', part).execute();
    for (const row of rows) known.add(row.ref);
  }
  const missing = wanted.filter((r) => !known.has(r));
  if (missing.length === 0) return;
  const labels = new OccupationLabels(db);
  await labels.load(missing);
  const max = await db
    .selectFrom('search_occupation')
    .select((eb) => eb.fn.max('ref_id').as('max'))
    .executeTakeFirst();
  let next = Number(max?.max ?? 0) + 1;
  const first = next;
  const rows = missing.map((ref) => [next++, ref, clean(labels.labelsOf(ref).join('\n'))]);
  for (const part of chunked(rows, 200)) await insertRows(db, 'search_occupation', ['ref_id', 'ref', 'labels'], part);
  await sql`insert into search_occupation_fts (rowid, labels)
    select ref_id, labels from search_occupation where ref_id >= ${first}`.execute(db);
}

/**
 * A full rebuild from documents that arrive in batches: doc_ids are handed out densely from 1, the FTS
 * indexes are rebuilt from search_doc in one pass at the end, and every bitmap is written once.
 */
export async function rebuildSqliteSearchTables(
  db: Kysely<DB>,
  batches: (emit: (documents: readonly SearchDocument[]) => Promise<void>) => Promise<void>,
  total: number,
  onProgress?: ProgressCallback,
): Promise<void> {
  await clearIndex(db);
  const postings = new Map<string, number[]>();
  const refs = new Set<string>();
  let nextId = 1;
  let done = 0;
  onProgress?.(0, total);
  await batches(async (documents) => {
    const rows: unknown[][] = [];
    for (const doc of documents) {
      const docId = nextId++;
      const terms = documentTerms(doc);
      for (const [field, value] of terms) {
        const key = termKey(field, value);
        const list = postings.get(key);
        if (list) list.push(docId);
        else postings.set(key, [docId]);
      }
      for (const ref of doc.occupations) refs.add(ref);
      rows.push(docRow(docId, doc, terms));
    }
    await insertRows(db, 'search_doc', DOC_COLUMNS, rows);
    done += documents.length;
    onProgress?.(Math.min(done, total), Math.max(total, done));
  });
  for (const table of Object.values(SEARCH_FTS_TABLES)) {
    await ftsCommand(db, table, 'rebuild');
    await ftsCommand(db, table, 'optimize');
  }
  await addOccupations(db, refs);
  const sets = new Map<string, DocSet>();
  for (const [key, ids] of postings) sets.set(key, DocSet.fromIds(ids));
  await writeBitmaps(db, sets);
  await bumpSearchGeneration(db);
}

type StoredDoc = { doc_id: number; listing_id: string; terms: string } & Record<SearchFtsField, string>;

async function storedDocs(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, StoredDoc>> {
  const out = new Map<string, StoredDoc>();
  for (const part of chunked([...new Set(ids)], 1_000)) {
    const rows = await db
      .selectFrom('search_doc')
      .select(['doc_id', 'listing_id', 'terms', ...FTS_FIELDS])
      .where('listing_id', 'in', part)
      .execute();
    for (const row of rows) out.set(row.listing_id, row);
  }
  return out;
}

/** FTS5 external content: a row leaves an index only when given the exact values it was indexed with. */
async function ftsDelete(db: Kysely<DB>, row: StoredDoc): Promise<void> {
  for (const field of FTS_FIELDS) {
    const table = sql.id(SEARCH_FTS_TABLES[field]);
    await sql`insert into ${table} (${table}, rowid, ${sql.id(field)}) values ('delete', ${row.doc_id}, ${row[field]})`.execute(
      db,
    );
  }
}

async function ftsInsert(db: Kysely<DB>, docIds: readonly number[]): Promise<void> {
  for (const part of chunked(docIds, 1_000)) {
    for (const field of FTS_FIELDS) {
      await sql`insert into ${sql.id(SEARCH_FTS_TABLES[field])} (rowid, ${sql.id(field)})
        select doc_id, ${sql.id(field)} from search_doc where doc_id in (${sql.join(part)})`.execute(db);
    }
  }
}

type BitChanges = Map<string, { add: number[]; remove: number[] }>;

function change(changes: BitChanges, key: string) {
  let c = changes.get(key);
  if (!c) changes.set(key, (c = { add: [], remove: [] }));
  return c;
}

/** Applies bit changes to the stored bitmaps: read, change, write back (or drop when empty). */
async function changeBitmaps(db: Kysely<DB>, changes: BitChanges): Promise<void> {
  const sets = new Map<string, DocSet>();
  for (const [key, { add, remove }] of changes) {
    const [field, value] = splitKey(key);
    const row = await db
      .selectFrom('search_bitmap')
      .select('bits')
      .where('field', '=', field)
      .where('value', '=', value)
      .executeTakeFirst();
    const set = row ? DocSet.decode(row.bits) : DocSet.empty();
    for (const id of remove) set.delete(id);
    for (const id of add) set.add(id);
    if (set.count() === 0) {
      await db.deleteFrom('search_bitmap').where('field', '=', field).where('value', '=', value).execute();
    } else sets.set(key, set);
  }
  await writeBitmaps(db, sets);
}

/** Adds or replaces these documents; a replaced document keeps its doc_id. */
export async function upsertSqliteSearchDocuments(db: Kysely<DB>, documents: readonly SearchDocument[]): Promise<void> {
  if (documents.length === 0) return;
  const latest = new Map(documents.map((d) => [d.id, d]));
  const existing = await storedDocs(db, [...latest.keys()]);
  const max = await db
    .selectFrom('search_doc')
    .select((eb) => eb.fn.max('doc_id').as('max'))
    .executeTakeFirst();
  let nextId = Number(max?.max ?? 0) + 1;
  const changes: BitChanges = new Map();
  const written: number[] = [];
  for (const doc of latest.values()) {
    const old = existing.get(doc.id);
    const docId = old?.doc_id ?? nextId++;
    if (old) {
      await ftsDelete(db, old);
      await db.deleteFrom('search_doc').where('doc_id', '=', docId).execute();
      for (const [field, value] of JSON.parse(old.terms) as [string, string][]) {
        change(changes, termKey(field, value)).remove.push(docId);
      }
    }
    const terms = documentTerms(doc);
    // Removals are applied before additions, so a term the new version keeps stays set.
    for (const [field, value] of terms) change(changes, termKey(field, value)).add.push(docId);
    await insertRows(db, 'search_doc', DOC_COLUMNS, [docRow(docId, doc, terms)]);
    written.push(docId);
  }
  await ftsInsert(db, written);
  await addOccupations(
    db,
    [...latest.values()].flatMap((d) => d.occupations),
  );
  await changeBitmaps(db, changes);
  await bumpSearchGeneration(db);
}

/** Removes these listings from the index; unknown ids are ignored. */
export async function removeSqliteSearchDocuments(db: Kysely<DB>, ids: readonly string[]): Promise<void> {
  const existing = await storedDocs(db, ids);
  if (existing.size === 0) return;
  const changes: BitChanges = new Map();
  for (const old of existing.values()) {
    await ftsDelete(db, old);
    for (const [field, value] of JSON.parse(old.terms) as [string, string][]) {
      change(changes, termKey(field, value)).remove.push(old.doc_id);
    }
  }
  for (const part of chunked(
    [...existing.values()].map((d) => d.doc_id),
    1_000,
  )) {
    await db.deleteFrom('search_doc').where('doc_id', 'in', part).execute();
  }
  await changeBitmaps(db, changes);
  await bumpSearchGeneration(db);
}
