import { Type, type Static } from '@sinclair/typebox';
import { COUNTRIES, LANGUAGE_CODE_PATTERN, TEXT_STATUSES } from './vocabularies';
import { StringEnum } from './schema-helpers';
import { HttpUrl, ListingId, OccupationRef } from './listing.schema';
import type { FieldError } from './validation';

/**
 * Success stories (issue 19): how a refugee got into work, or how an employer hired, and which listings
 * they went through. One schema for data/stories.json, the API and the submission form.
 */

/** Who tells the story: the refugee, the employer, or a provider on their behalf (with their consent). */
export const STORY_TELLERS = ['refugee', 'employer', 'provider-on-behalf'] as const;
export type StoryTeller = (typeof STORY_TELLERS)[number];

/** pending: waiting for a moderator; published: shown; rejected: not shown (the submitter sees the reason). */
export const STORY_STATUSES = ['pending', 'published', 'rejected'] as const;
export type StoryStatus = (typeof STORY_STATUSES)[number];

export const STORY_ID_PATTERN = '^[a-z0-9]+(?:-[a-z0-9]+)*$';
/** A date as precise as the source gives it: 2024, 2024-10 or 2024-10-28. */
export const PARTIAL_DATE_PATTERN = '^[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?$';
export const STORY_DATE_NOT_SHOWN = 'not-shown';

const PLAIN = '^[^<>]*\\S[^<>]*$';
const Text = (minLength: number, maxLength: number, description: string) =>
  Type.String({ minLength, maxLength, pattern: PLAIN, description });

export const StoryId = Type.String({ pattern: STORY_ID_PATTERN, minLength: 3, maxLength: 120 });

/** The texts of a story in one language. */
export const StoryTextsSchema = Type.Object(
  {
    title: Text(3, 160, 'a short title'),
    summary: Text(20, 3000, 'the story in a few sentences, naming only what the teller or source names'),
    helped: Type.Optional(Text(3, 1000, 'what helped')),
    hindered: Type.Optional(Text(3, 1000, 'what got in the way')),
    status: StringEnum(TEXT_STATUSES, {
      description: 'original: written in this language; reviewed/machine: a translation, checked or not',
    }),
    from: Type.Optional(Type.String({ pattern: LANGUAGE_CODE_PATTERN, description: 'the language translated from' })),
  },
  {
    $id: 'StoryTexts',
    additionalProperties: false,
    if: { type: 'object', properties: { status: { const: 'original' } } },
    else: { required: ['from'] },
  },
);
export type StoryTexts = Static<typeof StoryTextsSchema>;

/** A public page the story was published on (summarised in our words), or the consent of a teller. */
export const StorySourceSchema = Type.Union(
  [
    Type.Object(
      {
        url: HttpUrl,
        date: Type.String({
          pattern: `${PARTIAL_DATE_PATTERN}|^${STORY_DATE_NOT_SHOWN}$`,
          description: `the date of the page as far as it shows one, or "${STORY_DATE_NOT_SHOWN}"`,
        }),
        publisher: Text(2, 200, 'who published the page'),
        lang: Type.Optional(Type.String({ pattern: LANGUAGE_CODE_PATTERN, description: 'language of the page' })),
      },
      { additionalProperties: false, title: 'published' },
    ),
    Type.Object(
      {
        told_to: Text(2, 200, 'the provider (or employer) the story was told to'),
        consent_date: Type.String({ format: 'date', description: 'when the teller agreed to publication' }),
      },
      { additionalProperties: false, title: 'told' },
    ),
  ],
  { $id: 'StorySource', description: 'a published page, or "told to <provider>" with the consent date' },
);
export type StorySource = Static<typeof StorySourceSchema>;

const storyFields = {
  teller: StringEnum(STORY_TELLERS),
  country: StringEnum(COUNTRIES),
  occupation: Type.Optional(OccupationRef),
  listings: Type.Array(ListingId, {
    uniqueItems: true,
    maxItems: 10,
    description: 'the listings the story went through, in order, only where the teller or source says so',
  }),
  took_months: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 600, description: 'how long it took, in months, only when stated' }),
  ),
  text_lang: Type.String({ pattern: LANGUAGE_CODE_PATTERN, description: 'the language of the original texts' }),
  texts: Type.Record(Type.String({ pattern: LANGUAGE_CODE_PATTERN }), StoryTextsSchema, {
    minProperties: 1,
    maxProperties: 20,
    description: 'texts per language; text_lang must be there, with status original',
  }),
  anonymous: Type.Boolean({ description: 'true: no name or identifying detail is shown' }),
  source: Type.Ref(StorySourceSchema),
};

