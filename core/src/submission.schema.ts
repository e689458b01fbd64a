import { Type, type Static } from '@sinclair/typebox';
import { ListingId, ListingInputSchema, ListingRecordSchema } from './listing.schema';
import { StringEnum } from './schema-helpers';

/** A proposal by a provider: a new listing, or an edit of a live listing they own. Nothing goes live unreviewed. */
export const SUBMISSION_TYPES = ['new', 'edit'] as const;
export type SubmissionType = (typeof SUBMISSION_TYPES)[number];
export const SUBMISSION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export const REJECTION_REASON_MAX_LENGTH = 2000;

export const SubmissionSchema = Type.Object(
  {
    id: Type.Integer(),
    type: StringEnum(SUBMISSION_TYPES),
    status: StringEnum(SUBMISSION_STATUSES),
    listing_id: Type.Union([ListingId, Type.Null()], {
      description: 'the listing edited, or the id a new listing got when approved; null while a new one is pending',
    }),
    content: Type.Ref(ListingInputSchema),
    reason: Type.Union([Type.String(), Type.Null()], { description: 'why it was rejected' }),
    created_at: Type.String({ format: 'date-time' }),
    updated_at: Type.String({ format: 'date-time' }),
    reviewed_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'Submission' },
);
export type Submission = Static<typeof SubmissionSchema>;

export const SubmissionListSchema = Type.Object(
  { items: Type.Array(Type.Ref(SubmissionSchema)) },
  { $id: 'SubmissionList' },
);
export type SubmissionList = Static<typeof SubmissionListSchema>;

export const FieldChangeSchema = Type.Object(
  {
    field: Type.String(),
    before: Type.Optional(Type.Unknown({ description: 'absent when the field was not set' })),
    after: Type.Optional(Type.Unknown({ description: 'absent when the field is removed' })),
  },
  { $id: 'FieldChange' },
);
export type FieldChange = Static<typeof FieldChangeSchema>;

export const SubmitterSchema = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
});

export const ModerationQueueItemSchema = Type.Object(
  {
    id: Type.Integer(),
    type: StringEnum(SUBMISSION_TYPES),
    listing_id: Type.Union([ListingId, Type.Null()]),
    name: Type.String({ description: 'the proposed listing name' }),
    submitted_by: SubmitterSchema,
    created_at: Type.String({ format: 'date-time' }),
    updated_at: Type.String({ format: 'date-time' }),
  },
  { $id: 'ModerationQueueItem' },
);
export type ModerationQueueItem = Static<typeof ModerationQueueItemSchema>;

export const ModerationQueueSchema = Type.Object(
  { items: Type.Array(Type.Ref(ModerationQueueItemSchema)), pending: Type.Integer({ minimum: 0 }) },
  { $id: 'ModerationQueue' },
);
export type ModerationQueue = Static<typeof ModerationQueueSchema>;

/** A submission as a moderator reviews it: for an edit, the live version and the field-by-field diff. */
export const ModerationSubmissionSchema = Type.Object(
  {
    ...SubmissionSchema.properties,
    submitted_by: SubmitterSchema,
    live: Type.Union([Type.Ref(ListingRecordSchema), Type.Null()], {
      description: 'the listing as it is live now (edits only)',
    }),
    changes: Type.Array(Type.Ref(FieldChangeSchema), {
      description: 'fields that differ from the live version (every field for a new listing)',
    }),
    live_changed_since_submitted: Type.Boolean({
      description: 'the live listing changed after this edit was proposed',
    }),
  },
  { $id: 'ModerationSubmission' },
);
export type ModerationSubmission = Static<typeof ModerationSubmissionSchema>;

export const RejectBodySchema = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: REJECTION_REASON_MAX_LENGTH, pattern: '\\S' }) },
  { $id: 'RejectBody', additionalProperties: false },
);
export type RejectBody = Static<typeof RejectBodySchema>;
