/**
 * @skillway/store/testing — for tests and benches only: real servers (Meilisearch, SMTP) on free
 * loopback ports, seeded temporary stores, fixtures and generated listings. One export per module:
 * adding a name is a small edit.
 */
export { createSeededStore, DATA_DIR, readSeedListings, readTaxonomy, type TempStore } from './seed-store';
export {
  freePort,
  meilisearchBinary,
  startMeilisearch,
  type MeilisearchServer,
  type StartMeilisearchOptions,
} from './meilisearch-server';
export { createRandom, generateListings, type GenerateListingsOptions } from './generate-listings';
export { fixtureListing } from './listing-fixture';
export { createTestUser, loadSeedListings, sampleListing, SEED_LISTINGS } from '../submissions/submission.fixtures';
export { linkIn, startTestSmtpServer, type DeliveredMail, type TestSmtpServer } from '../mail/test-smtp-server';
export { readTaxonomyFiles } from '../match/match.fixture';
export {
  POSTGRES_INSTALL_HINT,
  postgresAvailable,
  postgresBinDir,
  postgresWanted,
  runPostgresSuites,
  sharedPostgresServer,
  startPostgresServer,
  type PostgresServer,
} from './postgres-server';
export { describeEachDatabase, TEST_DIALECTS, testDatabase, type TestDatabase, type TestStore } from './test-databases';
