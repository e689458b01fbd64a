import fp from 'fastify-plugin';
import {
  FieldChangeSchema,
  ListingDetailSchema,
  ListingInputSchema,
  ListingRecordSchema,
  ModerationQueueItemSchema,
  ModerationQueueSchema,
  ModerationSubmissionSchema,
  SessionSchema,
  SubmissionListSchema,
  SubmissionSchema,
  UserSchema,
  ListingRefSchema,
  MatchReasonSchema,
  MatchRequestSchema,
  MatchResponseSchema,
  OccupationSuggestionSchema,
  OccupationSuggestResponseSchema,
  ListingPointSchema,
  NearSchema,
  PlaceSchema,
  PlacesQuerySchema,
  PlacesResponseSchema,
  PointSchema,
  ProblemSchema,
  SearchHitSchema,
  SearchQuerySchema,
  SearchResponseSchema,
  SnippetSchema,
  TaxonomyResponseSchema,
  TermSchema,
  UnderstoodConceptSchema,
  UnderstoodSchema,
} from '@skillway/core';
import { HealthResponseSchema, ReadyResponseSchema } from '../../schemas/health.schema';

/**
 * Every schema with an `$id` that routes use, added once: Fastify's validator and serializer resolve
 * `{ $ref: 'SearchHit' }` through them, and the OpenAPI document lists them as components instead of
 * inlining a copy per route.
 */
export const SHARED_SCHEMAS = [
  ProblemSchema,
  SnippetSchema,
  UnderstoodConceptSchema,
  UnderstoodSchema,
  // near me (docs/near-me.md): before the search schemas that refer to them
  PlaceSchema,
  PointSchema,
  NearSchema,
  ListingPointSchema,
  PlacesQuerySchema,
  PlacesResponseSchema,
  SearchHitSchema,
  SearchQuerySchema,
  SearchResponseSchema,
  ListingRefSchema,
  ListingDetailSchema,
  MatchReasonSchema,
  MatchRequestSchema,
  MatchResponseSchema,
  TermSchema,
  TaxonomyResponseSchema,
  OccupationSuggestionSchema,
  OccupationSuggestResponseSchema,
  HealthResponseSchema,
  ReadyResponseSchema,
  // accounts, submissions and moderation
  ListingInputSchema,
  ListingRecordSchema,
  UserSchema,
  SessionSchema,
  SubmissionSchema,
  SubmissionListSchema,
  FieldChangeSchema,
  ModerationQueueItemSchema,
  ModerationQueueSchema,
  ModerationSubmissionSchema,
];

export default fp(
  async (fastify) => {
    for (const schema of SHARED_SCHEMAS) fastify.addSchema(schema);
  },
  { name: 'shared-schemas' },
);
