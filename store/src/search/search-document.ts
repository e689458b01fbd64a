import type { Kysely } from 'kysely';
import { ESCO_OCCUPATION_URI_PATTERN, UI_LANGUAGES } from '@skillway/core';
import type { DB, ListingRow } from '../database';
import { chunked } from '../batch-insert';
import { listingRowsToRecords, loadListingParts } from '../listing.repository';
import type { SearchDocument } from './search-engine';
import { loadFreshDates } from '../freshness/fresh-since';

const ESCO_URI = new RegExp(ESCO_OCCUPATION_URI_PATTERN);
/**
 * Occupation labels are indexed in the languages the directory serves only (ESCO has 27; 9 of ours):
 * the query understanding recognises an occupation typed in any of ESCO's languages and ranks by it in
 * both engines, and the documents shrink (Meilisearch: 7.2 kB to about 3 kB a listing at 100,000).
 */
const SERVED_LIST: string[] = [...UI_LANGUAGES];
const SERVED = new Set<string | null>(SERVED_LIST);

type ListingRowWithOrganisation = ListingRow & { organisation_name: string | null };

/**
 * The occupation labels a document carries, so that a refugee can type the job in their own language.
 * Which labels, per tagged occupation:
 *
 * - a 4-digit ISCO unit group (`2221`): the group's title in every language, plus the preferred label in
 *   every language of each ESCO occupation in that group ("general nurse", "verpleegkundige", "ápoló",
 *   "enfermero/enfermera", "infermiere" ...);
 * - an ESCO occupation URI: as for its unit group, plus that occupation's alternative labels;
 * - a 1-, 2- or 3-digit group (`22`): the titles in every language of the group and of every group
 *   under it down to the unit groups, but NOT their ESCO occupations.
 *
 * Why the cut: a broad group holds hundreds of ESCO occupations (22 has 59, 2 has 847; 27 languages
 * each), which would make a listing tagged `2` carry ~280 kB of labels and the index grow with every such
 * listing at 100k. The group titles (47 kB at most, 8 kB for `22`) still name the professions: "Nursing
 * professionals", "Verpleegkundigen", "Diplomás ápolók", "Profesionales de enfermería". A query for an
 * individual occupation ("dentist") still reaches a listing tagged `22` through the unit group titles
 * ("Dentists"). Duplicated strings are kept once.
 */
export class OccupationLabels {
  private readonly labels = new Map<string, string[]>();
  private readonly uriCodes = new Map<string, string | null>();

  constructor(private readonly db: Kysely<DB>) {}

  codeOf(ref: string): string | undefined {
    return ESCO_URI.test(ref) ? (this.uriCodes.get(ref) ?? undefined) : ref;
  }

  labelsOf(ref: string): readonly string[] {
    return this.labels.get(ref) ?? [];
  }

