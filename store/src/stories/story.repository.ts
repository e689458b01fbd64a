import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { tokenize, type Story, type StoryRecord, type StoryStatus, type StoryTeller } from '@skillway/core';
import type { DB } from '../database';
import { isPostgres } from '../dialect';
import './story.table';
import type { StoryTable } from './story.table';

export type StoryRow = Selectable<StoryTable>;

export interface StoryFilter {
  country?: string;
  /** an ISCO-08 code (matches the same group, its sub-groups and its parents) or an ESCO occupation URI */
  occupation?: string;
  teller?: StoryTeller;
  /** stories that went through this listing */
  listing?: string;
  /** words, all of which must appear (prefixes allowed) in a story's texts in any language */
  q?: string;
  status?: StoryStatus;
  page?: number;
  per_page?: number;
}

/** The texts of a story, ready to be stored: a record of data/stories.json or an approved submission. */
type StoryWrite = Omit<StoryTable, 'anonymous'> & { anonymous: number };

function rowFromRecord(r: StoryRecord, now: string): StoryWrite {
  const s = r.source;
  const published = 'url' in s ? s : undefined;
  const told = 'told_to' in s ? s : undefined;
  return {
    id: r.id,
    teller: r.teller,
    country: r.country,
    occupation: r.occupation ?? null,
    took_months: r.took_months ?? null,
    text_lang: r.text_lang,
    anonymous: r.anonymous ? 1 : 0,
    source_url: published?.url ?? null,
    source_date: published?.date ?? null,
    source_publisher: published?.publisher ?? null,
    source_lang: published?.lang ?? null,
    told_to: told?.told_to ?? null,
    consent_date: told?.consent_date ?? null,
    origin: 'data',
    status: 'published',
    submitted_by: null,
    reject_reason: null,
    decided_by: null,
    decided_at: null,
    created_at: now,
    updated_at: now,
  };
}

async function writeStory(trx: Transaction<DB>, row: StoryWrite, record: Pick<StoryRecord, 'texts' | 'listings'>) {
  await trx.insertInto('story').values(row).execute();
  const texts = Object.entries(record.texts).map(([lang, t]) => ({
    story_id: row.id,
    lang,
    title: t.title,
    summary: t.summary,
    helped: t.helped ?? null,
    hindered: t.hindered ?? null,
    status: t.status,
    from_lang: t.from ?? null,
  }));
  if (texts.length > 0) await trx.insertInto('story_text').values(texts).execute();
  const listings = record.listings.map((listing_id, position) => ({ story_id: row.id, position, listing_id }));
  if (listings.length > 0) await trx.insertInto('story_listing').values(listings).execute();
  if (row.status === 'published') await indexStory(trx, row.id);
}

/**
 * Puts a published story's texts (every language) into story_fts. FTS5 is SQLite's: on PostgreSQL there
 * is no index to keep, and a search reads story_text itself (storyIdsMatching).
 */
async function indexStory(db: Kysely<DB>, id: string) {
  if (isPostgres(db)) return;
  await db.deleteFrom('story_fts').where('story_id', '=', id).execute();
  const texts = await db.selectFrom('story_text').selectAll().where('story_id', '=', id).execute();
  const body = texts
    .flatMap((t) => [t.title, t.summary, t.helped, t.hindered])
    .filter(Boolean)
    .join('\n');
  await db.insertInto('story_fts').values({ story_id: id, body }).execute();
}

/**
 * Replaces the stories that came from data/stories.json with `records`, in one transaction; submitted
 * stories stay. A submitted story whose id a record takes is refused by the primary key (ids differ in shape).
 */
export async function replaceDataStories(
  db: Kysely<DB>,
  records: readonly StoryRecord[],
  now: string = new Date().toISOString(),
): Promise<{ stories: number }> {
  await db.transaction().execute(async (trx) => {
    const old = trx.selectFrom('story').select('id').where('origin', '=', 'data');
    if (!isPostgres(trx)) await trx.deleteFrom('story_fts').where('story_id', 'in', old).execute();
    await trx.deleteFrom('story_text').where('story_id', 'in', old).execute();
    await trx.deleteFrom('story_listing').where('story_id', 'in', old).execute();
    await trx.deleteFrom('story').where('origin', '=', 'data').execute();
    for (const r of records) await writeStory(trx, rowFromRecord(r, now), r);
  });
  return { stories: records.length };
}

