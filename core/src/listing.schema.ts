import { Type, type Static } from '@sinclair/typebox';
import {
  AUDIENCES,
  CATEGORIES,
  COSTS,
  COUNTRIES,
  DELIVERY_MODES,
  ESCO_OCCUPATION_URI_PATTERN,
  ESCO_SKILL_URI_PATTERN,
  ISCO_CODE_PATTERN,
  KINDS,
  LANGUAGE_CODE_PATTERN,
  PROTECTION_STATUSES,
  TEXT_STATUSES,
  TRANSLATABLE_FIELDS,
  WEEKDAYS,
  type TranslatableField,
} from './vocabularies';
import { EnumList, StringEnum } from './schema-helpers';
import type { FieldError } from './validation';

export const LISTING_ID_PATTERN = '^[a-z0-9]+(?:-[a-z0-9]+)*$';
export const HTTP_URL_PATTERN = '^https?://[^\\s/$.?#][^\\s]*$';

export const ListingId = Type.String({ pattern: LISTING_ID_PATTERN, minLength: 3, maxLength: 120 });
export const HttpUrl = Type.String({ format: 'uri', pattern: HTTP_URL_PATTERN, maxLength: 2000 });
export const OccupationRef = Type.Union(
  [
    Type.String({ pattern: ISCO_CODE_PATTERN, description: 'ISCO-08 group code (1 to 4 digits)' }),
    Type.String({ pattern: ESCO_OCCUPATION_URI_PATTERN, description: 'ESCO occupation URI' }),
  ],
  { description: 'an ISCO-08 code or an ESCO occupation URI' },
);
export const SkillRef = Type.Union([
  Type.String({ pattern: ESCO_SKILL_URI_PATTERN, description: 'ESCO skill URI' }),
  Type.String({ minLength: 1, maxLength: 100, pattern: '^[^<>]*\\S[^<>]*$', description: 'free English tag' }),
]);
export const LanguageCode = Type.String({ pattern: LANGUAGE_CODE_PATTERN, description: 'ISO 639-1 code' });

/** A free text of a listing (no angle brackets: texts are shown as text, and this keeps HTML out). */
const PLAIN_TEXT = { pattern: '^[^<>]*\\S[^<>]*$', description: 'plain text without < or >' };
/** `title` says what the field holds (OpenAPI shows it); `description` is what error messages quote. */
const LongText = (maxLength: number, title?: string) =>
  Type.String({ minLength: 1, maxLength, ...PLAIN_TEXT, ...(title && { title }) });
const ShortText = LongText;

/** Who may use a service. Absent: not known. `statuses` lists the legal statuses it is open to. */
export const EligibilitySchema = Type.Object(
  {
    statuses: Type.Optional(EnumList(PROTECTION_STATUSES, { minItems: 1 })),
    note: Type.Optional(LongText(1000, 'other conditions (age, residence, language level, registration, …)')),
  },
  { $id: 'Eligibility', additionalProperties: false, minProperties: 1 },
);
const Eligibility = EligibilitySchema;
export type Eligibility = Static<typeof EligibilitySchema>;

/** A place where the service is delivered (HSDS location + physical_address + accessibility). */
export const LocationSchema = Type.Object(
  {
    name: Type.Optional(ShortText(200)),
    address: Type.Optional(ShortText(300, 'street and number as the source writes it')),
    city: Type.Optional(ShortText(120)),
    postcode: Type.Optional(ShortText(20)),
    region: Type.Optional(ShortText(120, 'region, province or county')),
    latitude: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    longitude: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    accessibility: Type.Optional(LongText(500, 'step-free access, lifts, …')),
  },
  {
    $id: 'Location',
    additionalProperties: false,
    minProperties: 1,
    // coordinates come in pairs (draft-07 `dependencies`: the Ajv we share does not know dependentRequired)
    dependencies: { latitude: ['longitude'], longitude: ['latitude'] },
  },
);
const Location = LocationSchema;
export type Location = Static<typeof LocationSchema>;