  /** Loads what `refs` need and is not cached yet. */
  async load(refs: Iterable<string>): Promise<void> {
    const missing = [...new Set(refs)].filter((r) => !this.labels.has(r));
    const uris = missing.filter((r) => ESCO_URI.test(r));
    const codes = missing.filter((r) => !ESCO_URI.test(r));

    const uriLabels = new Map<string, string[]>();
    for (const part of chunked(uris, 1_000)) {
      const rows = await this.db
        .selectFrom('occupation as o')
        .leftJoin('occupation_label as l', 'l.uri', 'o.uri')
        .select(['o.uri', 'o.isco_code', 'l.lang', 'l.label', 'l.preferred'])
        .where('o.uri', 'in', part)
        .orderBy('o.uri')
        .orderBy('l.preferred', 'desc')
        .orderBy('l.id')
        .execute();
      for (const row of rows) {
        this.uriCodes.set(row.uri, row.isco_code);
        if (row.label !== null && SERVED.has(row.lang)) push(uriLabels, row.uri, row.label);
      }
    }
    for (const uri of uris) if (!this.uriCodes.has(uri)) this.uriCodes.set(uri, null);

    const unitGroups = new Set<string>();
    for (const c of codes) if (c.length === 4) unitGroups.add(c);
    for (const uri of uris) {
      const code = this.uriCodes.get(uri);
      if (code && !this.labels.has(code)) unitGroups.add(code);
    }
    const broad = codes.filter((c) => c.length < 4);

    const groupLabels = new Map<string, string[]>();
    for (const part of chunked([...unitGroups], 1_000)) {
      const rows = await this.db
        .selectFrom('isco_group_label')
        .select(['code', 'lang', 'label'])
        .where('code', 'in', part)
        .where('lang', 'in', SERVED_LIST)
        .execute();
      for (const row of sortByLanguage(rows)) push(groupLabels, row.code, row.label);
      const occupations = await this.db
        .selectFrom('occupation as o')
        .innerJoin('occupation_label as l', 'l.uri', 'o.uri')
        .select(['o.isco_code as code', 'o.esco_code', 'l.lang', 'l.label'])
        .where('o.isco_code', 'in', part)
        .where('l.preferred', '=', 1)
        .where('l.lang', 'in', SERVED_LIST)
        .execute();
      occupations.sort((a, b) => compare(a.esco_code, b.esco_code));
      for (const row of sortByLanguage(occupations)) push(groupLabels, row.code, row.label);
    }
    for (const code of unitGroups) this.labels.set(code, dedupe(groupLabels.get(code) ?? []));

    for (const code of broad) {
      // Every group under `code` sorts between `code` and `code` followed by a character above the digits.
      const rows = await this.db
        .selectFrom('isco_group_label')
        .select(['code', 'lang', 'label'])
        .where('code', '>=', code)
        .where('code', '<', `${code}:`)
        .where('lang', 'in', SERVED_LIST)
        .orderBy('code')
        .execute();
      this.labels.set(code, dedupe(sortByLanguage(rows).map((r) => r.label)));
    }

    for (const uri of uris) {
      const code = this.uriCodes.get(uri);
      this.labels.set(uri, dedupe([...(uriLabels.get(uri) ?? []), ...(code ? this.labelsOf(code) : [])]));
    }
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** English first (most queries), then the others in a fixed order; stable within a language. */
function sortByLanguage<T extends { lang: string | null; code?: string }>(rows: T[]): T[] {
  const rank = (lang: string | null) => (lang === 'en' ? '' : (lang ?? '~'));
  return rows
    .map((row, i) => ({ row, i }))
    .sort(
      (a, b) => compare(a.row.code ?? '', b.row.code ?? '') || compare(rank(a.row.lang), rank(b.row.lang)) || a.i - b.i,
    )
    .map((x) => x.row);
}

function dedupe(labels: readonly string[]): string[] {
  return [...new Set(labels.map((l) => l.trim()).filter(Boolean))];
}

export interface SearchDocumentBatchOptions {
  /** only these listings (default: all) */
  ids?: readonly string[];
  batchSize?: number;
  /**
   * false leaves occupation_labels empty, for a consumer that reads labels per occupation code from the
   * taxonomy itself (the SQLite engine) and would otherwise pay for merging them into every document.
   */
  occupationLabels?: boolean;
}

/**
 * Streams search documents in listing id order, `batchSize` at a time, so a 100k-listing rebuild never
 * holds every document in memory. The label cache lives for the whole stream.
 */
export async function forEachSearchDocumentBatch(
  db: Kysely<DB>,
  onBatch: (documents: SearchDocument[]) => Promise<void> | void,
  options: SearchDocumentBatchOptions = {},
): Promise<void> {
  const batchSize = options.batchSize ?? 1_000;
  const labels = new OccupationLabels(db);
  const build = async (rows: ListingRowWithOrganisation[]) => {
    if (rows.length === 0) return;
    const ids = rows.map((r) => r.id);
    const values = await db
      .selectFrom('listing_value')
      .select(['listing_id', 'field', 'value', 'position'])
      .where('listing_id', 'in', ids)
      .execute();
    // Locations and texts in other languages too: documents carry every language of a listing.
    const records = listingRowsToRecords(rows, { values, ...(await loadListingParts(db, ids)) });
    await labels.load(records.flatMap((r) => r.occupations));
    const organisations = new Map(rows.map((r) => [r.id, r.organisation_name]));
    const fresh = await loadFreshDates(db, ids);
    await onBatch(
      records.map((record): SearchDocument => {
        const orgName = organisations.get(record.id);
        const occupationCodes = record.occupations.flatMap((ref) => labels.codeOf(ref) ?? []);
        return {
          ...record,
          organisation: record.organisation && orgName ? { id: record.organisation, name: orgName } : null,
          occupation_labels:
            options.occupationLabels === false ? [] : dedupe(record.occupations.flatMap((ref) => labels.labelsOf(ref))),
          occupation_codes: [...new Set(occupationCodes)],
          fresh: fresh.get(record.id) ?? { checked: null, since: null },
        };
      }),
    );
  };

  const select = () =>
    db
      .selectFrom('listing as l')
      .leftJoin('listing as o', 'o.id', 'l.organisation_id')
      .selectAll('l')
      .select('o.name as organisation_name');

  if (options.ids) {
    for (const part of chunked([...new Set(options.ids)], batchSize)) {
      await build(await select().where('l.id', 'in', part).orderBy('l.id').execute());
    }
    return;
  }
  let after: string | undefined;
  for (;;) {
    const rows = await select()
      .$if(after !== undefined, (qb) => qb.where('l.id', '>', after!))
      .orderBy('l.id')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return;
    await build(rows);
    after = rows[rows.length - 1]!.id;
  }
}

/** Search documents for `ids` (all listings when omitted), in listing id order. Unknown ids are skipped. */
export async function loadSearchDocuments(db: Kysely<DB>, ids?: readonly string[]): Promise<SearchDocument[]> {
  const out: SearchDocument[] = [];
  await forEachSearchDocumentBatch(db, (docs) => void out.push(...docs), ids ? { ids } : {});
  return out;
}

/**
 * Labels per occupation ref (code or URI), by the rule above, from the taxonomy tables; cached for the
 * life of the returned function. The Meilisearch engine uses it to show which label matched.
 */
export function occupationLabelLookup(db: Kysely<DB>): (refs: readonly string[]) => Promise<Map<string, string[]>> {
  const labels = new OccupationLabels(db);
  return async (refs) => {
    await labels.load(refs);
    return new Map(refs.map((ref) => [ref, [...labels.labelsOf(ref)]]));
  };
}
