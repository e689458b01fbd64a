import { Type, type Static } from '@sinclair/typebox';

/**
 * How fresh a listing is (GET /listings/:id/freshness) and the moderators' broken links
 * (GET /moderation/links): one definition for the store's services, the API and the web app.
 */
export const FreshnessSchema = Type.Object(
  {
    listing_id: Type.String(),
    confirmed_at: Type.Union([Type.String(), Type.Null()], { description: 'when its provider last confirmed it' }),
    checked_at: Type.Union([Type.String(), Type.Null()], { description: 'when we last checked it' }),
    may_be_out_of_date: Type.Boolean({ description: 'neither confirmed nor checked for 12 months' }),
  },
  { $id: 'Freshness' },
);
export type Freshness = Static<typeof FreshnessSchema>;

export const BrokenLinksSchema = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        listing_id: Type.String(),
        listing_name: Type.String(),
        field: Type.String(),
        url: Type.String(),
        status: Type.Union([Type.Integer(), Type.Null()]),
        location: Type.Union([Type.String(), Type.Null()]),
        error: Type.Union([Type.String(), Type.Null()]),
        checked_at: Type.String(),
      }),
    ),
  },
  { $id: 'BrokenLinks' },
);
export type BrokenLinks = Static<typeof BrokenLinksSchema>;
