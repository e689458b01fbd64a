import { Type } from '@sinclair/typebox';
import { StringEnum } from '@skillway/core';

export const HealthResponseSchema = Type.Object({ status: Type.Literal('ok') }, { $id: 'HealthResponse' });

/** What /ready checked. A failed check answers 503 with a problem whose `errors` name what is down. */
export const ReadyResponseSchema = Type.Object(
  {
    status: Type.Literal('ready'),
    database: Type.Literal('up'),
    search: Type.Object({
      engine: StringEnum(['sqlite', 'meilisearch', 'postgres'] as const, { description: 'the configured engine' }),
      status: Type.Literal('up'),
    }),
  },
  { $id: 'ReadyResponse' },
);
