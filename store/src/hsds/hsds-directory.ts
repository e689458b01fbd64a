import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { ListingRecord } from '@skillway/core';
import type { DB } from '../database';
import { chunked } from '../batch-insert';
import { hsdsId } from './hsds-ids';
import { listListingRecords } from '../listing.repository';
import {
  hsdsTaxonomies,
  pageTerms,
  smallTermCodes,
  TAXONOMY_KEYS,
  taxonomyKeyOf,
  termId,
  termOfValue,
  termsOf,
  type TaxonomyKey,
  type TermFilter,
  type TermRef,
} from './hsds-taxonomies';
import {
  organizationId,
  organizationOf,
  organizationSummaryOf,
  serviceAtLocationOf,
  serviceId,
  serviceOf,
  serviceSummaryOf,
  termRefsOf,
  type ListingWithDates,
} from './hsds.mapper';
import type {
  HsdsOrganization,
  HsdsPage,
  HsdsService,
  HsdsServiceAtLocation,
  HsdsServiceAtLocationSummary,
  HsdsLocationSummary,
  HsdsServiceSummary,
  HsdsTaxonomy,
  HsdsTaxonomyTerm,
  HsdsOrganizationSummary,
} from './hsds.types';
import { isPostgres } from '../dialect';

export interface HsdsPaging {
  /** 1-based */
  page: number;
  perPage: number;
}

export interface HsdsListFilter {
  /** words in the name or description */
  search?: string;
  organizationId?: string;
  taxonomyTermId?: string;
  taxonomyId?: string;
  /** ISO date or date-time: listings changed then or later */
  modifiedAfter?: string;
}

export type HsdsTermFilter = Omit<TermFilter, 'taxonomy' | 'parentCode'> & { taxonomyId?: string; parentId?: string };

/** What an HSDS UUID stands for in Skillway. */
type Target =
  | { type: 'service' | 'organization'; listingId: string }
  | { type: 'service_at_location'; listingId: string; position: number }
  | { type: 'term'; ref: TermRef; field: string };

interface IdIndex {
  version: string;
  byId: Map<string, Target>;
  /** every (listing, place) pair in listing id order */
  places: { listingId: string; position: number }[];
}

