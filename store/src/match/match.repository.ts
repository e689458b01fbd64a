import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { ListingRecord } from '@skillway/core';
import type { DB } from '../database';
import { listingRowsToRecords } from '../listing.repository';
import type { ListingFeatures } from './match.ranking';

/** What the ranking query needs from a request, already resolved to stored values. */
export interface FeatureQuery {
  /** national and EU-wide listings only; undefined: every country */
  country?: string;
  audience: string;
  relatedAudiences: readonly string[];
  needs: readonly string[];
  languages: readonly string[];
  /** listing `skills` values that match the person's skills */
  skillValues: readonly string[];
  /** ISCO codes grouped by the occupation weight they earn (occupation-fit.ts) */
  occupationWeights: readonly { weight: number; codes: readonly string[] }[];
}

const json = (values: readonly string[]) => JSON.stringify(values);
const inList = (values: readonly string[]) => sql`(select value from json_each(${json(values)}))`;

/**
 * The listing's occupation value as an ISCO code: data files use codes, providers may use ESCO URIs.
 * The subquery runs only for URIs (CASE short-circuits), so plain codes cost nothing.
 */
const occupationCode = sql`(case when v.value like 'http%' then (select o.isco_code from occupation o where o.uri = v.value) else v.value end)`;

function occupationWeightExpression(weights: FeatureQuery['occupationWeights']): RawBuilder<number> {
  if (weights.length === 0) return sql<number>`0`;
  const whens = weights.map(({ weight, codes }) => sql`when ${occupationCode} in ${inList(codes)} then ${weight}`);
  return sql<number>`(case ${sql.join(whens, sql` `)} else 0 end)`;
}

/**
 * One row of features per candidate listing: not ended, and (when a country is given) offered in it
 * or EU-wide. One pass over the candidates' listing_value rows (via listing_value_listing_idx, which
 * covers value); every list comes in as one JSON parameter, so the statement text depends only on the
 * number of occupation weight levels.
 */
export async function findListingFeatures(db: Kysely<DB>, query: FeatureQuery): Promise<ListingFeatures[]> {
  const candidates =
    query.country === undefined
      ? sql``
      : sql`and l.id in (select listing_id from listing_value where field = 'countries' and value in (${query.country}, 'EU'))`;
  const result = await sql<{
    id: string;
    active: number | null;
    occupation_count: number;
    occupation_weight: number | null;
    need_hits: number;
    national: number;
    eu_wide: number;
    audience_same: number;
    audience_related: number;
    audience_count: number;
    language_hits: number;
    skill_hits: number;
  }>`
    select l.id as id, l.active as active,
      sum(v.field = 'occupations') as occupation_count,
      max(case when v.field = 'occupations' then ${occupationWeightExpression(query.occupationWeights)} end) as occupation_weight,
      sum(v.field = 'categories' and v.value in ${inList(query.needs)}) as need_hits,
      max(v.field = 'countries' and v.value = ${query.country ?? ''}) as national,
      max(v.field = 'countries' and v.value = 'EU') as eu_wide,
      max(v.field = 'audiences' and v.value = ${query.audience}) as audience_same,
      max(v.field = 'audiences' and v.value in ${inList(query.relatedAudiences)}) as audience_related,
      sum(v.field = 'audiences') as audience_count,
      sum(v.field = 'languages' and v.value in ${inList(query.languages)}) as language_hits,
      sum(v.field = 'skills' and v.value in ${inList(query.skillValues)}) as skill_hits
    from listing l
    join listing_value v on v.listing_id = l.id
    where (l.active is null or l.active = 1) ${candidates}
    group by l.id
  `.execute(db);
  return result.rows.map((r) => ({
    id: r.id,
    active: r.active,
    hasOccupations: r.occupation_count > 0,
    occupationWeight: r.occupation_weight ?? 0,
    needHits: r.need_hits,
    national: r.national === 1,
    euWide: r.eu_wide === 1,
    audienceSame: r.audience_same === 1,
    audienceRelated: r.audience_related === 1,
    audienceCount: r.audience_count,
    languageHits: r.language_hits,
    skillHits: r.skill_hits,
  }));
}

export interface MatchedListing {
  record: ListingRecord;
  organisationName: string | null;
  /** the listing's occupations as ISCO codes (ESCO URIs resolved, unknown ones dropped) */
  occupationCodes: string[];
}

/** The few listings that made the cut, whole, in the order of `ids`. */
export async function loadMatchedListings(db: Kysely<DB>, ids: readonly string[]): Promise<MatchedListing[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('listing as l')
    .leftJoin('listing as o', 'o.id', 'l.organisation_id')
    .selectAll('l')
    .select('o.name as organisation_name')
    .where('l.id', 'in', [...ids])
    .execute();
  const values = await db
    .selectFrom('listing_value')
    .select(['listing_id', 'field', 'value', 'position'])
    .where('listing_id', 'in', [...ids])
    .execute();
  const uris = [
    ...new Set(values.filter((v) => v.field === 'occupations' && v.value.startsWith('http')).map((v) => v.value)),
  ];
  const uriCodes = new Map<string, string>();
  if (uris.length > 0) {
    for (const row of await db
      .selectFrom('occupation')
      .select(['uri', 'isco_code'])
      .where('uri', 'in', uris)
      .execute()) {
      uriCodes.set(row.uri, row.isco_code);
    }
  }
  const organisationNames = new Map(rows.map((r) => [r.id, r.organisation_name]));
  const records = new Map(listingRowsToRecords(rows, values).map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const record = records.get(id);
    if (!record) return [];
    const occupationCodes = record.occupations.flatMap((ref) =>
      ref.startsWith('http') ? (uriCodes.get(ref) ?? []) : [ref],
    );
    return [{ record, organisationName: organisationNames.get(id) ?? null, occupationCodes }];
  });
}

/** Which of `refs` are known: ISCO codes in isco_group, ESCO occupation URIs in occupation, skill URIs in skill. */
export async function knownTaxonomyRefs(
  db: Kysely<DB>,
  refs: { iscoCodes: readonly string[]; occupationUris: readonly string[]; skillUris: readonly string[] },
): Promise<{ iscoCodes: Set<string>; occupationIsco: Map<string, string>; skillLabels: Map<string, string> }> {
  const [codes, occupations, skills] = await Promise.all([
    refs.iscoCodes.length === 0
      ? []
      : db
          .selectFrom('isco_group')
          .select('code')
          .where('code', 'in', [...refs.iscoCodes])
          .execute(),
    refs.occupationUris.length === 0
      ? []
      : db
          .selectFrom('occupation')
          .select(['uri', 'isco_code'])
          .where('uri', 'in', [...refs.occupationUris])
          .execute(),
    refs.skillUris.length === 0
      ? []
      : db
          .selectFrom('skill')
          .select(['uri', 'label'])
          .where('uri', 'in', [...refs.skillUris])
          .execute(),
  ]);
  return {
    iscoCodes: new Set(codes.map((c) => c.code)),
    occupationIsco: new Map(occupations.map((o) => [o.uri, o.isco_code])),
    skillLabels: new Map(skills.map((s) => [s.uri, s.label])),
  };
}
