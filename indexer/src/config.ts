import { resolve } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { createAjv, formatAjvErrors, MeilisearchEnvSchema, meilisearchSettings } from '@skillway/core';
import { DEFAULT_DATABASE_PATH } from '@skillway/store';
import type { MeilisearchConfig } from './search-step';

/**
 * The indexer's environment, checked once: the database and the Meilisearch section every process
 * shares (core). The only module of the indexer that reads environment variables.
 */
export const IndexerEnvSchema = Type.Object({
  DATABASE_PATH: Type.String({ minLength: 1, default: DEFAULT_DATABASE_PATH }),
  /** postgres://… selects PostgreSQL (issue 20); unset: SQLite at DATABASE_PATH */
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://[^\\s]+$' })),
  ...MeilisearchEnvSchema.properties,
});
type IndexerEnv = Static<typeof IndexerEnvSchema>;

export interface IndexerConfig {
  databasePath: string;
  /** PostgreSQL instead of the SQLite file at databasePath */
  databaseUrl?: string;
  /** unset MEILI_URL: the embedded index only; the indexer writes, so it uses the admin key */
  meilisearch: MeilisearchConfig | undefined;
}

const validateEnv = createAjv().compile<IndexerEnv>(IndexerEnvSchema);

export function loadIndexerConfig(env: NodeJS.ProcessEnv = process.env): IndexerConfig {
  const input: Record<string, string> = {};
  for (const key of Object.keys(IndexerEnvSchema.properties)) if (env[key]) input[key] = env[key]!;
  if (!validateEnv(input)) {
    const problems = formatAjvErrors(validateEnv.errors).map((p) => `  ${p.field}: ${p.reason}`);
    throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const checked = input as unknown as IndexerEnv;
  const meili = meilisearchSettings(checked);
  return {
    databasePath: resolve(checked.DATABASE_PATH),
    databaseUrl: checked.DATABASE_URL,
    meilisearch: meili && { url: meili.url, apiKey: meili.adminKey, indexPrefix: meili.indexPrefix },
  };
}
