import { hash } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import {
  COUNTRIES,
  KINDS,
  TRANSLATABLE_FIELDS,
  type Country,
  type Eligibility,
  type Email,
  type Kind,
  type ListingDetail,
  type ListingRecord,
  type ListingRef,
  type ListingTexts,
  type Location,
  type Phone,
  type ProtectionStatus,
  type Schedule,
  type ServiceArea,
} from '@skillway/core';
import {
  LISTING_VALUE_FIELDS,
  type DB,
  type ListingLocationTable,
  type ListingRow,
  type ListingTextTable,
  type ListingValueField,
} from './database';
import { chunked, insertRows } from './batch-insert';

export type ListingOrigin = 'data' | 'provider';

/** Columns written for a listing, in one place so the bulk insert and the upsert agree. */
const LISTING_COLUMNS = [
  'id',
  'kind',
  'name',
  'organisation_id',
  'city',
  'summary',
  'cost',
  'url',
  'source_url',
  'active',
  'checked_at',
  'text_lang',
  'eligibility_statuses',
  'eligibility_note',
  'documents',
  'how_to_apply',
  'fees',
  'schedules',
  'hours_note',
  'phones',
  'emails',
  'service_area',
  'origin',
  'content_hash',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof ListingRow)[];

/** On a re-write created_at stays; everything else follows the record. */
const UPSERT_CLAUSE =
  'on conflict ("id") do update set ' +
  LISTING_COLUMNS.filter((c) => c !== 'id' && c !== 'created_at')
    .map((c) => `"${c}" = excluded."${c}"`)
    .join(', ');

const VALUE_COLUMNS = ['listing_id', 'field', 'value', 'position'] as const;
const LOCATION_COLUMNS = [
  'listing_id',
  'position',
  'name',
  'address',
  'city',
  'postcode',
  'region',
  'latitude',
  'longitude',
  'accessibility',
] as const satisfies readonly (keyof ListingLocationTable)[];
const TEXT_COLUMNS = [
  'listing_id',
  'lang',
  ...TRANSLATABLE_FIELDS,
  'status',
  'from_lang',
  'from_hash',
] as const satisfies readonly (keyof ListingTextTable)[];

const RELATED_LIMIT = 6;

/** The value with every object's keys in sorted order (undefined members dropped, as JSON does). */
function canonical(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value))
    return value.some((v) => v !== null && typeof v === 'object') ? value.map(canonical) : value;
  const object = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(object).sort()) if (object[key] !== undefined) out[key] = canonical(object[key]);
  return out;
}

/**
 * JSON with object keys sorted at every level, so equal records always serialise to equal text.
 * One native JSON.stringify of a re-keyed copy: several times faster than a sorting replacer, and
 * this runs for every listing on every index run.
 */
export function stableJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

export function listingContentHash(record: ListingRecord): string {
  return hash('sha256', stableJson(record));
}

function toRow(record: ListingRecord, origin: ListingOrigin, hash: string, now: string): unknown[] {
  const row: Record<(typeof LISTING_COLUMNS)[number], unknown> = {
    id: record.id,
    kind: record.kind,
    name: record.name,
    organisation_id: record.organisation,
    city: record.city,
    summary: record.summary,
    cost: record.cost,
    url: record.url,
    source_url: record.source_url,
    active: record.active === null ? null : record.active ? 1 : 0,
    checked_at: record.checked_at ?? null,
    text_lang: record.text_lang ?? null,
    eligibility_statuses: jsonOrNull(record.eligibility?.statuses),
    eligibility_note: record.eligibility?.note ?? null,
    documents: record.documents ?? null,
    how_to_apply: record.how_to_apply ?? null,
    fees: record.fees ?? null,
    schedules: jsonOrNull(record.schedules),
    hours_note: record.hours_note ?? null,
    phones: jsonOrNull(record.phones),
    emails: jsonOrNull(record.emails),
    service_area: jsonOrNull(record.service_area),
    origin,
    content_hash: hash,
    created_at: now,
    updated_at: now,
  };
  return LISTING_COLUMNS.map((c) => row[c]);
}