/** One record of data/stories.json. */
export const StoryRecordSchema = Type.Object(
  { id: StoryId, ...storyFields },
  { $id: 'StoryRecord', additionalProperties: false },
);
export type StoryRecord = Static<typeof StoryRecordSchema>;

/** A story as a signed-in provider or employer submits it: consent is required, the source is "told to". */
export const StorySubmissionSchema = Type.Object(
  {
    teller: StringEnum(STORY_TELLERS),
    country: StringEnum(COUNTRIES),
    occupation: Type.Optional(OccupationRef),
    listings: storyFields.listings,
    took_months: storyFields.took_months,
    lang: Type.String({ pattern: LANGUAGE_CODE_PATTERN, description: 'the language the story is written in' }),
    title: StoryTextsSchema.properties.title,
    summary: StoryTextsSchema.properties.summary,
    helped: StoryTextsSchema.properties.helped,
    hindered: StoryTextsSchema.properties.hindered,
    anonymous: Type.Boolean(),
    told_to: Text(2, 200, 'your organisation (the story was told to it)'),
    consent: Type.Literal(true, { description: 'the teller agreed to publication (required)' }),
  },
  { $id: 'StorySubmission', additionalProperties: false },
);
export type StorySubmission = Static<typeof StorySubmissionSchema>;

/** A story as the API returns it. */
export const StorySchema = Type.Object(
  {
    ...StoryRecordSchema.properties,
    source: Type.Ref(StorySourceSchema),
    status: StringEnum(STORY_STATUSES),
    listing_refs: Type.Array(Type.Object({ id: Type.String(), name: Type.Union([Type.String(), Type.Null()]) }), {
      description: 'the listings in order, with their names (null: no longer in the directory)',
    }),
    reject_reason: Type.Optional(Type.String()),
    created_at: Type.String({ format: 'date-time' }),
  },
  { $id: 'Story' },
);
export type Story = Static<typeof StorySchema>;

export const StoryListSchema = Type.Object(
  {
    total: Type.Integer({ minimum: 0 }),
    page: Type.Integer({ minimum: 1 }),
    per_page: Type.Integer({ minimum: 1 }),
    items: Type.Array(Type.Ref(StorySchema)),
  },
  { $id: 'StoryList' },
);
export type StoryList = Static<typeof StoryListSchema>;

/** What JSON Schema cannot say: the original language is there and honest; translations say from what. */
export function storyRuleProblems(story: Partial<StoryRecord>): FieldError[] {
  const problems: FieldError[] = [];
  const texts = story.texts && typeof story.texts === 'object' ? story.texts : {};
  const own = story.text_lang;
  if (own && !texts[own])
    problems.push({ field: `texts.${own}`, reason: `is missing: text_lang ${own} needs its original texts` });
  for (const [lang, t] of Object.entries(texts)) {
    if (!t || typeof t !== 'object') continue;
    if (lang === own && t.status !== 'original')
      problems.push({ field: `texts.${lang}.status`, reason: `must be "original" in text_lang ${own}` });
    if (lang !== own && t.status === 'original')
      problems.push({ field: `texts.${lang}.status`, reason: `only text_lang (${own}) holds the original` });
    if (t.status === 'original' && t.from !== undefined)
      problems.push({ field: `texts.${lang}.from`, reason: 'must not be given on an original text' });
    if (t.status !== 'original' && t.from !== undefined && t.from !== own)
      problems.push({ field: `texts.${lang}.from`, reason: `${JSON.stringify(t.from)} is not text_lang (${own})` });
  }
  if (story.teller === 'provider-on-behalf' && story.source && !('consent_date' in story.source))
    problems.push({
      field: 'source',
      reason: 'a story told by a provider on someone’s behalf needs told_to and the consent date',
    });
  return problems;
}
