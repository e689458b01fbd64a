import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { SubmissionStatus, SubmissionType, UserRole } from '@skillway/core';

/**
 * Kysely table types: the one description of the schema, on SQLite and PostgreSQL alike, that queries
 * are checked against. Keep in step with migrations/ (a migration adds a table, this file gives it a
 * type). A table that exists on one database only says so.
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
  checked_at: string | null;
  // --- migration 0008 (issue 14): null = not known ---
  /** language of name/summary/… in this row; null: en */
  text_lang: string | null;
  /** JSON array of PROTECTION_STATUSES */
  eligibility_statuses: string | null;
  eligibility_note: string | null;
  documents: string | null;
  how_to_apply: string | null;
  fees: string | null;
  /** JSON array of Schedule */
  schedules: string | null;
  hours_note: string | null;
  /** JSON array of Phone */
  phones: string | null;
  /** JSON array of Email */
  emails: string | null;
  /** JSON ServiceArea */
  service_area: string | null;
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
/** `esco`: from the ESCO/ISCO files; `skillway`: the project's own translation (data/taxonomy/skillway-labels.json) */
export type LabelSource = 'esco' | 'skillway';
export interface IscoGroupLabelTable {
  code: string;
  lang: string;
  label: string;
  source: ColumnType<LabelSource, LabelSource | undefined, LabelSource>;
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
  /**
   * 1 for the preferred label (ESCO's, or the first project label of a language ESCO has none in), 0 for
   * an alternative label
   */
  preferred: number;
  source: ColumnType<LabelSource, LabelSource | undefined, LabelSource>;
}
/** PostgreSQL only (SQLite has occupation_label_fts): each folded word of a label, for autocomplete. */
export interface OccupationLabelWordTable {
  label_id: number;
  position: number;
  word: string;
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
  occupation_label_word: OccupationLabelWordTable;
  skill: SkillTable;
  occupation_skill: OccupationSkillTable;
  meta: MetaTable;
}

export type ListingRow = Selectable<ListingTable>;

/** A place of a listing (migration 0008); coordinates let queries sort by distance. */
export interface ListingLocationTable {
  listing_id: string;
  position: number;
  name: string | null;
  address: string | null;
  city: string | null;
  postcode: string | null;
  region: string | null;
  latitude: number | null;
  longitude: number | null;
  accessibility: string | null;
}
/** A listing's texts in a language other than its own text_lang (migration 0008). */
export interface ListingTextTable {
  listing_id: string;
  lang: string;
  name: string | null;
  summary: string | null;
  eligibility_note: string | null;
  documents: string | null;
  how_to_apply: string | null;
  /** original | reviewed | machine */
  status: string;
  from_lang: string | null;
  from_hash: string | null;
}
export interface DB {
  listing_location: ListingLocationTable;
  listing_text: ListingTextTable;
}
export type NewListingRow = Insertable<ListingTable>;

// --- Accounts, submissions, moderation and the search outbox (migration 0003) ---

export interface UserAccountTable {
  id: Generated<number>;
  /** lower-cased */
  email: string;
  name: string | null;
  role: UserRole;
  /** `scrypt$N$r$p$salt$hash` (see accounts/password-hasher.ts) */
  password_hash: string;
  email_verified_at: string | null;
  password_changed_at: string;
  created_at: string;
}
export interface UserSessionTable {
  id: Generated<number>;
  user_id: number;
  /** hex SHA-256 of the cookie token; the token itself is never stored */
  token_hash: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}
export const USER_TOKEN_PURPOSES = ['verify-email', 'reset-password'] as const;
export type UserTokenPurpose = (typeof USER_TOKEN_PURPOSES)[number];
export interface UserTokenTable {
  id: Generated<number>;
  user_id: number;
  purpose: UserTokenPurpose;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}
