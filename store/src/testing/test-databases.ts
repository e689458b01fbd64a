import { createHash } from 'node:crypto';
import type { ListingRecord } from '@skillway/core';
import { describe, it } from 'vitest';
import { openPostgresStore, openStore, type Store, type StoreDialect } from '../db';
import { replaceDataListings } from '../listing.repository';
import { replaceTaxonomy } from '../taxonomy.repository';
import { POSTGRES_INSTALL_HINT, postgresAvailable, postgresWanted, sharedPostgresServer } from './postgres-server';
import { createSeededStore, readSeedListings, readTaxonomy } from './seed-store';

/**
 * The store's suites run on both databases: `describeEachDatabase('X', (database) => { … })` says it
 * once per file. Each test opens its own store from `database` (SQLite: a new file or :memory:;
 * PostgreSQL: a new database in the process's throwaway cluster, copied from a migrated or seeded
 * template database, so no test waits for migrations or the 13 MB taxonomy twice).
 *
 * Without PostgreSQL's binaries the PostgreSQL suites are skipped with one message, except under
 * CI=true, where they fail saying how to install them.
 */
export const TEST_DIALECTS: readonly StoreDialect[] = ['sqlite', 'postgres'];

export type TestStore = Store & {
  /** closes the store and deletes its file or database */
  dispose(): Promise<void>;
  /** PostgreSQL: the database's URL with its password, for a process that opens it too (an API under test) */
  url?: string;
};

export interface TestDatabase {
  dialect: StoreDialect;
  /** a migrated, empty store */
  openEmpty(): Promise<TestStore>;
  /** a migrated store with the taxonomy and `listings` (default: the seed data), as createSeededStore */
  openSeeded(listings?: readonly ListingRecord[], options?: { withSkills?: boolean }): Promise<TestStore>;
}

const sqliteDatabase: TestDatabase = {
  dialect: 'sqlite',
  openEmpty: async () => {
    const store = await openStore(':memory:');
    return { ...store, dispose: () => store.close() };
  },
  openSeeded: (listings, options) => createSeededStore(listings, options),
};

/** template database name -> its creation, once per process */
const templates = new Map<string, Promise<string>>();

async function postgresTemplate(key: string, fill: (store: Store) => Promise<void>): Promise<string> {
  let template = templates.get(key);
  if (!template) {
    template = (async () => {
      const server = await sharedPostgresServer();
      const name = `template_${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
      const url = await server.createDatabase(name);
      const store = await openPostgresStore(url, { maxConnections: 2 });
      try {
        await fill(store);
      } finally {
        await store.close(); // a template database must have no connections when it is copied
      }
      return name;
    })();
    templates.set(key, template);
  }
  return template;
}

async function openFromTemplate(template: string): Promise<TestStore> {
  const server = await sharedPostgresServer();
  const url = await server.createDatabase(undefined, template);
  const store = await openPostgresStore(url, { maxConnections: 4 });
  return {
    ...store,
    url,
    dispose: async () => {
      await store.close();
      await server.dropDatabase(url);
    },
  };
}

const postgresDatabase: TestDatabase = {
  dialect: 'postgres',
  openEmpty: async () => openFromTemplate(await postgresTemplate('migrated', async () => {})),
  openSeeded: async (listings = readSeedListings(), options = {}) => {
    const key = `seeded:${options.withSkills ? 'skills' : ''}:${createHash('sha256').update(JSON.stringify(listings)).digest('hex')}`;
    const template = await postgresTemplate(key, (store) =>
      store.db.transaction().execute(async (trx) => {
        await replaceTaxonomy(trx, readTaxonomy(options));
        await replaceDataListings(trx, listings);
      }),
    );
    return openFromTemplate(template);
  },
};

export function testDatabase(dialect: StoreDialect): TestDatabase {
  return dialect === 'postgres' ? postgresDatabase : sqliteDatabase;
}

let skipNoticeShown = false;

/** `describe` once per database; the title gets ` (sqlite)` / ` (postgres)`. */
export function describeEachDatabase(title: string, body: (database: TestDatabase) => void): void {
  for (const dialect of TEST_DIALECTS) {
    const name = `${title} (${dialect})`;
    if (dialect === 'postgres' && !postgresAvailable()) {
      if (!postgresWanted()) {
        describe.skip(`${name}: SKILLWAY_TEST_DATABASES leaves PostgreSQL out`, () => body(postgresDatabase));
      } else if (process.env.CI === 'true') {
        describe(name, () => {
          it('needs PostgreSQL', () => {
            throw new Error(POSTGRES_INSTALL_HINT);
          });
        });
      } else {
        if (!skipNoticeShown) console.warn(`PostgreSQL suites skipped: ${POSTGRES_INSTALL_HINT}`);
        skipNoticeShown = true;
        describe.skip(name, () => body(postgresDatabase));
      }
      continue;
    }
    describe(name, () => body(testDatabase(dialect)));
  }
}