function jsonOrNull(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

function locationRows(record: ListingRecord): unknown[][] {
  return (record.locations ?? []).map((l, position) => {
    const row: Record<(typeof LOCATION_COLUMNS)[number], unknown> = {
      listing_id: record.id,
      position,
      name: l.name ?? null,
      address: l.address ?? null,
      city: l.city ?? null,
      postcode: l.postcode ?? null,
      region: l.region ?? null,
      latitude: l.latitude ?? null,
      longitude: l.longitude ?? null,
      accessibility: l.accessibility ?? null,
    };
    return LOCATION_COLUMNS.map((c) => row[c]);
  });
}

function textRows(record: ListingRecord): unknown[][] {
  return Object.entries(record.texts ?? {}).map(([lang, t]) => {
    const row: Record<(typeof TEXT_COLUMNS)[number], unknown> = {
      listing_id: record.id,
      lang,
      name: t.name ?? null,
      summary: t.summary ?? null,
      eligibility_note: t.eligibility_note ?? null,
      documents: t.documents ?? null,
      how_to_apply: t.how_to_apply ?? null,
      status: t.status,
      from_lang: t.from ?? null,
      from_hash: t.from_hash ?? null,
    };
    return TEXT_COLUMNS.map((c) => row[c]);
  });
}

function valueRows(record: ListingRecord): unknown[][] {
  const rows: unknown[][] = [];
  for (const field of LISTING_VALUE_FIELDS) {
    (record[field] as readonly string[]).forEach((value, position) => rows.push([record.id, field, value, position]));
  }
  return rows;
}

/** Runs `work` in a transaction unless the caller already holds one (deferred foreign keys need it). */
async function inTransaction<T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** Listings per round of writes; progress is reported after each. */
const WRITE_CHUNK = 2_500;

/** Writes rows (new or changed) and their multi-valued fields; existing rows keep created_at. */
async function writeListings(
  db: Kysely<DB>,
  items: readonly { record: ListingRecord; hash: string; existed: boolean }[],
  origin: ListingOrigin,
  now: string,
  onProgress?: (done: number) => void,
): Promise<void> {
  // Chunked so that progress (and a failure injected by a test) arrives between real writes.
  for (const chunk of chunked(items, WRITE_CHUNK)) {
    const existing = chunk.filter((i) => i.existed).map((i) => i.record.id);
    for (const ids of chunked(existing)) {
      await db.deleteFrom('listing_value').where('listing_id', 'in', ids).execute();
      await db.deleteFrom('listing_location').where('listing_id', 'in', ids).execute();
      await db.deleteFrom('listing_text').where('listing_id', 'in', ids).execute();
    }
    await insertRows(
      db,
      'listing',
      LISTING_COLUMNS,
      chunk.map((i) => toRow(i.record, origin, i.hash, now)),
      { onConflict: UPSERT_CLAUSE },
    );
    await insertRows(
      db,
      'listing_value',
      VALUE_COLUMNS,
      chunk.flatMap((i) => valueRows(i.record)),
    );
    await insertRows(
      db,
      'listing_location',
      LOCATION_COLUMNS,
      chunk.flatMap((i) => locationRows(i.record)),
    );
    await insertRows(
      db,
      'listing_text',
      TEXT_COLUMNS,
      chunk.flatMap((i) => textRows(i.record)),
    );
    onProgress?.(chunk.length);
  }
}

export interface ReplaceDataListingsResult {
  inserted: number;
  updated: number;
  deleted: number;
  unchanged: number;
  /** data records not written because a provider-owned listing with the same id exists (it wins) */
  overridden: string[];
}

/**
 * Makes the origin='data' listings equal to `records`: new ones are inserted, changed ones updated
 * (updated_at = now), missing ones deleted, identical ones left alone so their updated_at stays
 * honest. Provider listings are never touched. Running it twice with the same records changes nothing.
 */
export async function replaceDataListings(
  db: Kysely<DB>,
  records: readonly ListingRecord[],
  now: string = new Date().toISOString(),
  onProgress?: (done: number, total: number) => void,
): Promise<ReplaceDataListingsResult> {
  return inTransaction(db, async (trx) => {
    const existing = new Map<string, { origin: string; content_hash: string }>();
    for (const row of await trx.selectFrom('listing').select(['id', 'origin', 'content_hash']).execute()) {
      existing.set(row.id, row);
    }

    const result: ReplaceDataListingsResult = { inserted: 0, updated: 0, deleted: 0, unchanged: 0, overridden: [] };
    const toWrite: { record: ListingRecord; hash: string; existed: boolean }[] = [];
    const keep = new Set<string>();
    for (const record of records) {
      keep.add(record.id);
      const previous = existing.get(record.id);
      if (previous && previous.origin !== 'data') {
        result.overridden.push(record.id);
        continue;
      }
      const hash = listingContentHash(record);
      if (!previous) result.inserted++;
      else if (previous.content_hash === hash) {
        result.unchanged++;
        continue;
      } else result.updated++;
      toWrite.push({ record, hash, existed: previous !== undefined });
    }

    const removed = [...existing].filter(([id, row]) => row.origin === 'data' && !keep.has(id)).map(([id]) => id);
    const total = records.length + removed.length;
    let done = result.unchanged + result.overridden.length;
    onProgress?.(done, total);

    await writeListings(trx, toWrite, 'data', now, (n) => onProgress?.((done += n), total));

    if (removed.length > 0) {
      for (const ids of chunked(removed)) {
        const orphans = await trx
          .selectFrom('listing')
          .select(['id', 'organisation_id'])
          .where('organisation_id', 'in', ids)
          .where('origin', '!=', 'data')
          .limit(5)
          .execute();
        if (orphans.length > 0) {
          const list = orphans.map((o) => `${o.id} (belongs to ${o.organisation_id})`).join(', ');
          throw new Error(`cannot remove organisations that provider listings still belong to: ${list}`);
        }
      }
      // Services before organisations: organisation_id is ON DELETE RESTRICT, which SQLite checks per row.
      for (const ids of chunked(removed)) {
        await trx.deleteFrom('listing').where('id', 'in', ids).where('kind', '!=', 'organisation').execute();
      }
      for (const ids of chunked(removed)) {
        await trx.deleteFrom('listing').where('id', 'in', ids).execute();
      }
      result.deleted = removed.length;
      onProgress?.((done += removed.length), total);
    }
    return result;
  });
}

export type UpsertOutcome = 'inserted' | 'updated' | 'unchanged';

/** Writes one listing (an approved submission or edit); updated_at moves only when the content changes. */
export async function upsertListing(
  db: Kysely<DB>,
  record: ListingRecord,
  origin: ListingOrigin,
  now: string = new Date().toISOString(),
): Promise<UpsertOutcome> {
  return inTransaction(db, async (trx) => {
    const previous = await trx
      .selectFrom('listing')
      .select(['origin', 'content_hash'])
      .where('id', '=', record.id)
      .executeTakeFirst();
    const hash = listingContentHash(record);
    if (previous && previous.content_hash === hash && previous.origin === origin) return 'unchanged';
    await writeListings(trx, [{ record, hash, existed: previous !== undefined }], origin, now);
    return previous ? 'updated' : 'inserted';
  });
}

type ValueRow = { listing_id: string; field: string; value: string; position: number };
/** What belongs to listings besides their row: multi-valued fields, locations, texts in other languages. */
export interface ListingParts {
  values: readonly ValueRow[];
  locations?: readonly ListingLocationRow[];
  texts?: readonly ListingTextRow[];
}
type ListingLocationRow = Selectable<ListingLocationTable>;
type ListingTextRow = Selectable<ListingTextTable>;

const parseJson = <T>(text: string | null): T | undefined => (text === null ? undefined : (JSON.parse(text) as T));

/** A location row as the record has it: only the members that are known. */
function toLocation(row: ListingLocationRow): Location {
  const location: Location = {};
  for (const key of LOCATION_COLUMNS) {
    if (key === 'listing_id' || key === 'position') continue;
    const value = row[key];
    if (value !== null) (location as Record<string, unknown>)[key] = value;
  }
  return location;
}

function toTexts(row: ListingTextRow): ListingTexts {
  const texts: Record<string, unknown> = {};
  for (const field of TRANSLATABLE_FIELDS) if (row[field] !== null) texts[field] = row[field];
  texts.status = row.status;
  if (row.from_lang !== null) texts.from = row.from_lang;
  if (row.from_hash !== null) texts.from_hash = row.from_hash;
  return texts as ListingTexts;
}

function groupBy<R extends { listing_id: string }>(rows: readonly R[] | undefined): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const row of rows ?? []) {
    const list = out.get(row.listing_id);
    if (list) list.push(row);
    else out.set(row.listing_id, [row]);
  }
  return out;
}

