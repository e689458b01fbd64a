import { Type, type Static } from '@sinclair/typebox';
import {
  AUDIENCES,
  CATEGORIES,
  COSTS,
  COUNTRIES,
  DELIVERY_MODES,
  KINDS,
  LANGUAGE_CODE_PATTERN,
  UI_LANGUAGES,
} from './vocabularies';
import { UnderstoodSchema } from './understood.schema';
import { EnumList, StringEnum } from './schema-helpers';
import { LanguageCode, ListingId, OccupationRef } from './listing.schema';
import { NearSchema, PlaceText, PointSchema } from './place.schema';

/**
 * The search contract: one request and one response shape for both engines (embedded SQLite FTS5 and
 * Meilisearch), the API's GET /search and the web app.
 */

/** Facets counted in every response, in display order. Each maps to the listing field it counts. */
export const FACETS = ['country', 'category', 'audience', 'kind', 'language', 'cost', 'delivery'] as const;
export type Facet = (typeof FACETS)[number];
export const FACET_FIELD = {
  country: 'countries',
  category: 'categories',
  audience: 'audiences',
  kind: 'kind',
  language: 'languages',
  cost: 'cost',
  delivery: 'delivery',
} as const satisfies Record<Facet, string>;

export const SEARCH_DEFAULT_PER_PAGE = 20;
export const SEARCH_MAX_PER_PAGE = 100;
export const SEARCH_MAX_QUERY_LENGTH = 500;
export const SEARCH_MAX_PAGE = 500;

export const ActiveFilter = StringEnum(['true', 'false', 'any'] as const, {
  default: 'true',
  description:
    '`true` (default): listings not known to have ended (active or unknown); `false`: only listings that ended; `any`: all',
});

export const SearchQuerySchema = Type.Object(
  {
    q: Type.Optional(
      Type.String({
        maxLength: SEARCH_MAX_QUERY_LENGTH,
        description:
          'free text in any language, a word or a whole sentence ("I was a nurse in Syria"). Not every word has to match: listings that cover more of the query, and the occupations, needs, countries and audience recognised in it, rank first; recognised countries and audiences filter unless `ignore`d.',
      }),
    ),
    lang: Type.Optional(
      StringEnum(UI_LANGUAGES, {
        description: "the reader's language: a hint for reading `q`, and the language of `understood` labels",
      }),
    ),
    ignore: Type.Optional(
      Type.Array(Type.String({ pattern: '^[a-z]+:.{1,200}$', maxLength: 210 }), {
        maxItems: 20,
        description: 'recognised concepts not to apply, as `understood.concepts[].ignore` gives them (`country:IE`)',
      }),
    ),
    country: Type.Optional(EnumList(COUNTRIES, { maxItems: COUNTRIES.length })),
    category: Type.Optional(EnumList(CATEGORIES, { maxItems: CATEGORIES.length })),
    audience: Type.Optional(EnumList(AUDIENCES, { maxItems: AUDIENCES.length })),
    kind: Type.Optional(EnumList(KINDS, { maxItems: KINDS.length })),
    occupation: Type.Optional(
      Type.Array(OccupationRef, {
        maxItems: 20,
        description: 'ISCO code prefix (`222` matches `2221`) or ESCO occupation URI (resolved to its ISCO group)',
      }),
    ),
    skill: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 20 })),
    language: Type.Optional(Type.Array(LanguageCode, { maxItems: 20 })),
    cost: Type.Optional(EnumList(COSTS, { maxItems: COSTS.length })),
    delivery: Type.Optional(EnumList(DELIVERY_MODES, { maxItems: DELIVERY_MODES.length })),
    active: Type.Optional(ActiveFilter),
    near: Type.Optional({
      ...PlaceText,
      description:
        'a town or city to sort by distance from (docs/near-me.md): any language, typos allowed. When it resolves, results without `q` are nearest first (`sort=distance`; with `q` the best match stays first unless `sort=distance` is given), every hit with a point says how far, and results are limited to its country and EU-wide listings unless `country` is given; when it does not, `near.resolved` is false and nothing else changes',
    }),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: SEARCH_MAX_PAGE, default: 1 })),
    per_page: Type.Optional(
      Type.Integer({ minimum: 1, maximum: SEARCH_MAX_PER_PAGE, default: SEARCH_DEFAULT_PER_PAGE }),
    ),
    sort: Type.Optional(
      StringEnum(['relevance', 'checked', 'name', 'distance'] as const, {
        description:
          '`relevance` (default, except with `near` and no `q`): with `q`, the listings that cover most of it first; without `q`, country-specific before EU-wide, live before unknown, most recently checked first. `checked`: most recently checked first. `name`: A to Z. `distance` (default when `near` resolves and there is no `q`; needs `near`): listings with a point nearest first, then national and online ones, then EU-wide',
      }),
    ),
  },
  { $id: 'SearchQuery', additionalProperties: false },
);
export type SearchQuery = Static<typeof SearchQuerySchema>;

