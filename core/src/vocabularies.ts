/**
 * The controlled vocabularies shared by the data files, the store, the API and the web app.
 * Every other module derives its enums, facet lists and labels from these arrays.
 */
export const KINDS = ['organisation', 'service', 'initiative'] as const;
export type Kind = (typeof KINDS)[number];

/** ISO 3166-1 alpha-2 (GB for the UK) plus EU for EU-wide or multinational listings. */
export const COUNTRIES = ['BE', 'HU', 'IE', 'IT', 'NL', 'SK', 'SI', 'ES', 'GB', 'EU'] as const;
export type Country = (typeof COUNTRIES)[number];

export const CATEGORIES = [
  'skills-assessment',
  'validation-of-prior-learning',
  'qualification-recognition',
  'language-training',
  'vocational-training',
  'career-guidance',
  'job-matching',
  'mentoring',
  'entrepreneurship',
  'employer-support',
  'information',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const AUDIENCES = ['refugees', 'asylum-seekers', 'employers', 'service-providers'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const COSTS = ['free', 'fee', 'unknown'] as const;
export type Cost = (typeof COSTS)[number];

export const DELIVERY_MODES = ['in-person', 'online'] as const;
export type Delivery = (typeof DELIVERY_MODES)[number];

/** Languages the web UI is translated into; English is the default and lives at the root URL. */
export const UI_LANGUAGES = ['en', 'nl', 'fr', 'hu', 'it', 'sk', 'sl', 'es', 'ar', 'fa', 'uk'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
export const RTL_LANGUAGES: readonly UiLanguage[] = ['ar', 'fa'];

/** ISO 639-1 code, as used in `languages` (services' languages) and `lang` (labels). */
export const LANGUAGE_CODE_PATTERN = '^[a-z]{2}$';
/** ISCO-08 group code: 1 (major) to 4 (unit group) digits. */
export const ISCO_CODE_PATTERN = '^[0-9]{1,4}$';
export const ESCO_OCCUPATION_URI_PATTERN = '^http://data\\.europa\\.eu/esco/occupation/[0-9a-f-]{36}$';
export const ESCO_SKILL_URI_PATTERN = '^http://data\\.europa\\.eu/esco/skill/[0-9a-f-]{36}$';

/**
 * Legal statuses a service may be open to (issue 14), named as in EU asylum law: recognised refugee,
 * subsidiary protection, temporary protection (the 2022 directive for people from Ukraine) and
 * applicant for international protection.
 */
export const PROTECTION_STATUSES = [
  'refugee',
  'subsidiary-protection',
  'temporary-protection',
  'asylum-seeker',
] as const;
export type ProtectionStatus = (typeof PROTECTION_STATUSES)[number];

/** Days of opening hours, Monday first (HSDS schedules use the iCal BYDAY codes MO..SU; ours are lower case). */
export const WEEKDAYS = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * Where a text in a language comes from: written by the provider (`original`), translated and checked
 * by a person who reads both languages (`reviewed`), or translated without such a check (`machine`).
 */
export const TEXT_STATUSES = ['original', 'reviewed', 'machine'] as const;
export type TextStatus = (typeof TEXT_STATUSES)[number];

/** The texts of a listing that may be given in several languages. */
export const TRANSLATABLE_FIELDS = ['name', 'summary', 'eligibility_note', 'documents', 'how_to_apply'] as const;
export type TranslatableField = (typeof TRANSLATABLE_FIELDS)[number];
