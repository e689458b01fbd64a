import { sql, type Kysely } from 'kysely';
import { AUDIENCES, CATEGORIES, COUNTRIES } from '@skillway/core';
import type { DB } from '../database';
import { isPostgres } from '../migrations/dialect';

/**
 * The structured side of every listing that can be matched (not ended), packed for scoring: bit masks
 * for the small vocabularies, inverted lists for occupations, languages and skills. Read from SQLite
 * once per data generation (see match-data.cache.ts), so a request scores 100k listings with array
 * lookups instead of scanning listing_value.
 *
 * Listings are held in id order: index order is the tie-break order.
 */
export interface ListingSnapshot {
  size: number;
  ids: string[];
  /** id -> index (see indexOfIds) */
  indexOf: { get(id: string): number | undefined };
  /** 1 when known to be operating (active = true), 0 when unknown (ended listings are left out) */
  knownActive: Uint8Array;
  /** bit i set: COUNTRIES[i] */
  countries: Uint16Array;
  /** bit i set: CATEGORIES[i] */
  categories: Uint16Array;
  /** bit i set: AUDIENCES[i] */
  audiences: Uint8Array;
  hasOccupations: Uint8Array;
  /**
   * Each listing's ISCO codes (ESCO URIs resolved to their unit group; unknown ones left out). Read per
   * listing, not through inverted lists: a request for an occupation in ISCO major group 2 weighs
   * codes that half the listings carry.
   */
  occupations: ValuesPerListing;
  /** each listing's languages */
  languages: ValuesPerListing;
  /** skill value as stored (tag or URI) -> listings */
  skills: Map<string, Uint32Array>;
}

/**
 * A few values per listing out of a small vocabulary, in two flat arrays: listing i's values are
 * `values[ids[k]]` for k from `start[i]` to `start[i + 1] - 1`.
 */
export interface ValuesPerListing {
  values: string[];
  idOf: Map<string, number>;
  start: Uint32Array;
  ids: Uint16Array | Uint32Array;
}

class ValuesPerListingBuilder {
  private readonly values: string[] = [];
  private readonly idOf = new Map<string, number>();
  /** where each listing's values end (listing i's start where listing i - 1's end) */
  private readonly ends: number[] = [];
  private readonly ids: number[] = [];

  /** Adds a value of listing `i`; listings are added in index order. */
  add(i: number, value: string): void {
    let id = this.idOf.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.idOf.set(value, id);
    }
    this.ids.push(id);
    this.ends[i] = this.ids.length;
  }

  build(size: number): ValuesPerListing {
    const start = new Uint32Array(size + 1);
    // A listing with no values ends where the one before it ended.
    for (let i = 0; i < size; i++) start[i + 1] = this.ends[i] ?? start[i]!;
    const ids = this.values.length <= 0x10000 ? Uint16Array.from(this.ids) : Uint32Array.from(this.ids);
    return { values: this.values, idOf: this.idOf, start, ids };
  }
}

/** ValuesPerListing from each listing's values, in index order. */
export function valuesPerListing(lists: readonly (readonly string[])[]): ValuesPerListing {
  const builder = new ValuesPerListingBuilder();
  lists.forEach((values, i) => values.forEach((value) => builder.add(i, value)));
  return builder.build(lists.length);
}

const candidateLists = new WeakMap<ListingSnapshot, Map<number, Uint32Array>>();

/**
 * The listings offered in a country or EU-wide (`countryBit` | the EU bit), in index order: what a
 * request for that country ranks, a fifth of the snapshot or less instead of all of it. Built on first
 * use per country and kept with the snapshot (4 bytes a listing per country asked).
 */
export function listingsInCountry(snapshot: ListingSnapshot, countryBit: number): Uint32Array {
  let lists = candidateLists.get(snapshot);
  if (!lists) candidateLists.set(snapshot, (lists = new Map()));
  const mask = countryBit | COUNTRY_BIT.get('EU')!;
  let list = lists.get(mask);
  if (!list) {
    let count = 0;
    for (let i = 0; i < snapshot.size; i++) if ((snapshot.countries[i]! & mask) !== 0) count++;
    list = new Uint32Array(count);
    for (let i = 0, at = 0; i < snapshot.size; i++) if ((snapshot.countries[i]! & mask) !== 0) list[at++] = i;
    lists.set(mask, list);
  }
  return list;
}

const FIELD_SEPARATOR = '\u001f';
const VALUE_SEPARATOR = '\u001e';

export const COUNTRY_BIT = new Map(COUNTRIES.map((c, i) => [c as string, 1 << i]));
export const CATEGORY_BIT = new Map(CATEGORIES.map((c, i) => [c as string, 1 << i]));
export const AUDIENCE_BIT = new Map(AUDIENCES.map((a, i) => [a as string, 1 << i]));

export function maskOf(bits: ReadonlyMap<string, number>, values: Iterable<string>): number {
  let mask = 0;
  for (const value of values) mask |= bits.get(value) ?? 0;
  return mask;
}