export const TIME_OF_DAY_PATTERN = '^(?:[01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$';
/** Regular opening hours: on these days, from `opens` to `closes` (local time, 24-hour clock). */
export const ScheduleSchema = Type.Object(
  {
    days: EnumList(WEEKDAYS, { minItems: 1 }),
    opens: Type.String({ pattern: TIME_OF_DAY_PATTERN, description: 'HH:MM' }),
    closes: Type.String({ pattern: TIME_OF_DAY_PATTERN, description: 'HH:MM, later than opens' }),
    note: Type.Optional(ShortText(200)),
  },
  { $id: 'Schedule', additionalProperties: false },
);
const Schedule = ScheduleSchema;
export type Schedule = Static<typeof ScheduleSchema>;

export const PHONE_NUMBER_PATTERN = '^[0-9+()./ -]+$';
export const PhoneSchema = Type.Object(
  {
    number: Type.String({ minLength: 3, maxLength: 60, pattern: PHONE_NUMBER_PATTERN }),
    description: Type.Optional(ShortText(200, 'what the number is for, e.g. "appointments, Mon–Thu"')),
  },
  { $id: 'Phone', additionalProperties: false },
);
const Phone = PhoneSchema;
export type Phone = Static<typeof PhoneSchema>;

export const EmailSchema = Type.Object(
  {
    address: Type.String({ format: 'email', maxLength: 254 }),
    description: Type.Optional(ShortText(200)),
  },
  { $id: 'Email', additionalProperties: false },
);
const Email = EmailSchema;
export type Email = Static<typeof EmailSchema>;

/** Where a service is open to people from. Absent: the whole of its `countries`. */
export const ServiceAreaSchema = Type.Object(
  {
    regions: Type.Optional(Type.Array(ShortText(120), { minItems: 1, maxItems: 50, uniqueItems: true })),
    cities: Type.Optional(Type.Array(ShortText(120), { minItems: 1, maxItems: 100, uniqueItems: true })),
  },
  { $id: 'ServiceArea', additionalProperties: false, minProperties: 1 },
);
const ServiceArea = ServiceAreaSchema;
export type ServiceArea = Static<typeof ServiceAreaSchema>;

/** The texts that may be given per language (keys as in TRANSLATABLE_FIELDS). */
const translatableTexts = {
  name: Type.Optional(Type.String({ minLength: 2, maxLength: 300, pattern: '\\S' })),
  summary: Type.Optional(Type.String({ minLength: 10, maxLength: 1500 })),
  eligibility_note: Type.Optional(LongText(1000, 'as eligibility.note')),
  documents: Type.Optional(LongText(1000, 'as documents')),
  how_to_apply: Type.Optional(LongText(2000, 'as how_to_apply')),
};
export const FROM_HASH_PATTERN = '^[0-9a-f]{16}$';
const fromHash = Type.Optional(
  Type.String({
    pattern: FROM_HASH_PATTERN,
    description:
      'fingerprint of the original texts this was translated from (npm run translations:stamp); ' +
      'when the original changes, the translation is stale and is not shown',
  }),
);

/**
 * The texts of a listing in one language other than `text_lang`. `original`: the provider wrote them
 * (no `from`); `reviewed` / `machine`: translated from `from`, checked by a person or not.
 */
export const ListingTextsSchema = Type.Object(
  {
    ...translatableTexts,
    status: StringEnum(TEXT_STATUSES),
    from: Type.Optional(Type.String({ pattern: LANGUAGE_CODE_PATTERN, description: 'the language translated from' })),
    from_hash: fromHash,
  },
  {
    $id: 'ListingTexts',
    additionalProperties: false,
    // a translation says what it was translated from (listingRuleProblems refuses `from` on an original)
    if: { type: 'object', properties: { status: { const: 'original' } } },
    else: { required: ['from'] },
  },
);
export type ListingTexts = Static<typeof ListingTextsSchema>;
const Texts = Type.Record(Type.String({ pattern: LANGUAGE_CODE_PATTERN }), ListingTextsSchema, {
  maxProperties: 40,
  additionalProperties: false,
  description: "texts per language (ISO 639-1 key), besides the record's own in text_lang",
});