const likePattern = (words: string) => `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function toPage<T>(contents: T[], total: number, paging: HsdsPaging): HsdsPage<T> {
  const totalPages = Math.ceil(total / paging.perPage);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: paging.page,
    size: contents.length,
    first_page: paging.page === 1,
    last_page: paging.page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

/**
 * Skillway's listings and taxonomy read as HSDS: pages of services, organizations, services at
 * locations, taxonomies and terms, and single records by their HSDS id. HSDS ids are name-based UUIDs
 * of Skillway ids (hsds-ids.ts); an index from UUID back to listing is rebuilt whenever the listings
 * change (their count or latest update).
 */
export class HsdsDirectory {
  private index: IdIndex | undefined;
  private terms: { version: string; byId: Map<string, TermRef> } | undefined;

  constructor(private readonly db: Kysely<DB>) {}

  async services(filter: HsdsListFilter, paging: HsdsPaging): Promise<HsdsPage<HsdsServiceSummary>> {
    const ids = await this.matchingListingIds(filter);
    const page = ids.slice((paging.page - 1) * paging.perPage, paging.page * paging.perPage);
    const listings = await this.withDates(await listListingRecords(this.db, page));
    return toPage(listings.map(serviceSummaryOf), ids.length, paging);
  }

  /** `full`: each service fully nested, as /services/{id} gives it. */
  async fullServices(filter: HsdsListFilter, paging: HsdsPaging): Promise<HsdsPage<HsdsService>> {
    const ids = await this.matchingListingIds(filter);
    const page = ids.slice((paging.page - 1) * paging.perPage, paging.page * paging.perPage);
    return toPage(await this.nestedServices(page), ids.length, paging);
  }

  async service(id: string): Promise<HsdsService | undefined> {
    const target = await this.resolve(id);
    if (target?.type !== 'service') return undefined;
    return (await this.nestedServices([target.listingId]))[0];
  }

  async organizations(filter: HsdsListFilter, paging: HsdsPaging): Promise<HsdsPage<HsdsOrganizationSummary>> {
    const ids = await this.matchingListingIds(filter, true);
    const page = ids.slice((paging.page - 1) * paging.perPage, paging.page * paging.perPage);
    return toPage((await listListingRecords(this.db, page)).map(organizationSummaryOf), ids.length, paging);
  }

  /** An organization with its services: their one-to-one fields, or fully nested with `fullServices`. */
  async organization(
    id: string,
    fullServices = false,
  ): Promise<(HsdsOrganization & { services: (HsdsService | HsdsServiceSummary)[] }) | undefined> {
    const target = await this.resolve(id);
    if (target?.type !== 'organization') return undefined;
    const [record] = await listListingRecords(this.db, [target.listingId]);
    if (!record) return undefined;
    const serviceIds = [
      target.listingId,
      ...(
        await this.db
          .selectFrom('listing')
          .select('id')
          .where('organisation_id', '=', target.listingId)
          .orderBy('id')
          .execute()
      ).map((r) => r.id),
    ];
    const services = fullServices
      ? await this.nestedServices(serviceIds)
      : (await this.withDates(await listListingRecords(this.db, serviceIds))).map(serviceSummaryOf);
    return { ...organizationOf(record), services };
  }

  async servicesAtLocations(
    filter: HsdsListFilter,
    paging: HsdsPaging,
  ): Promise<HsdsPage<HsdsServiceAtLocationSummary & { location: HsdsLocationSummary; service: HsdsServiceSummary }>> {
    const wanted = new Set(await this.matchingListingIds(filter));
    const places = (await this.idIndex()).places.filter((p) => wanted.has(p.listingId));
    const page = places.slice((paging.page - 1) * paging.perPage, paging.page * paging.perPage);
    const listings = new Map(
      (await this.withDates(await listListingRecords(this.db, [...new Set(page.map((p) => p.listingId))]))).map((l) => [
        l.record.id,
        l,
      ]),
    );
    const contents = page.flatMap((p) => {
      const listing = listings.get(p.listingId);
      if (!listing) return [];
      // a list carries one-to-one fields only: the location without its addresses and accessibility
      const { location, ...sal } = serviceAtLocationOf(listing.record, p.position);
      const { addresses: _a, accessibility: _b, ...place } = location;
      return [{ ...sal, location: place, service: serviceSummaryOf(listing) }];
    });
    return toPage(contents, places.length, paging);
  }

  async serviceAtLocation(id: string): Promise<(HsdsServiceAtLocation & { service: HsdsService }) | undefined> {
    const target = await this.resolve(id);
    if (target?.type !== 'service_at_location') return undefined;
    const [service] = await this.nestedServices([target.listingId]);
    const sal = service?.service_at_locations.find((s) => s.id === id);
    return service && sal ? { ...sal, service } : undefined;
  }

  taxonomies(paging: HsdsPaging, search?: string): HsdsPage<HsdsTaxonomy> {
    const all = hsdsTaxonomies().filter((t) => !search || t.name.toLowerCase().includes(search.toLowerCase()));
    return toPage(all.slice((paging.page - 1) * paging.perPage, paging.page * paging.perPage), all.length, paging);
  }

  taxonomy(id: string): HsdsTaxonomy | undefined {
    return hsdsTaxonomies().find((t) => t.id === id);
  }

  /** Terms across the taxonomies; an unknown taxonomy or parent id matches nothing. */
  async taxonomyTerms(filter: HsdsTermFilter, paging: HsdsPaging): Promise<HsdsPage<HsdsTaxonomyTerm>> {
    const taxonomy = filter.taxonomyId === undefined ? undefined : taxonomyKeyOf(filter.taxonomyId);
    let parentCode: string | undefined;
    if (filter.parentId !== undefined) {
      parentCode = (await this.iscoCodeOf(filter.parentId)) ?? '\u0000none';
    }
    if (filter.taxonomyId !== undefined && !taxonomy) return toPage([], 0, paging);
    const { total, terms } = await pageTerms(
      this.db,
      { taxonomy, parentCode, search: filter.search, topOnly: filter.topOnly },
      (paging.page - 1) * paging.perPage,
      paging.perPage,
    );
    return toPage(terms, total, paging);
  }

  /** One term by its HSDS id, from any taxonomy. */
  async taxonomyTerm(id: string): Promise<HsdsTaxonomyTerm | undefined> {
    const ref = (await this.termIndex()).get(id.toLowerCase());
    return ref && (await termsOf(this.db, [ref])).get(termId(ref));
  }

  /**
   * HSDS id -> term, for every term of every taxonomy (about 17 500 with ESCO skills): built on the first
   * lookup and again when the taxonomy tables change size (the indexer replaces them whole).
   */
  private async termIndex(): Promise<Map<string, TermRef>> {
    const counts = await this.db
      .selectFrom('isco_group')
      .select([
        sql<number>`count(*)`.as('isco'),
        sql<number>`(select count(*) from occupation)`.as('occupations'),
        sql<number>`(select count(*) from skill)`.as('skills'),
      ])
      .executeTakeFirstOrThrow();
    const version = `${counts.isco}/${counts.occupations}/${counts.skills}`;
    if (this.terms?.version === version) return this.terms.byId;
    const byId = new Map<string, TermRef>();
    const add = (ref: TermRef) => byId.set(termId(ref), ref);
    for (const key of TAXONOMY_KEYS) for (const code of smallTermCodes(key)) add({ taxonomy: key, code });
    for (const r of await this.db.selectFrom('isco_group').select('code').execute())
      add({ taxonomy: 'isco-08', code: r.code });
    for (const r of await this.db.selectFrom('occupation').select('uri').execute()) {
      add({ taxonomy: 'esco-occupations', code: r.uri });
    }
    for (const r of await this.db.selectFrom('skill').select('uri').execute())
      add({ taxonomy: 'esco-skills', code: r.uri });
    this.terms = { version, byId };
    return byId;
  }

  /** Every term listings use (for the export: terms nobody uses are in the API, not in the datapackage). */
  async usedTerms(): Promise<HsdsTaxonomyTerm[]> {
    const refs = [...(await this.idIndex()).byId.values()].flatMap((t) => (t.type === 'term' ? [t.ref] : []));
    return [...(await termsOf(this.db, refs)).values()].sort((a, b) =>
      a.taxonomy_id === b.taxonomy_id ? (a.code < b.code ? -1 : 1) : a.taxonomy_id < b.taxonomy_id ? -1 : 1,
    );
  }

  /** Listings by id, fully nested, in the order given (unknown ids are skipped). */
  async nestedServices(listingIds: readonly string[]): Promise<HsdsService[]> {
    const listings = await this.withDates(await listListingRecords(this.db, listingIds));
    const orgIds = [...new Set(listings.flatMap((l) => (l.record.organisation ? [l.record.organisation] : [])))];
    const orgs = new Map((await listListingRecords(this.db, orgIds)).map((r) => [r.id, r]));
    const terms = await termsOf(
      this.db,
      listings.flatMap((l) => termRefsOf(l.record)),
    );
    const byId = new Map(listings.map((l) => [l.record.id, l]));
    return listingIds.flatMap((id) => {
      const listing = byId.get(id);
      if (!listing) return [];
      const org = listing.record.organisation ? orgs.get(listing.record.organisation) : undefined;
      return [serviceOf(listing, org, terms)];
    });
  }

  /** Every organisation listing's record (for the export). */
  async organisationRecords(): Promise<ListingRecord[]> {
    const ids = await this.matchingListingIds({}, true);
    return listListingRecords(this.db, ids);
  }

  /** Listing ids (in id order) that pass the filter; unknown ids in the filter match nothing. */
  async matchingListingIds(filter: HsdsListFilter, organisationsOnly = false): Promise<string[]> {
    let query: SelectQueryBuilder<DB, 'listing', { id: string }> = this.db
      .selectFrom('listing')
      .select('listing.id')
      .orderBy('listing.id');
    if (organisationsOnly) query = query.where('listing.kind', '=', 'organisation');
    if (filter.search) {
      const like = likePattern(filter.search);
      // SQLite's like ignores ASCII case; PostgreSQL's does not, its ilike ignores case.
      const op = isPostgres(this.db) ? sql`ilike` : sql`like`;
      query = query.where(
        sql<boolean>`(listing.name ${op} ${like} escape '\\' or listing.summary ${op} ${like} escape '\\')`,
      );
    }
    if (filter.modifiedAfter)
      query = query.where('listing.updated_at', '>=', new Date(filter.modifiedAfter).toISOString());
    if (filter.organizationId) {
      const target = await this.resolve(filter.organizationId);
      if (target?.type !== 'organization') return [];
      const org = target.listingId;
      query = query.where((eb) =>
        organisationsOnly
          ? eb('listing.id', '=', org)
          : eb.or([eb('listing.id', '=', org), eb('listing.organisation_id', '=', org)]),
      );
    }
    if (filter.taxonomyTermId) {
      const target = await this.resolve(filter.taxonomyTermId);
      if (target?.type !== 'term') return [];
      query = query.where(valueCondition(target.field, target.ref.code, isPostgres(this.db)));
    }
    if (filter.taxonomyId) {
      const key = taxonomyKeyOf(filter.taxonomyId);
      if (!key) return [];
      query = query.where(taxonomyCondition(key, isPostgres(this.db)));
    }
    return (await query.execute()).map((r) => r.id);
  }

  private async withDates(records: ListingRecord[]): Promise<ListingWithDates[]> {
    const dates = new Map<string, string>();
    for (const part of chunked(records.map((r) => r.id))) {
      const rows = await this.db.selectFrom('listing').select(['id', 'updated_at']).where('id', 'in', part).execute();
      for (const row of rows) dates.set(row.id, row.updated_at);
    }
    return records.map((record) => ({ record, updatedAt: dates.get(record.id)! }));
  }

  private async iscoCodeOf(termUuid: string): Promise<string | undefined> {
    // Parents exist only in ISCO-08; its groups are few (619), so their ids are computed on demand.
    const rows = await this.db.selectFrom('isco_group').select('code').execute();
    return rows.find((r) => termId({ taxonomy: 'isco-08', code: r.code }) === termUuid)?.code;
  }

  private async resolve(id: string): Promise<Target | undefined> {
    return (await this.idIndex()).byId.get(id.toLowerCase());
  }

  private async idIndex(): Promise<IdIndex> {
    const stamp = await this.db
      .selectFrom('listing')
      .select([sql<number>`count(*)`.as('n'), sql<string | null>`max(updated_at)`.as('latest')])
      .executeTakeFirstOrThrow();
    const version = `${stamp.n}/${stamp.latest ?? ''}`;
    if (this.index?.version === version) return this.index;

    const byId = new Map<string, Target>();
    const listings = await this.db
      .selectFrom('listing')
      .select(['id', 'kind', 'city', 'eligibility_statuses'])
      .orderBy('id')
      .execute();
    const located = new Map<string, number>();
    for (const row of await this.db.selectFrom('listing_location').select(['listing_id', 'position']).execute()) {
      located.set(row.listing_id, Math.max(located.get(row.listing_id) ?? 0, row.position + 1));
    }
    const places: IdIndex['places'] = [];
    const addTerm = (field: string, value: string) => {
      const ref = termOfValue(field, value);
      if (ref) byId.set(termId(ref), { type: 'term', ref, field });
    };
    for (const row of listings) {
      byId.set(serviceId(row.id), { type: 'service', listingId: row.id });
      if (row.kind === 'organisation') byId.set(organizationId(row.id), { type: 'organization', listingId: row.id });
      const count = located.get(row.id) ?? (row.city ? 1 : 0);
      for (let position = 0; position < count; position++) places.push({ listingId: row.id, position });
      addTerm('kind', row.kind);
      for (const status of row.eligibility_statuses ? (JSON.parse(row.eligibility_statuses) as string[]) : []) {
        addTerm('eligibility', status);
      }
    }
    for (const place of places) {
      byId.set(hsdsId('service_at_location', place.listingId, place.position), {
        type: 'service_at_location',
        ...place,
      });
    }
    const values = await this.db.selectFrom('listing_value').select(['field', 'value']).distinct().execute();
    for (const v of values) addTerm(v.field, v.value);
    this.index = { version, byId, places };
    return this.index;
  }
}

/** Listings that have this value (a field of listing_value, their kind, or an eligibility status). */
function valueCondition(field: string, value: string, postgres: boolean) {
  if (field === 'kind') return sql<boolean>`listing.kind = ${value}`;
  if (field === 'eligibility') {
    // eligibility_statuses is a JSON array in a text column on both databases
    return postgres
      ? sql<boolean>`exists (select 1 from json_array_elements_text(listing.eligibility_statuses::json) s where s = ${value})`
      : sql<boolean>`exists (select 1 from json_each(listing.eligibility_statuses) s where s.value = ${value})`;
  }
  return sql<boolean>`exists (select 1 from listing_value v
    where v.listing_id = listing.id and v.field = ${field} and v.value = ${value})`;
}

/** Listings that have any term of this taxonomy. */
function taxonomyCondition(key: TaxonomyKey, postgres: boolean) {
  const having = (field: string, like = '%') =>
    sql<boolean>`exists (select 1 from listing_value v
      where v.listing_id = listing.id and v.field = ${field} and v.value like ${like})`;
  switch (key) {
    case 'skillway-categories':
      return having('categories');
    case 'skillway-audiences':
      return having('audiences');
    case 'skillway-delivery':
      return having('delivery');
    case 'skillway-kinds':
      return sql<boolean>`1 = 1`;
    case 'skillway-protection-statuses':
      return postgres
        ? sql<boolean>`json_array_length(listing.eligibility_statuses::json) > 0`
        : sql<boolean>`json_array_length(listing.eligibility_statuses) > 0`;
    case 'isco-08':
      return sql<boolean>`exists (select 1 from listing_value v
        where v.listing_id = listing.id and v.field = 'occupations' and ${
          postgres ? sql`v.value ~ '^[0-9]'` : sql`v.value glob '[0-9]*'`
        })`;
    case 'esco-occupations':
      return having('occupations', 'http://data.europa.eu/esco/occupation/%');
    case 'esco-skills':
      return having('skills', 'http://data.europa.eu/esco/skill/%');
  }
}
