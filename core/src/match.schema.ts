import { Type, type Static } from '@sinclair/typebox';
import { AUDIENCES, CATEGORIES, COUNTRIES, UI_LANGUAGES } from './vocabularies';
import { EnumList, StringEnum } from './schema-helpers';
import { LanguageCode, OccupationRef } from './listing.schema';
import { SearchHitSchema } from './search.schema';
import { UnderstoodSchema } from './understood.schema';

/** POST /api/v1/match: from what a person can do to the services that lead to work. */
export const MatchRequestSchema = Type.Object(
  {
    occupations: Type.Optional(Type.Array(OccupationRef, { maxItems: 20, uniqueItems: true })),
    skills: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 50 })),
    text: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    country: Type.Optional(StringEnum(COUNTRIES)),
    audience: Type.Optional(StringEnum(AUDIENCES, { default: 'refugees' })),
    needs: Type.Optional(EnumList(CATEGORIES)),
    languages: Type.Optional(Type.Array(LanguageCode, { maxItems: 20, uniqueItems: true })),
    lang: Type.Optional(StringEnum(UI_LANGUAGES, { default: 'en', description: 'language of labels and reasons' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
  },
  { $id: 'MatchRequest', additionalProperties: false },
);
export type MatchRequest = Static<typeof MatchRequestSchema>;

export const REASON_KINDS = ['occupation', 'skill', 'category', 'country', 'language', 'audience', 'text'] as const;

export const MatchReasonSchema = Type.Object(
  {
    kind: StringEnum(REASON_KINDS),
    detail: Type.String({ description: 'a short sentence in the request language' }),
    value: Type.Optional(Type.String({ description: 'the code or vocabulary value behind the reason' })),
  },
  { $id: 'MatchReason' },
);
export type MatchReason = Static<typeof MatchReasonSchema>;

export const InterpretedConceptSchema = Type.Object({
  uri: Type.Union([Type.String(), Type.Null()]),
  code: Type.Union([Type.String(), Type.Null()], { description: 'ISCO-08 code for occupations' }),
  label: Type.String({ description: 'label in the request language, English when there is none' }),
  matched: Type.String({ description: 'the words of the request that were recognised' }),
});

export const MatchResponseSchema = Type.Object(
  {
    results: Type.Array(
      Type.Object({
        listing: Type.Ref(SearchHitSchema),
        score: Type.Number({
          description: 'sum of the ranking weights that apply (store/src/match/match.weights.ts); higher is better',
        }),
        reasons: Type.Array(Type.Ref(MatchReasonSchema), { description: 'strongest first' }),
      }),
    ),
    interpreted: Type.Object(
      {
        occupations: Type.Array(InterpretedConceptSchema),
        skills: Type.Array(InterpretedConceptSchema),
      },
      { description: "what was recognised in `text` (the request's own occupations and skills are not repeated)" },
    ),
    understood: Type.Ref(UnderstoodSchema, {
      description:
        'everything recognised in `text` (occupations, skills, needs, country, audience), labelled in `lang`',
    }),
    took_ms: Type.Number(),
  },
  { $id: 'MatchResponse' },
);
export type MatchResponse = Static<typeof MatchResponseSchema>;
