import { Type, type Static } from '@sinclair/typebox';
import { createAjv, formatAjvErrors, MeilisearchEnvSchema } from '@skillway/core';

/**
 * The environment of the command-line scripts (backup, restore, check-links, export:hsds,
 * user:create, eval), checked once: the database, the password for user:create and the Meilisearch
 * section every process shares. The only scripts module that reads process.env; each CLI gets the
 * result as `io.env`, which tests replace.
 */
export const ScriptsEnvSchema = Type.Object({
  DATABASE_PATH: Type.Optional(Type.String({ minLength: 1 })),
  /** postgres://… : the PostgreSQL database (migrate:to-postgres copies into it) */
  DATABASE_URL: Type.Optional(Type.String({ minLength: 1 })),
  SKILLWAY_PASSWORD: Type.Optional(Type.String()),
  ...MeilisearchEnvSchema.properties,
});
export type ScriptsEnv = Static<typeof ScriptsEnvSchema>;

const validateEnv = createAjv().compile<ScriptsEnv>(ScriptsEnvSchema);

/** The variables the scripts know, checked; throws naming every bad one. */
export function scriptsEnv(env: NodeJS.ProcessEnv = process.env): ScriptsEnv {
  const input: Record<string, string> = {};
  for (const key of Object.keys(ScriptsEnvSchema.properties)) if (env[key]) input[key] = env[key]!;
  if (!validateEnv(input)) {
    const problems = formatAjvErrors(validateEnv.errors).map((p) => `  ${p.field}: ${p.reason}`);
    throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
  }
  return input as ScriptsEnv;
}
