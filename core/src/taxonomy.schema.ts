import { Type, type Static } from '@sinclair/typebox';
import { UI_LANGUAGES } from './vocabularies';
import { StringEnum } from './schema-helpers';

/**
 * What GET /taxonomy and GET /taxonomy/occupations answer: declared once here, so the API validates
 * and documents them, the store's taxonomy service returns them and the web app reads them with the
 * same types.
 */
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

export const LABEL_SOURCES = ['esco', 'skillway'] as const;
export type LabelSource = (typeof LABEL_SOURCES)[number];

export const OccupationSuggestionSchema = Type.Object(
  {
    uri: Type.String({ description: 'ESCO occupation URI' }),
    isco_code: Type.String({ description: 'ISCO-08 unit group' }),
    esco_code: Type.String(),
    label: Type.String(),
    lang: Type.String({ description: 'language of `label`: the asked one, or en when it has none' }),
    source: StringEnum(LABEL_SOURCES, {
      description:
        'where `label` comes from: `esco` (the ESCO classification of the European Commission) or `skillway` ' +
        "(the project's own translation, for languages and everyday words ESCO lacks, e.g. Ukrainian and Persian)",
    }),
  },
  { $id: 'OccupationSuggestion' },
);
export type OccupationSuggestion = Static<typeof OccupationSuggestionSchema>;

export const OccupationSuggestResponseSchema = Type.Object(
  { occupations: Type.Array(Type.Ref(OccupationSuggestionSchema)) },
  { $id: 'OccupationSuggestResponse' },
);
export type OccupationSuggestResponse = Static<typeof OccupationSuggestResponseSchema>;

/** GET /taxonomy/occupations/names: the names of ISCO codes and ESCO URIs, in the order asked. */
export const OccupationNamesResponseSchema = Type.Object({
  names: Type.Array(Type.Object({ ref: Type.String(), label: Type.String() })),
});
export type OccupationNamesResponse = Static<typeof OccupationNamesResponseSchema>;
