import { CompiledQuery, type Kysely } from 'kysely';
import { chunked } from '../batch-insert';
import { isPostgres, parameterMarker } from '../dialect';
import type { DB } from '../database';

const MONTH_MS = 30.44 * 24 * 60 * 60 * 1000;
export const STALE_AFTER_MONTHS = 12;

/**
 * The freshness rule, in one place for the listing page and both search engines: a listing neither
 * confirmed by its provider (an approved change counts) nor checked by us for 12 months may be out of
 * date; readers are told so, and it sinks in search. `since` is the newest of those dates (ISO date or
 * timestamp; they compare as strings), null when there is none.
 */
export function isStale(since: string | null | undefined, now: Date): boolean {
  return !since || since < staleBefore(now);
}

/** Dates before this (ISO) are stale at `now`. */
export function staleBefore(now: Date): string {
  return new Date(now.getTime() - STALE_AFTER_MONTHS * MONTH_MS).toISOString();
}

export interface ListingFreshDates {
  /** when we last checked it (the listing's checked_at) */
  checked: string | null;
  /** the newest of its provider's confirmation, an approved change and our check */
  since: string | null;
}

/**
 * Per listing: `listing_id`, `checked` (our check) and `since` (the newest of its provider's
 * confirmation, an approved change and our check; '' when none). Plain SQL, so the embedded search
 * engine can join it to its documents in the same statement.
 */
export function freshDatesSql(where = '', dialect: 'sqlite' | 'postgres' = 'sqlite'): string {
  // The newest of three: SQLite's many-argument max(), PostgreSQL's greatest().
  const newest = dialect === 'postgres' ? 'greatest' : 'max';
  return `select l.id as listing_id, l.checked_at as checked,
    ${newest}(coalesce(l.checked_at, ''), coalesce(f.confirmed_at, ''), coalesce(s.changed_at, '')) as since
  from listing l
  left join listing_freshness f on f.listing_id = l.id
  left join (select listing_id, max(reviewed_at) as changed_at from submission
    where status = 'approved' and listing_id is not null group by listing_id) s on s.listing_id = l.id
  ${where}`;
}
export const FRESH_DATES_SQL = freshDatesSql();

/** The freshness dates of listings (all, or `ids`): 100,000 listings in a few tens of milliseconds. */
export async function loadFreshDates(db: Kysely<DB>, ids?: readonly string[]): Promise<Map<string, ListingFreshDates>> {
  if (ids && ids.length === 0) return new Map();
  const out = new Map<string, ListingFreshDates>();
  const parts = ids ? chunked([...new Set(ids)], 500) : [undefined];
  const marker = parameterMarker(db);
  const dialect = isPostgres(db) ? 'postgres' : 'sqlite';
  for (const part of parts) {
    // The ids inside, on the listing table: a filter on the joined result would join every listing first.
    const where = part ? `where l.id in (${part.map((_, i) => marker(i)).join(', ')})` : '';
    const { rows } = await db.executeQuery<{ listing_id: string; checked: string | null; since: string }>(
      CompiledQuery.raw(freshDatesSql(where, dialect), part ?? []),
    );
    for (const r of rows) out.set(r.listing_id, { checked: r.checked, since: r.since || null });
  }
  return out;
}