export interface SubmissionTable {
  id: Generated<number>;
  type: SubmissionType;
  listing_id: string | null;
  submitted_by: number;
  status: ColumnType<SubmissionStatus, SubmissionStatus | undefined, SubmissionStatus>;
  /** ListingInput as JSON */
  content: string;
  base_hash: string | null;
  reason: string | null;
  reviewed_by: number | null;
  reviewed_at: string | null;
  created_at: string;
  updated_at: string;
}
export interface ListingOwnerTable {
  listing_id: string;
  user_id: number;
  created_at: string;
}
export interface OutboxTable {
  id: Generated<number>;
  event: 'listing.changed';
  listing_id: string;
  status: ColumnType<'pending' | 'done', 'pending' | 'done' | undefined, 'pending' | 'done'>;
  applied_to: ColumnType<string, string | undefined, string>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  done_at: string | null;
  /** the worker that holds (or last held) the row (migration 0013) */
  claimed_by: ColumnType<string | null, string | null | undefined, string | null>;
  /** until when it holds it; a passed lease means the worker died and the row is free again */
  lease_until: ColumnType<string | null, string | null | undefined, string | null>;
}
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  action: string;
  subject_type: string;
  subject_id: string;
  /** JSON */
  changes: string;
}
// Declaration merging adds these tables to DB without editing the interface above.
export interface DB {
  user_account: UserAccountTable;
  user_session: UserSessionTable;
  user_token: UserTokenTable;
  submission: SubmissionTable;
  listing_owner: ListingOwnerTable;
  outbox: OutboxTable;
  audit_log: AuditLogTable;
}

// --- Sign-ups waiting for their address to be confirmed (migration 0005) ---

export interface PendingSignupTable {
  id: Generated<number>;
  /** lower-cased */
  email: string;
  name: string | null;
  password_hash: string;
  /** hex SHA-256 of the token in the e-mailed link */
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}
export interface DB {
  pending_signup: PendingSignupTable;
}

// --- Claims of existing listings by their providers (migration 0006) ---

export const CLAIM_STATUSES = ['pending', 'approved', 'rejected', 'revoked'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export type ClaimMethod = 'domain' | 'review';
export interface ListingClaimTable {
  id: Generated<number>;
  listing_id: string;
  user_id: number;
  status: ColumnType<ClaimStatus, ClaimStatus | undefined, ClaimStatus>;
  method: ClaimMethod;
  /** what the provider wrote to show the listing is theirs */
  evidence: string | null;
  /** the domain of the provider's verified address when they claimed */
  email_domain: string;
  /** the listing's web host (without www.) when it was claimed */
  listing_host: string | null;
  /** a moderator's reason for rejecting or revoking */
  reason: string | null;
  decided_by: number | null;
  decided_at: string | null;
  created_at: string;
  updated_at: string;
}
export interface DB {
  listing_claim: ListingClaimTable;
}

// --- Freshness and link checks (migration 0007) ---

export interface ListingFreshnessTable {
  listing_id: string;
  /** when the listing's owner last said it is right (an approved change counts too: see FreshnessService) */
  confirmed_at: string | null;
  confirmed_by: number | null;
  reminded_6m_at: string | null;
  reminded_9m_at: string | null;
}
export type LinkField = 'url' | 'source_url';
export interface LinkCheckTable {
  listing_id: string;
  field: LinkField;
  url: string;
  /** the HTTP status, null when there was no answer (timeout, network, robots.txt) */
  status: number | null;
  /** where a redirect points, resolved against the url */
  location: string | null;
  error: string | null;
  /** 1 when the link needs a person: no answer or a 4xx/5xx */
  broken: number;
  checked_at: string;
}
export interface DB {
  listing_freshness: ListingFreshnessTable;
  link_check: LinkCheckTable;
}

// --- The embedded search engine's tables (migration 0002, written by search/sqlite-index.writer.ts) ---

export interface SearchDocTable {
  /** bit position in search_bitmap; reassigned densely by a full rebuild */
  doc_id: number;
  listing_id: string;
  name: string;
  /** one per line */
  skills: string;
  organisation: string;
  summary: string;
  /** folded name then id (nameSortKey): the order of sort=name and of browsing without a query */
  name_key: string;
  /** JSON of the SearchHit without its snippet, name and summary (those are columns) */
  hit: string;
  /** JSON [field, value][] of the bitmaps this doc is in, to clear its bits when it changes */
  terms: string;
}
export interface SearchBitmapTable {
  field: string;
  value: string;
  /** see search/doc-set.ts for the two encodings */
  bits: Buffer;
  count: number;
}
export interface SearchOccupationTable {
  ref_id: number;
  /** an ISCO code or ESCO occupation URI, as listings are tagged */
  ref: string;
  /** one per line, so highlight() output can be split back into labels */
  labels: string;
}
export interface DB {
  search_doc: SearchDocTable;
  search_occupation: SearchOccupationTable;
  search_bitmap: SearchBitmapTable;
}
