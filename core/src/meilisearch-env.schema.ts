import { Type, type Static } from '@sinclair/typebox';

/**
 * The Meilisearch section every process's environment schema shares (API, indexer, scripts): one
 * definition of the variables, their checks and their meaning. Unset MEILI_URL: the embedded SQLite
 * engine only.
 */
export const MeilisearchEnvSchema = Type.Object({
  MEILI_URL: Type.Optional(Type.String({ pattern: '^https?://[^\\s]+$', description: 'an http(s) URL' })),
  MEILI_MASTER_KEY: Type.Optional(
    Type.String({ description: 'the master or an admin key: building the index and applying approved listings' }),
  ),
  MEILI_SEARCH_KEY: Type.Optional(
    Type.String({ description: 'a search-only key: the API searches with it when given (else with MEILI_MASTER_KEY)' }),
  ),
  MEILI_INDEX_PREFIX: Type.Optional(
    Type.String({
      pattern: '^[A-Za-z0-9_-]{0,100}$',
      description: 'prefix for the index name (several directories on one server)',
    }),
  ),
});
export type MeilisearchEnv = Static<typeof MeilisearchEnvSchema>;

export interface MeilisearchSettings {
  url: string;
  /** for writes (index builds, approved listings) */
  adminKey: string | undefined;
  /** for searches: the search-only key when given, else the admin key */
  searchKey: string | undefined;
  indexPrefix: string | undefined;
}

/** The checked variables as settings; undefined when MEILI_URL is unset. */
export function meilisearchSettings(env: MeilisearchEnv): MeilisearchSettings | undefined {
  if (!env.MEILI_URL) return undefined;
  return {
    url: env.MEILI_URL,
    adminKey: env.MEILI_MASTER_KEY || undefined,
    searchKey: env.MEILI_SEARCH_KEY || env.MEILI_MASTER_KEY || undefined,
    indexPrefix: env.MEILI_INDEX_PREFIX || undefined,
  };
}