/** Number of set bits (masks here have at most 11). */
export function bitCount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}

function pushTo(lists: Map<string, number[]>, key: string, index: number): void {
  const list = lists.get(key);
  if (list) list.push(index);
  else lists.set(key, [index]);
}

function freeze(lists: Map<string, number[]>): Map<string, Uint32Array> {
  return new Map([...lists].map(([key, list]) => [key, Uint32Array.from(list)]));
}

const BATCH = 5_000;

/**
 * Where an id is in `ids`: a binary search when they are in JavaScript's string order, which is the
 * order SQLite reads them in (byte order); a Map otherwise (PostgreSQL may order by a locale's
 * collation). A Map of 100k ids costs ~3.6 MB per process; the search, a few µs per /match.
 */
export function indexOfIds(ids: readonly string[]): { get(id: string): number | undefined } {
  for (let i = 1; i < ids.length; i++) if (!(ids[i - 1]! < ids[i]!)) return new Map(ids.map((id, k) => [id, k]));
  return {
    get(id) {
      let low = 0;
      let high = ids.length - 1;
      while (low <= high) {
        const mid = (low + high) >>> 1;
        const at = ids[mid]!;
        if (at === id) return mid;
        if (at < id) low = mid + 1;
        else high = mid - 1;
      }
      return undefined;
    },
  };
}

interface ListingRow {
  id: string;
  active: number | null;
  vals: string | null;
}

/**
 * One row per listing with its values folded into one string (a tenth of the rows, and of the objects,
 * of reading listing_value as it is), read in id order through the listing indexes, in batches with a
 * pause between them: at 100k listings a reload takes seconds, and other requests must not wait
 * behind it. Each batch is handed over as it arrives: holding all 100k rows until the end grew the
 * heap by ~30 MB for the length of a load, memory V8 then keeps.
 */
async function readListingRows(db: Kysely<DB>, onRow: (row: ListingRow) => void): Promise<void> {
  let after = '';
  // The same aggregate under each database's name.
  const concat = isPostgres(db) ? sql.raw('string_agg') : sql.raw('group_concat');
  for (;;) {
    const batch = await sql<ListingRow>`
      select l.id as id, l.active as active,
        (select ${concat}(v.field || ${FIELD_SEPARATOR} || v.value, ${VALUE_SEPARATOR})
         from listing_value v where v.listing_id = l.id) as vals
      from listing l
      where (l.active is null or l.active = 1) and l.id > ${after}
      order by l.id
      limit ${BATCH}
    `.execute(db);
    for (const row of batch.rows) onRow(row);
    if (batch.rows.length < BATCH) return;
    after = batch.rows[batch.rows.length - 1]!.id;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export async function loadListingSnapshot(
  db: Kysely<DB>,
  occupationIsco: (uri: string) => string | undefined,
): Promise<ListingSnapshot> {
  const ids: string[] = [];
  // Small numbers per listing, made typed arrays once the count is known.
  const knownActive: number[] = [];
  const countries: number[] = [];
  const categories: number[] = [];
  const audiences: number[] = [];
  const hasOccupations: number[] = [];
  const occupations = new ValuesPerListingBuilder();
  const languages = new ValuesPerListingBuilder();
  const skills = new Map<string, number[]>();
  await readListingRows(db, (row) => {
    const i = ids.length;
    ids.push(row.id);
    knownActive.push(row.active === 1 ? 1 : 0);
    let countryBits = 0;
    let categoryBits = 0;
    let audienceBits = 0;
    let tagged = 0;
    for (const pair of row.vals?.split(VALUE_SEPARATOR) ?? []) {
      const cut = pair.indexOf(FIELD_SEPARATOR);
      const field = pair.slice(0, cut);
      const value = pair.slice(cut + 1);
      switch (field) {
        case 'countries':
          countryBits |= COUNTRY_BIT.get(value) ?? 0;
          break;
        case 'categories':
          categoryBits |= CATEGORY_BIT.get(value) ?? 0;
          break;
        case 'audiences':
          audienceBits |= AUDIENCE_BIT.get(value) ?? 0;
          break;
        case 'occupations': {
          tagged = 1;
          const code = value.startsWith('http') ? occupationIsco(value) : value;
          if (code) occupations.add(i, code);
          break;
        }
        case 'languages':
          languages.add(i, value);
          break;
        case 'skills':
          pushTo(skills, value, i);
          break;
      }
    }
    countries.push(countryBits);
    categories.push(categoryBits);
    audiences.push(audienceBits);
    hasOccupations.push(tagged);
  });
  const size = ids.length;
  return {
    size,
    ids,
    indexOf: indexOfIds(ids),
    knownActive: Uint8Array.from(knownActive),
    countries: Uint16Array.from(countries),
    categories: Uint16Array.from(categories),
    audiences: Uint8Array.from(audiences),
    hasOccupations: Uint8Array.from(hasOccupations),
    occupations: occupations.build(size),
    languages: languages.build(size),
    skills: freeze(skills),
  };
}