/** Turns listing rows and what belongs to them back into records (field order as in the schema). */
export function listingRowsToRecords(
  rows: readonly ListingRow[],
  parts: ListingParts | readonly ValueRow[],
): ListingRecord[] {
  const { values, locations, texts } = Array.isArray(parts)
    ? { values: parts as readonly ValueRow[] }
    : (parts as ListingParts);
  const byListing = new Map<string, Record<ListingValueField, string[]>>();
  for (const row of rows) {
    byListing.set(
      row.id,
      Object.fromEntries(LISTING_VALUE_FIELDS.map((f) => [f, [] as string[]])) as Record<ListingValueField, string[]>,
    );
  }
  const sorted = [...values].sort((a, b) => a.position - b.position);
  for (const v of sorted) byListing.get(v.listing_id)?.[v.field as ListingValueField]?.push(v.value);
  const locationsOf = groupBy(locations);
  const textsOf = groupBy(texts);

  return rows.map((row) => {
    const multi = byListing.get(row.id)!;
    const statuses = parseJson<ProtectionStatus[]>(row.eligibility_statuses);
    const eligibility: Eligibility | undefined =
      statuses || row.eligibility_note !== null
        ? { ...(statuses && { statuses }), ...(row.eligibility_note !== null && { note: row.eligibility_note }) }
        : undefined;
    const places = (locationsOf.get(row.id) ?? []).sort((a, b) => a.position - b.position).map(toLocation);
    const languages = (textsOf.get(row.id) ?? []).sort((a, b) => (a.lang < b.lang ? -1 : 1));
    const record = {
      id: row.id,
      kind: row.kind as Kind,
      name: row.name,
      organisation: row.organisation_id,
      countries: multi.countries,
      city: row.city,
      summary: row.summary,
      categories: multi.categories,
      audiences: multi.audiences,
      occupations: multi.occupations,
      skills: multi.skills,
      languages: multi.languages,
      cost: row.cost,
      delivery: multi.delivery,
      url: row.url,
      source_url: row.source_url,
      active: row.active === null ? null : row.active === 1,
      ...(row.checked_at !== null && { checked_at: row.checked_at }),
      ...(row.text_lang !== null && { text_lang: row.text_lang }),
      ...(eligibility && { eligibility }),
      ...(row.documents !== null && { documents: row.documents }),
      ...(row.how_to_apply !== null && { how_to_apply: row.how_to_apply }),
      ...(row.fees !== null && { fees: row.fees }),
      ...(places.length > 0 && { locations: places }),
      ...(row.schedules !== null && { schedules: parseJson<Schedule[]>(row.schedules) }),
      ...(row.hours_note !== null && { hours_note: row.hours_note }),
      ...(row.phones !== null && { phones: parseJson<Phone[]>(row.phones) }),
      ...(row.emails !== null && { emails: parseJson<Email[]>(row.emails) }),
      ...(row.service_area !== null && { service_area: parseJson<ServiceArea>(row.service_area) }),
      ...(languages.length > 0 && { texts: Object.fromEntries(languages.map((t) => [t.lang, toTexts(t)])) }),
    };
    return record as ListingRecord;
  });
}