/**
 * One entry of data/translations/<lang>.json: `{ "<listing-id>": TranslationEntry }`. Seed
 * translations live apart from the records so translators and the data work do not edit one file.
 */
export const TranslationEntrySchema = Type.Object(
  {
    ...translatableTexts,
    status: StringEnum(['machine', 'reviewed'] as const),
    from: Type.String({
      pattern: LANGUAGE_CODE_PATTERN,
      description: "the language translated from (the record's text_lang)",
    }),
    from_hash: fromHash,
  },
  { $id: 'TranslationEntry', additionalProperties: false },
);
export type TranslationEntry = Static<typeof TranslationEntrySchema>;

/** The editable content of a listing: what the data files hold and what providers submit. */
const listingFields = {
  kind: StringEnum(KINDS),
  name: Type.String({ minLength: 2, maxLength: 300 }),
  organisation: Type.Union([ListingId, Type.Null()], {
    description: 'id of the organisation a service or initiative belongs to; null on organisations',
  }),
  countries: EnumList(COUNTRIES, { minItems: 1 }),
  city: Type.Union([Type.String({ minLength: 1, maxLength: 120 }), Type.Null()]),
  summary: Type.String({ minLength: 10, maxLength: 1500 }),
  categories: EnumList(CATEGORIES, { minItems: 1 }),
  audiences: EnumList(AUDIENCES, { minItems: 1 }),
  occupations: Type.Array(OccupationRef, { uniqueItems: true, maxItems: 50 }),
  skills: Type.Array(SkillRef, { uniqueItems: true, maxItems: 50 }),
  languages: Type.Array(LanguageCode, { uniqueItems: true, maxItems: 60 }),
  cost: StringEnum(COSTS),
  delivery: EnumList(DELIVERY_MODES, { minItems: 1 }),
  url: HttpUrl,
  source_url: HttpUrl,
  active: Type.Union([Type.Boolean(), Type.Null()], {
    description: 'true: operating; false: a source says it ended; null: not known',
  }),
  checked_at: Type.Optional(Type.String({ format: 'date', description: 'date the facts were last checked' })),
  // --- issue 14: the richer model. Every field is optional; absent means unknown, never "none". ---
  text_lang: Type.Optional(
    Type.String({
      pattern: LANGUAGE_CODE_PATTERN,
      description: 'language of the texts of this record (name, summary, …); absent: en',
    }),
  ),
  eligibility: Type.Optional(Eligibility),
  documents: Type.Optional(LongText(1000, 'what to bring (HSDS service.application_process / required documents)')),
  how_to_apply: Type.Optional(LongText(2000, 'next steps: how to apply or get in touch (HSDS application_process)')),
  fees: Type.Optional(LongText(500, 'fees in words (HSDS fees_description); `cost` says free/fee')),
  locations: Type.Optional(Type.Array(Location, { maxItems: 50 })),
  schedules: Type.Optional(Type.Array(Schedule, { maxItems: 30 })),
  hours_note: Type.Optional(LongText(500, 'opening hours in words: by appointment, term dates, exceptions')),
  phones: Type.Optional(Type.Array(Phone, { maxItems: 10 })),
  emails: Type.Optional(Type.Array(Email, { maxItems: 10 })),
  service_area: Type.Optional(ServiceArea),
  texts: Type.Optional(Texts),
};

/** One record of data/listings.json. */
export const ListingRecordSchema = Type.Object(
  { id: ListingId, ...listingFields },
  { $id: 'ListingRecord', additionalProperties: false },
);
export type ListingRecord = Static<typeof ListingRecordSchema>;

