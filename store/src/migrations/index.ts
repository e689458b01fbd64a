import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-initial';

/**
 * Migrations in order. A static list (not a folder scan) so they work the same under tsx, Vitest and
 * bundlers. Add a file `NNNN-what-it-does.ts` with `up`/`down` and list it here.
 */
export const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
