import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-initial';
import * as m0002 from './0002-search-index';
import * as m0003 from './0003-accounts-and-submissions';
import * as m0004 from './0004-label-source';
import * as m0005 from './0005-pending-signup';
import * as m0006 from './0006-listing-claims';
import * as m0007 from './0007-freshness-and-link-checks';
import * as m0008 from './0008-listing-details-and-texts';
import * as m0009 from './0009-listing-reports';
import * as m0011 from './0011-stories';
import * as m0013 from './0013-outbox-lease-and-generation';
import * as m0015 from './0015-postgres-search';

/**
 * Migrations in order. A static list (not a folder scan) so they work the same under tsx, Vitest and
 * bundlers. Add a file `NNNN-what-it-does.ts` with `up`/`down` and list it here.
 */
export const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-search-index': m0002,
  '0003-accounts-and-submissions': m0003,
  '0004-label-source': m0004,
  '0005-pending-signup': m0005,
  '0006-listing-claims': m0006,
  '0007-freshness-and-link-checks': m0007,
  '0008-listing-details-and-texts': m0008,
  '0009-listing-reports': m0009,
  '0011-stories': m0011,
  '0013-outbox-lease-and-generation': m0013,
  '0015-postgres-search': m0015,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