/** Locations and texts of these listings (all listings when `ids` is undefined). */
export async function loadListingParts(db: Kysely<DB>, ids: readonly string[] | undefined) {
  const locations = await db
    .selectFrom('listing_location')
    .selectAll()
    .$if(ids !== undefined, (qb) => qb.where('listing_id', 'in', ids!))
    .execute();
  const texts = await db
    .selectFrom('listing_text')
    .selectAll()
    .$if(ids !== undefined, (qb) => qb.where('listing_id', 'in', ids!))
    .execute();
  return { locations, texts };
}

/** Records by id (all listings when `ids` is omitted), ordered by id. */
export async function listListingRecords(db: Kysely<DB>, ids?: readonly string[]): Promise<ListingRecord[]> {
  if (ids && ids.length === 0) return [];
  const rows: ListingRow[] = [];
  const values: ValueRow[] = [];
  const locations: ListingLocationRow[] = [];
  const texts: ListingTextRow[] = [];
  for (const part of ids ? chunked(ids) : [undefined]) {
    const more = await loadListingParts(db, part);
    locations.push(...more.locations);
    texts.push(...more.texts);
    rows.push(
      ...(await db
        .selectFrom('listing')
        .selectAll()
        .$if(part !== undefined, (qb) => qb.where('id', 'in', part!))
        .orderBy('id')
        .execute()),
    );
    values.push(
      ...(await db
        .selectFrom('listing_value')
        .select(['listing_id', 'field', 'value', 'position'])
        .$if(part !== undefined, (qb) => qb.where('listing_id', 'in', part!))
        .execute()),
    );
  }
  if (ids) rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return listingRowsToRecords(rows, { values, locations, texts });
}

export async function getListingRecord(db: Kysely<DB>, id: string): Promise<ListingRecord | undefined> {
  const [record] = await listListingRecords(db, [id]);
  return record;
}