/** A listing as a provider submits it (the id is assigned by the store). */
export const ListingInputSchema = Type.Object(listingFields, { $id: 'ListingInput', additionalProperties: false });
export type ListingInput = Static<typeof ListingInputSchema>;

export const ListingRefSchema = Type.Object(
  { id: ListingId, kind: StringEnum(KINDS), name: Type.String() },
  { $id: 'ListingRef' },
);
export type ListingRef = Static<typeof ListingRefSchema>;

/** A listing as the API returns it: the record plus its organisation and, for organisations, what they run. */
export const ListingDetailSchema = Type.Object(
  {
    ...ListingRecordSchema.properties,
    text_lang: Type.String({ pattern: LANGUAGE_CODE_PATTERN, description: "language of the record's own texts" }),
    texts: Type.Record(Type.String({ pattern: LANGUAGE_CODE_PATTERN }), ListingTextsSchema, {
      description:
        'the texts in every language the listing has, its own (`text_lang`, status `original`) included; ' +
        'translations made from an original that changed since are left out',
    }),
    organisation: Type.Union([Type.Ref(ListingRefSchema), Type.Null()]),
    services: Type.Array(Type.Ref(ListingRefSchema), { description: 'services and initiatives of an organisation' }),
    related: Type.Array(Type.Ref(ListingRefSchema), { description: 'listings with the same categories nearby' }),
    updated_at: Type.String({ format: 'date-time' }),
  },
  { $id: 'ListingDetail' },
);
export type ListingDetail = Static<typeof ListingDetailSchema>;

/** The original text of a translatable field in a listing's own language (`eligibility_note` is `eligibility.note`). */
export function originalText(
  listing: Partial<Pick<ListingInput, Exclude<TranslatableField, 'eligibility_note'> | 'eligibility'>>,
  field: TranslatableField,
): string | undefined {
  return field === 'eligibility_note' ? listing.eligibility?.note : listing[field];
}

/**
 * The rules of a listing that JSON Schema cannot say, for the indexer and the API alike: opening hours
 * that close after they open, and texts per language that are honest about where they come from.
 */
export function listingRuleProblems(listing: Partial<ListingInput>): FieldError[] {
  const problems: FieldError[] = [];
  (Array.isArray(listing.schedules) ? listing.schedules : []).forEach((s, i) => {
    if (s && typeof s.opens === 'string' && typeof s.closes === 'string' && s.closes <= s.opens)
      problems.push({
        field: `schedules[${i}].closes`,
        reason: `${JSON.stringify(s.closes)} is not later than opens ${JSON.stringify(s.opens)}`,
      });
  });
  const own = listing.text_lang ?? 'en';
  const byLang = listing.texts !== null && typeof listing.texts === 'object' ? listing.texts : {};
  for (const [lang, texts] of Object.entries(byLang)) {
    if (!texts || typeof texts !== 'object') continue;
    const at = `texts.${lang}`;
    if (lang === own) {
      problems.push({
        field: at,
        reason: `is the record's own language (text_lang ${own}): put these texts in the record's fields`,
      });
      continue;
    }
    if (!TRANSLATABLE_FIELDS.some((f) => texts[f] !== undefined))
      problems.push({ field: at, reason: `has no text (give one of ${TRANSLATABLE_FIELDS.join(', ')})` });
    if (texts.status === 'original') {
      if (texts.from !== undefined)
        problems.push({ field: `${at}.from`, reason: 'must not be given on an original text' });
      continue;
    }
    if (texts.from !== undefined && texts.from !== own)
      problems.push({
        field: `${at}.from`,
        reason: `${JSON.stringify(texts.from)} is not the record's own language (${own})`,
      });
    for (const f of TRANSLATABLE_FIELDS) {
      if (texts[f] !== undefined && originalText(listing, f) === undefined)
        problems.push({
          field: `${at}.${f}`,
          reason: `translates a text the record does not have (no ${f === 'eligibility_note' ? 'eligibility.note' : f})`,
        });
    }
  }
  return problems;
}
