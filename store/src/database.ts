import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/**
 * Kysely table types: the one description of the SQLite schema that queries are checked against.
 * Keep in step with migrations/ (a migration adds a table, this file gives it a type).
 */
export interface ListingTable {
  id: string;
  kind: string;
  name: string;
  organisation_id: string | null;
  city: string | null;
  summary: string;
  cost: string;
  url: string;
  source_url: string;
  /** 1 active, 0 ended, null unknown */
  active: number | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  checked_at: string | null;
  /** `data` for listings loaded from data/ by the indexer, `provider` for approved submissions */
  origin: string;
  /** a stable serialisation of the record; lets the indexer skip unchanged rows and keep updated_at honest */
  content_hash: string;
  created_at: ColumnType<string, string | undefined, never>;
  updated_at: string;
}

/**
 * Every multi-valued field of a listing (countries, categories, audiences, occupations, skills,
 * languages, delivery), one row per value, so that filters and facet counts are index lookups.
 */
export interface ListingValueTable {
  listing_id: string;
  field: ListingValueField;
  value: string;
  position: number;
}
export const LISTING_VALUE_FIELDS = [
  'countries',
  'categories',
  'audiences',
  'occupations',
  'skills',
  'languages',
  'delivery',
] as const;
export type ListingValueField = (typeof LISTING_VALUE_FIELDS)[number];

export interface IscoGroupTable {
  code: string;
  level: number;
  parent_code: string | null;
}
export interface IscoGroupLabelTable {
  code: string;
  lang: string;
  label: string;
}
export interface OccupationTable {
  uri: string;
  esco_code: string;
  isco_code: string;
}
export interface OccupationLabelTable {
  id: Generated<number>;
  uri: string;
  lang: string;
  label: string;
  /** 1 for ESCO's preferred label, 0 for an alternative label */
  preferred: number;
}
export interface SkillTable {
  uri: string;
  type: string | null;
  reuse: string | null;
  label: string;
}
export interface OccupationSkillTable {
  occupation_uri: string;
  skill_uri: string;
}
export interface MetaTable {
  key: string;
  value: string;
}

export interface DB {
  listing: ListingTable;
  listing_value: ListingValueTable;
  isco_group: IscoGroupTable;
  isco_group_label: IscoGroupLabelTable;
  occupation: OccupationTable;
  occupation_label: OccupationLabelTable;
  skill: SkillTable;
  occupation_skill: OccupationSkillTable;
  meta: MetaTable;
}

export type ListingRow = Selectable<ListingTable>;
export type NewListingRow = Insertable<ListingTable>;
