import { Type, type Static } from '@sinclair/typebox';
import { COUNTRIES, UI_LANGUAGES } from './vocabularies';
import { EnumList, StringEnum } from './schema-helpers';
import type { ListingDetail } from './listing.schema';

/**
 * Near me (issue 17, docs/near-me.md): places from the packaged gazetteer (GeoNames), the points of
 * listings, and what a search says about the place it was asked to sort by distance from.
 */

export const PLACE_QUERY_MAX_LENGTH = 100;
export const PLACES_MAX_LIMIT = 8;

export const PLACE_KINDS = ['city', 'postcode', 'region'] as const;

export const PlaceSchema = Type.Object(
  {
    id: Type.String({ description: 'GeoNames id of the place' }),
    name: Type.String({ description: "GeoNames' main name of the place" }),
    matched: Type.Optional(
      Type.String({
        description:
          'the other name of the place (another language or script) the text matched exactly: show it back to the reader',
      }),
    ),
    country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' }),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lon: Type.Number({ minimum: -180, maximum: 180 }),
    kind: StringEnum(PLACE_KINDS, { description: 'only `city` today: no packaged source has postcodes' }),
  },
  { $id: 'Place' },
);
export type Place = Static<typeof PlaceSchema>;

/** Where a listing is, for maps and distances. */
export const PointSchema = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lon: Type.Number({ minimum: -180, maximum: 180 }),
    approximate: Type.Boolean({
      description: 'true: the centre of `label` (the listing gives no coordinates), not the address',
    }),
    label: Type.String({ description: 'the city (as the listing writes it) or the location the point is of' }),
  },
  { $id: 'Point' },
);
export type Point = Static<typeof PointSchema>;

/** A point of a listing's detail: of `locations[location]`, or of the listing itself (`location: null`). */
export const ListingPointSchema = Type.Object(
  {
    location: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
      description: 'index in `locations`; null: the listing’s city or a city of its service area',
    }),
    ...PointSchema.properties,
  },
  { $id: 'ListingPoint' },
);
export type ListingPoint = Static<typeof ListingPointSchema>;
/** GET /listings/{id}: the detail with its map points. */
export type ListingDetailWithPoints = ListingDetail & { points: ListingPoint[] };

/** What /search says about its `near`. */
export const NearSchema = Type.Object(
  {
    query: Type.String({ description: '`near` as sent' }),
    resolved: Type.Boolean(),
    place: Type.Optional(Type.Ref(PlaceSchema)),
    typo: Type.Optional(Type.Boolean({ description: 'true: the text was read as a near miss of `place` ("Crok")' })),
    reason: Type.Optional(
      StringEnum(['not-found', 'postcode'] as const, {
        description: 'why nothing resolved; `postcode`: it looks like one, and postcodes are not supported yet',
      }),
    ),
    suggestions: Type.Optional(Type.Array(Type.Ref(PlaceSchema), { maxItems: 5 })),
  },
  { $id: 'Near' },
);
export type Near = Static<typeof NearSchema>;

export const PlaceText = Type.String({
  minLength: 1,
  maxLength: PLACE_QUERY_MAX_LENGTH,
  pattern: '\\S',
  description: 'a town or city in any language or script, typos allowed ("Cork", "Корк", "كورك", "Crok", "Dublin 8")',
});

export const PlacesQuerySchema = Type.Object(
  {
    q: PlaceText,
    lang: Type.Optional(StringEnum(UI_LANGUAGES, { description: "the reader's language (a hint)" })),
    country: Type.Optional(
      EnumList(
        COUNTRIES.filter((c) => c !== 'EU'),
        { maxItems: COUNTRIES.length, description: 'only places in these countries' },
      ),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: PLACES_MAX_LIMIT, default: PLACES_MAX_LIMIT })),
  },
  { $id: 'PlacesQuery', additionalProperties: false },
);
export type PlacesQuery = Static<typeof PlacesQuerySchema>;

export const PlacesResponseSchema = Type.Object(
  {
    query: Type.String(),
    places: Type.Array(Type.Ref(PlaceSchema), { maxItems: PLACES_MAX_LIMIT }),
  },
  { $id: 'PlacesResponse' },
);
export type PlacesResponse = Static<typeof PlacesResponseSchema>;

/** Rounded as people read distances: 2.4 km, 153 km (the points are city centres, so never finer). */
export function roundDistanceKm(km: number): number {
  return km < 10 ? Math.round(km * 10) / 10 : Math.round(km);
}
