import { Type, type Static } from '@sinclair/typebox';

/** RFC 9457 problem details: the one error shape of the whole API. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'URI reference identifying the problem type' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          field: Type.String({ description: 'where the problem is, e.g. `querystring.country[1]`' }),
          reason: Type.String(),
        }),
      ),
    ),
  },
  { $id: 'Problem' },
);
export type Problem = Static<typeof ProblemSchema>;
