import { Type } from '@sinclair/typebox';
// TaxonomyResponse, Term and OccupationSuggestion are core's (core/src/taxonomy.schema.ts); the query schemas are the API's.
import { LANGUAGE_CODE_PATTERN, OccupationRef, StringEnum, UI_LANGUAGES } from '@skillway/core';
import { SUGGEST_MAX_LIMIT } from '@skillway/store';

export const UiLanguageParam = StringEnum(UI_LANGUAGES, {
  default: 'en',
  description: 'language of the labels; English where a label is missing',
});

export const TaxonomyQuerySchema = Type.Object(
  { lang: Type.Optional(UiLanguageParam) },
  { additionalProperties: false },
);

export const OccupationSuggestQuerySchema = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 100, description: 'the start of words of an occupation, any language' }),
    lang: Type.Optional(
      Type.String({
        pattern: LANGUAGE_CODE_PATTERN,
        default: 'en',
        description: 'ISO 639-1 code of the label language (ESCO has 27); English where a label is missing',
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: SUGGEST_MAX_LIMIT, default: 10 })),
  },
  { additionalProperties: false },
);

export const OccupationNamesQuerySchema = Type.Object(
  {
    ref: Type.Array(OccupationRef, { minItems: 1, maxItems: 50 }),
    lang: Type.Optional(StringEnum(UI_LANGUAGES, { default: 'en' })),
  },
  { additionalProperties: false },
);