/** Stores a submitted story as pending (it is not searchable until published). */
export async function insertSubmittedStory(
  db: Kysely<DB>,
  row: Omit<StoryWrite, 'origin' | 'status' | 'reject_reason' | 'decided_by' | 'decided_at'>,
  record: Pick<StoryRecord, 'texts' | 'listings'>,
): Promise<void> {
  await db
    .transaction()
    .execute((trx) =>
      writeStory(
        trx,
        { ...row, origin: 'submission', status: 'pending', reject_reason: null, decided_by: null, decided_at: null },
        record,
      ),
    );
}

export async function decideStory(
  db: Kysely<DB>,
  id: string,
  decision: { status: 'published' | 'rejected'; by: number; at: string; reason: string | null },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const changed = await trx
      .updateTable('story')
      .set({
        status: decision.status,
        decided_by: decision.by,
        decided_at: decision.at,
        updated_at: decision.at,
        reject_reason: decision.reason,
      })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) === 0) return false;
    if (decision.status === 'published') await indexStory(trx, id);
    return true;
  });
}

/** An FTS5 query where every word must match, as a word or a word's beginning. */
function ftsQuery(q: string): string | undefined {
  const words = tokenize(q).slice(0, 12);
  return words.length ? words.map((w) => `"${w}"*`).join(' AND ') : undefined;
}

/**
 * PostgreSQL's story search, with story_fts's rule: every word of the query begins a word of the
 * story's texts (any language), compared folded (case and accents, as FTS5's remove_diacritics). The
 * texts are read and matched here: stories are few (tens, not thousands), and PostgreSQL's unaccent is
 * an extension a managed database may not offer.
 */
async function publishedStoriesMatching(db: Kysely<DB>, q: string): Promise<string[]> {
  const words = tokenize(q).slice(0, 12);
  const texts = await db
    .selectFrom('story_text as t')
    .innerJoin('story as s', 's.id', 't.story_id')
    .select(['t.story_id', 't.title', 't.summary', 't.helped', 't.hindered'])
    .where('s.status', '=', 'published')
    .execute();
  const wordsOf = new Map<string, string[]>();
  for (const t of texts) {
    const list = wordsOf.get(t.story_id) ?? [];
    for (const text of [t.title, t.summary, t.helped, t.hindered]) if (text) list.push(...tokenize(text));
    wordsOf.set(t.story_id, list);
  }
  return [...wordsOf]
    .filter(([, storyWords]) => words.every((w) => storyWords.some((sw) => sw.startsWith(w))))
    .map(([id]) => id);
}

/** ISCO codes the filter reaches: the code itself, its parents; sub-groups match by prefix. */
async function occupationCodes(db: Kysely<DB>, occupation: string): Promise<{ exact: string[]; prefix?: string }> {
  let isco = /^\d{1,4}$/.test(occupation) ? occupation : undefined;
  if (!isco) {
    const row = await db.selectFrom('occupation').select('isco_code').where('uri', '=', occupation).executeTakeFirst();
    isco = row?.isco_code;
  }
  if (!isco) return { exact: [occupation] };
  const parents = [1, 2, 3, 4].filter((n) => n <= isco.length).map((n) => isco.slice(0, n));
  return { exact: [occupation, ...parents], prefix: isco };
}

