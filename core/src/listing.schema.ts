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
} from './vocabularies';
import { EnumList, StringEnum } from './schema-helpers';

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
  address: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  phone: Type.Optional(Type.String({ minLength: 3, maxLength: 60, pattern: '^[0-9+()./ -]+$' })),
  email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
  checked_at: Type.Optional(Type.String({ format: 'date', description: 'date the facts were last checked' })),
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
    organisation: Type.Union([Type.Ref(ListingRefSchema), Type.Null()]),
    services: Type.Array(Type.Ref(ListingRefSchema), { description: 'services and initiatives of an organisation' }),
    related: Type.Array(Type.Ref(ListingRefSchema), { description: 'listings with the same categories nearby' }),
    updated_at: Type.String({ format: 'date-time' }),
  },
  { $id: 'ListingDetail' },
);
export type ListingDetail = Static<typeof ListingDetailSchema>;