/** A snippet as segments, never HTML: the client wraps `match: true` parts in <mark> itself. */
export const SnippetSchema = Type.Object(
  {
    field: StringEnum(['name', 'summary', 'skills', 'occupations'] as const),
    parts: Type.Array(Type.Object({ text: Type.String(), match: Type.Boolean() })),
  },
  { $id: 'Snippet' },
);
export type Snippet = Static<typeof SnippetSchema>;

export const SearchHitSchema = Type.Object(
  {
    id: ListingId,
    kind: StringEnum(KINDS),
    name: Type.String(),
    summary: Type.String(),
    countries: EnumList(COUNTRIES),
    city: Type.Union([Type.String(), Type.Null()]),
    categories: EnumList(CATEGORIES),
    audiences: EnumList(AUDIENCES),
    languages: Type.Array(Type.String()),
    cost: StringEnum(COSTS),
    delivery: EnumList(DELIVERY_MODES),
    active: Type.Union([Type.Boolean(), Type.Null()]),
    organisation: Type.Union([Type.Object({ id: ListingId, name: Type.String() }), Type.Null()]),
    url: Type.String(),
    checked_at: Type.Optional(Type.String({ format: 'date', description: 'when the facts were last checked' })),
    snippet: Type.Union([Type.Ref(SnippetSchema), Type.Null()]),
    point: Type.Optional(
      Type.Ref(PointSchema, {
        description: 'where it is (in-person listings whose city is known); absent: online or nationwide',
      }),
    ),
    distance_km: Type.Optional(
      Type.Number({
        minimum: 0,
        description: 'from the `near` place to `point`: one decimal under 10 km, whole km above',
      }),
    ),
    text_lang: Type.Optional(
      Type.String({ pattern: LANGUAGE_CODE_PATTERN, description: 'language of `name` and `summary` as given here' }),
    ),
    translation: Type.Optional(
      Type.Object(
        {
          status: StringEnum(['reviewed', 'machine'] as const),
          from: Type.String({ pattern: LANGUAGE_CODE_PATTERN }),
          fields: Type.Array(StringEnum(['name', 'summary'] as const)),
        },
        {
          description:
            "present when `name` and/or `summary` (`fields`) are a translation into `lang`, not the provider's own text; " +
            '`machine`: not reviewed by a person',
        },
      ),
    ),
  },
  { $id: 'SearchHit' },
);
export type SearchHit = Static<typeof SearchHitSchema>;

export const FacetValueSchema = Type.Object({ value: Type.String(), count: Type.Integer({ minimum: 0 }) });
export type FacetValue = Static<typeof FacetValueSchema>;

export const SearchResponseSchema = Type.Object(
  {
    hits: Type.Array(Type.Ref(SearchHitSchema)),
    total: Type.Integer({ minimum: 0 }),
    page: Type.Integer({ minimum: 1 }),
    per_page: Type.Integer({ minimum: 1 }),
    facets: Type.Object(
      Object.fromEntries(FACETS.map((f) => [f, Type.Array(FacetValueSchema)])) as {
        [K in Facet]: ReturnType<typeof Type.Array<typeof FacetValueSchema>>;
      },
      {
        description:
          'Disjunctive counts: each facet ignores its own selection and respects all the others. Vocabulary facets list every value, zeros included.',
      },
    ),
    understood: Type.Ref(UnderstoodSchema, {
      description: 'what was recognised in `q`; empty when there is no `q`',
    }),
    near: Type.Optional(
      Type.Ref(NearSchema, { description: 'the place `near` named, or why none; absent without `near`' }),
    ),
    took_ms: Type.Number({ minimum: 0 }),
    engine: StringEnum(['sqlite', 'meilisearch', 'postgres'] as const, {
      description:
        'the engine that answered: `postgres` is the degraded stand-in of PostgreSQL deployments while Meilisearch is down (no idf in ranking, slower at scale)',
    }),
  },
  { $id: 'SearchResponse' },
);
export type SearchResponse = Static<typeof SearchResponseSchema>;
export type FacetCounts = SearchResponse['facets'];
export type EngineName = SearchResponse['engine'];
