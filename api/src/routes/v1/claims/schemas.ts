import { Type } from '@sinclair/typebox';
import { EVIDENCE_MAX_LENGTH, REASON_MAX_LENGTH } from '@skillway/store';

const ClaimFields = {
  id: Type.Integer(),
  listing_id: Type.String(),
  listing_name: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([
    Type.Literal('pending'),
    Type.Literal('approved'),
    Type.Literal('rejected'),
    Type.Literal('revoked'),
  ]),
  method: Type.Union([Type.Literal('domain'), Type.Literal('review')], {
    description:
      '`domain`: confirmed at once (the address is at the listing’s web domain); `review`: a moderator decides',
  }),
  evidence: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()], { description: 'why a moderator rejected or revoked it' }),
  created_at: Type.String(),
  decided_at: Type.Union([Type.String(), Type.Null()]),
};

export const ClaimSchema = Type.Object(ClaimFields, { $id: 'Claim' });
export const ClaimListSchema = Type.Object({ items: Type.Array(Type.Ref(ClaimSchema)) }, { $id: 'ClaimList' });

export const ClaimForReviewSchema = Type.Object(
  {
    ...ClaimFields,
    user: Type.Object({ id: Type.Integer(), email: Type.String(), name: Type.Union([Type.String(), Type.Null()]) }),
    email_domain: Type.String(),
    listing_host: Type.Union([Type.String(), Type.Null()]),
    listing_url: Type.Union([Type.String(), Type.Null()]),
    current_owner: Type.Union([Type.String(), Type.Null()], {
      description: 'who manages the listing now; a listing has one owner, so that ownership must end first',
    }),
  },
  { $id: 'ClaimForReview' },
);
export const ClaimQueueSchema = Type.Object(
  { pending: Type.Integer(), items: Type.Array(Type.Ref(ClaimForReviewSchema)) },
  { $id: 'ClaimQueue' },
);

export const OwnerListSchema = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        listing_id: Type.String(),
        listing_name: Type.String(),
        user_id: Type.Integer(),
        email: Type.String(),
        name: Type.Union([Type.String(), Type.Null()]),
        since: Type.String(),
      }),
    ),
  },
  { $id: 'OwnerList' },
);

export const ClaimBodySchema = Type.Object(
  {
    evidence: Type.Optional(
      Type.String({
        maxLength: EVIDENCE_MAX_LENGTH,
        description: 'how a moderator can tell the listing is yours (your role, a phone number to call back, a page)',
      }),
    ),
  },
  { $id: 'ClaimBody', additionalProperties: false },
);
export const ReasonBodySchema = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: REASON_MAX_LENGTH }) },
  { $id: 'ReasonBody', additionalProperties: false },
);

export const CLAIM_SCHEMAS = [
  ClaimSchema,
  ClaimListSchema,
  ClaimForReviewSchema,
  ClaimQueueSchema,
  OwnerListSchema,
  ClaimBodySchema,
  ReasonBodySchema,
];
