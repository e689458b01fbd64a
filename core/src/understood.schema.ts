import { Type, type Static } from '@sinclair/typebox';
import { StringEnum } from './schema-helpers';

/**
 * What the query-understanding step (the `query/` package) recognised in what a person typed, as the
 * API returns it beside search and match results, so the page can say "We understood: nurse ·
 * diploma recognition · Ireland" and let the person take any of it back.
 */

export const UNDERSTOOD_KINDS = ['occupation', 'skill', 'need', 'country', 'city', 'audience'] as const;
export type UnderstoodKind = (typeof UNDERSTOOD_KINDS)[number];

/** How a recognised concept changed the answer. */
export const UNDERSTOOD_EFFECTS = ['filter', 'boost'] as const;

export const UnderstoodConceptSchema = Type.Object(
  {
    kind: StringEnum(UNDERSTOOD_KINDS),
    value: Type.String({
      description:
        'ISCO-08 code (occupation), ESCO skill URI or listing tag (skill), category (need), country code, city name as the listings write it, audience',
    }),
    label: Type.String({ description: "the concept's name in the request language (English when there is none)" }),
    matched: Type.String({ description: 'the words of the query that were recognised, as typed' }),
    effect: StringEnum(UNDERSTOOD_EFFECTS, {
      description: '`filter`: results are limited to it; `boost`: listings with it rank higher',
    }),
    ignore: Type.String({
      description: 'pass this as `ignore` (search) to ask again without the concept, e.g. `country:IE`',
    }),
  },
  { $id: 'UnderstoodConcept' },
);
export type UnderstoodConcept = Static<typeof UnderstoodConceptSchema>;

export const UnderstoodSchema = Type.Object(
  {
    concepts: Type.Array(Type.Ref(UnderstoodConceptSchema)),
    corrections: Type.Array(Type.Object({ from: Type.String(), to: Type.String() }), {
      description: 'words that were read as a nearby word of the index ("nurce" as "nurse")',
    }),
    ignored: Type.Array(Type.String(), {
      description: 'words left out of the text search: grammar words in the detected languages',
    }),
    language: Type.Union([Type.String(), Type.Null()], {
      description: 'the language the text seems to be in (ISO 639-1), null when too short to tell',
    }),
  },
  { $id: 'Understood' },
);
export type Understood = Static<typeof UnderstoodSchema>;

/** The `ignore` value of a concept: `kind:value`. */
export function understoodKey(kind: UnderstoodKind, value: string): string {
  return `${kind}:${value}`;
}
