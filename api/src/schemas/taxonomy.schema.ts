import { Type, type Static } from '@sinclair/typebox';
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

export const TermSchema = Type.Object(
  { value: Type.String({ description: 'the code used in listings and filters' }), label: Type.String() },
  { $id: 'Term' },
);
export type Term = Static<typeof TermSchema>;

const Terms = Type.Array(Type.Ref(TermSchema));
export const TaxonomyResponseSchema = Type.Object(
  {
    lang: StringEnum(UI_LANGUAGES),
    countries: Terms,
    categories: Terms,
    audiences: Terms,
    kinds: Terms,
    costs: Terms,
    delivery: Terms,
    languages: Type.Array(Type.Ref(TermSchema), {
      description: 'languages services are offered in (codes that listings use), sorted by label',
    }),
  },
  { $id: 'TaxonomyResponse' },
);
export type TaxonomyResponse = Static<typeof TaxonomyResponseSchema>;

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

export const OccupationSuggestionSchema = Type.Object(
  {
    uri: Type.String({ description: 'ESCO occupation URI' }),
    isco_code: Type.String({ description: 'ISCO-08 unit group' }),
    esco_code: Type.String(),
    label: Type.String(),
    lang: Type.String({ description: 'language of `label`: the asked one, or en when it has none' }),
    source: StringEnum(['esco', 'skillway'] as const, {
      description:
        'where `label` comes from: `esco` (the ESCO classification of the European Commission) or `skillway` ' +
        "(the project's own translation, for languages and everyday words ESCO lacks, e.g. Ukrainian and Persian)",
    }),
  },
  { $id: 'OccupationSuggestion' },
);
export const OccupationSuggestResponseSchema = Type.Object(
  { occupations: Type.Array(Type.Ref(OccupationSuggestionSchema)) },
  { $id: 'OccupationSuggestResponse' },
);

export const OccupationNamesQuerySchema = Type.Object(
  {
    ref: Type.Array(OccupationRef, { minItems: 1, maxItems: 50 }),
    lang: Type.Optional(StringEnum(UI_LANGUAGES, { default: 'en' })),
  },
  { additionalProperties: false },
);

export const OccupationNamesResponseSchema = Type.Object({
  names: Type.Array(Type.Object({ ref: Type.String(), label: Type.String() })),
});
export type OccupationNamesResponse = Static<typeof OccupationNamesResponseSchema>;