async function selectIds(db: Kysely<DB>, f: StoryFilter): Promise<{ ids: string[]; total: number }> {
  let query = db
    .selectFrom('story as s')
    .select('s.id')
    .where('s.status', '=', f.status ?? 'published');
  if (f.country) query = query.where('s.country', '=', f.country);
  if (f.teller) query = query.where('s.teller', '=', f.teller);
  if (f.listing) {
    const listing = f.listing;
    query = query.where(
      's.id',
      'in',
      db.selectFrom('story_listing').select('story_id').where('listing_id', '=', listing),
    );
  }
  if (f.occupation) {
    const { exact, prefix } = await occupationCodes(db, f.occupation);
    query = query.where((eb) =>
      eb.or([
        eb('s.occupation', 'in', exact),
        ...(prefix ? [eb('s.occupation', 'like', `${prefix}%`)] : []),
        // an ESCO occupation whose ISCO group is within the filter's
        ...(prefix
          ? [
              eb(
                's.occupation',
                'in',
                db.selectFrom('occupation').select('uri').where('isco_code', 'like', `${prefix}%`),
              ),
            ]
          : []),
      ]),
    );
  }
  if (f.q !== undefined) {
    const match = ftsQuery(f.q);
    if (!match) return { ids: [], total: 0 };
    if (isPostgres(db)) {
      const ids = await publishedStoriesMatching(db, f.q);
      if (ids.length === 0) return { ids: [], total: 0 };
      query = query.where('s.id', 'in', ids);
    } else {
      query = query.where(
        's.id',
        'in',
        db
          .selectFrom('story_fts')
          .select('story_id')
          .where(sql<boolean>`story_fts match ${match}`),
      );
    }
  }
  const all = await query.orderBy('s.created_at', 'desc').orderBy('s.id').execute();
  const perPage = f.per_page ?? 20;
  const page = f.page ?? 1;
  return { ids: all.slice((page - 1) * perPage, page * perPage).map((r) => r.id), total: all.length };
}

/** Stories as the API returns them, in the order of `ids`. */
export async function loadStories(db: Kysely<DB>, ids: readonly string[]): Promise<Story[]> {
  if (ids.length === 0) return [];
  const [rows, texts, links] = await Promise.all([
    db.selectFrom('story').selectAll().where('id', 'in', ids).execute(),
    db.selectFrom('story_text').selectAll().where('story_id', 'in', ids).execute(),
    db
      .selectFrom('story_listing as sl')
      .leftJoin('listing as l', 'l.id', 'sl.listing_id')
      .select(['sl.story_id', 'sl.position', 'sl.listing_id', 'l.name'])
      .where('sl.story_id', 'in', ids)
      .orderBy('sl.position')
      .execute(),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const storyTexts: Story['texts'] = {};
    for (const t of texts.filter((x) => x.story_id === id)) {
      storyTexts[t.lang] = {
        title: t.title,
        summary: t.summary,
        ...(t.helped !== null && { helped: t.helped }),
        ...(t.hindered !== null && { hindered: t.hindered }),
        status: t.status,
        ...(t.from_lang !== null && { from: t.from_lang }),
      };
    }
    const refs = links.filter((l) => l.story_id === id);
    const source: Story['source'] =
      r.source_url !== null
        ? {
            url: r.source_url,
            date: r.source_date ?? 'not-shown',
            publisher: r.source_publisher ?? '',
            ...(r.source_lang !== null && { lang: r.source_lang }),
          }
        : { told_to: r.told_to ?? '', consent_date: r.consent_date ?? '' };
    const story: Story = {
      id: r.id,
      teller: r.teller,
      country: r.country as Story['country'],
      ...(r.occupation !== null && { occupation: r.occupation }),
      listings: refs.map((l) => l.listing_id),
      ...(r.took_months !== null && { took_months: r.took_months }),
      text_lang: r.text_lang,
      texts: storyTexts,
      anonymous: r.anonymous === 1,
      source,
      status: r.status,
      listing_refs: refs.map((l) => ({ id: l.listing_id, name: l.name ?? null })),
      ...(r.reject_reason !== null && { reject_reason: r.reject_reason }),
      created_at: r.created_at,
    };
    return [story];
  });
}

export async function listStories(db: Kysely<DB>, f: StoryFilter): Promise<{ total: number; items: Story[] }> {
  const { ids, total } = await selectIds(db, f);
  return { total, items: await loadStories(db, ids) };
}

export function findStoryRow(db: Kysely<DB>, id: string): Promise<StoryRow | undefined> {
  return db.selectFrom('story').selectAll().where('id', '=', id).executeTakeFirst();
}