function toRef(row: { id: string; kind: string; name: string }): ListingRef {
  return { id: row.id, kind: row.kind as Kind, name: row.name };
}

/** A listing as the detail page shows it: the record, its organisation, what it runs, and related listings. */
export async function getListingDetail(db: Kysely<DB>, id: string): Promise<ListingDetail | undefined> {
  const row = await db.selectFrom('listing').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const values = await db
    .selectFrom('listing_value')
    .select(['listing_id', 'field', 'value', 'position'])
    .where('listing_id', '=', id)
    .execute();
  const [record] = listingRowsToRecords([row], { values, ...(await loadListingParts(db, [id])) });
  if (!record) return undefined;

  const organisation = row.organisation_id
    ? await db
        .selectFrom('listing')
        .select(['id', 'kind', 'name'])
        .where('id', '=', row.organisation_id)
        .executeTakeFirst()
    : undefined;

  const services =
    row.kind === 'organisation'
      ? await db
          .selectFrom('listing')
          .select(['id', 'kind', 'name'])
          .where('organisation_id', '=', id)
          .orderBy('name')
          .orderBy('id')
          .execute()
      : [];

  const related = await findRelated(db, record, [
    id,
    ...(row.organisation_id ? [row.organisation_id] : []),
    ...services.map((s) => s.id),
  ]);

  const ownLang = record.text_lang ?? 'en';
  const own: ListingTexts = {
    name: record.name,
    summary: record.summary,
    ...(record.eligibility?.note !== undefined && { eligibility_note: record.eligibility.note }),
    ...(record.documents !== undefined && { documents: record.documents }),
    ...(record.how_to_apply !== undefined && { how_to_apply: record.how_to_apply }),
    status: 'original',
  };
  return {
    ...record,
    text_lang: ownLang,
    // every language, the record's own included, so a reader can always get to the original
    texts: { ...record.texts, [ownLang]: own },
    organisation: organisation ? toRef(organisation) : null,
    services: services.map(toRef),
    related: related.map(toRef),
    updated_at: row.updated_at,
  };
}

/**
 * Listings that share a category and a country with `record`: active ones first, then those sharing
 * the most categories, then by name. `exclude` holds what the page already shows (itself, its
 * organisation, its services).
 */
async function findRelated(db: Kysely<DB>, record: ListingRecord, exclude: readonly string[]) {
  const shared = (field: ListingValueField, wanted: readonly string[]) =>
    sql<number>`(select count(*) from listing_value v
      where v.listing_id = l.id and v.field = ${field} and v.value in (${sql.join(wanted)}))`;
  return (
    db
      .selectFrom('listing as l')
      .select(['l.id', 'l.kind', 'l.name'])
      .where('l.id', 'not in', exclude)
      .where(shared('countries', record.countries), '>', 0)
      .where(shared('categories', record.categories), '>', 0)
      // active 1, then unknown (null), then ended (0)
      .orderBy(sql`coalesce(l.active, 0.5)`, 'desc')
      .orderBy(shared('categories', record.categories), 'desc')
      .orderBy('l.name')
      .orderBy('l.id')
      .limit(RELATED_LIMIT)
      .execute()
  );
}

export interface ListingCounts {
  total: number;
  byKind: Record<Kind, number>;
  /** a listing in two countries counts in both */
  byCountry: Record<Country, number>;
  byOrigin: Record<ListingOrigin, number>;
}

export async function countListings(db: Kysely<DB>): Promise<ListingCounts> {
  const kinds = await db
    .selectFrom('listing')
    .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('kind')
    .execute();
  const origins = await db
    .selectFrom('listing')
    .select(['origin', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('origin')
    .execute();
  const countries = await db
    .selectFrom('listing_value')
    .select(['value', (eb) => eb.fn.countAll<number>().as('n')])
    .where('field', '=', 'countries')
    .groupBy('value')
    .execute();
  const byKind = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  for (const k of kinds) byKind[k.kind as Kind] = Number(k.n);
  const byCountry = Object.fromEntries(COUNTRIES.map((c) => [c, 0])) as Record<Country, number>;
  for (const c of countries) byCountry[c.value as Country] = Number(c.n);
  const byOrigin: Record<ListingOrigin, number> = { data: 0, provider: 0 };
  for (const o of origins) byOrigin[o.origin as ListingOrigin] = Number(o.n);
  return { total: Object.values(byKind).reduce((a, b) => a + b, 0), byKind, byCountry, byOrigin };
}
