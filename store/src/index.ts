/**
 * @skillway/store — storage and the domain services built on it: open the database, its
 * repositories, the account/submission/moderation/claim/freshness services, the outbox, mail, backups
 * and the link check. Search engines are at `@skillway/store/search`, matching at
 * `@skillway/store/match` (each may become its own package), test servers and fixtures at
 * `@skillway/store/testing`. Only what is named here is public; one export statement per
 * module, in the order of the folders, so that adding a name is a small edit.
 */
export {
  DEFAULT_DATABASE_PATH,
  databaseLocationFromEnv,
  databasePathFromEnv,
  databaseAnswers,
  isPostgresUrl,
  migrateToLatest,
  openPostgresStore,
  openStore,
  openStoreAt,
  openStoreFromEnv,
  redactDatabaseUrl,
  type DatabaseLocation,
  type OpenOptions,
  type PostgresOptions,
  type PostgresStore,
  type SqliteStore,
  type Store,
  type StoreDialect,
} from './db';
export type { DB } from './database';
export { createServices, type Services, type ServicesConfig, type ServicesDependencies } from './services';
export {
  BackupError,
  backupDatabase,
  checkDatabaseFile,
  restoreDatabase,
  type BackupResult,
  type DatabaseSummary,
  type RestoreResult,
} from './backup';

// Listings and taxonomy
export {
  countListings,
  getListingDetail,
  getListingRecord,
  replaceDataListings,
  upsertListing,
  type ListingCounts,
  type ReplaceDataListingsResult,
} from './listing.repository';
export { translatedFields, translationSourceHash, withoutStaleTranslations } from './listing-texts';
export {
  occupationNames,
  replaceTaxonomy,
  suggestOccupations,
  SUGGEST_MAX_LIMIT,
  type IscoGroupEntry,
  type OccupationEntry,
  type OccupationSkillsMap,
  type ReplaceTaxonomyResult,
  type SkillEntry,
  type SkillwayLabels,
  type Taxonomy,
} from './taxonomy.repository';

export { ListingService } from './listing.service';
export { TaxonomyService } from './taxonomy.service';
// Near me: places, listing points (docs/near-me.md)
export { gazetteer, listingPoints, suggestPlaces } from './geo';

// Accounts
export {
  AccountService,
  MAIL_FAILED,
  MAIL_PATHS,
  SIGNUP_ACCEPTED,
  type AccountServiceOptions,
  type Authenticated,
  type NewSessionResult,
} from './accounts/account.service';
export { listAudit, type AuditAction, type AuditFilter, type AuditRecord } from './accounts/audit-log.repository';
export type { UserRow } from './accounts/user.repository';
export type { Mailer, MailLogger, MailMessage } from './accounts/mailer';
export { createMailer, MailOffMailer, SmtpMailer, type MailConfig } from './mail/smtp.mailer';

// Submissions, moderation, claims, freshness
export { SubmissionService, type Actor } from './submissions/submission.service';
export { ModerationService, type ModerationServiceOptions } from './submissions/moderation.service';
export { addListingOwner } from './submissions/listing-owner.repository';
export {
  ClaimService,
  EVIDENCE_MAX_LENGTH,
  REASON_MAX_LENGTH,
  type Claim,
  type ClaimForReview,
} from './claims/claim.service';
export { FreshnessService, type Freshness } from './freshness/freshness.service';
// Reports of problems with listings (issue 17)
export {
  ReportService,
  REPORT_DETAILS_MAX_LENGTH,
  REPORT_EMAIL_MAX_LENGTH,
  REPORT_NOTE_MAX_LENGTH,
  type ReportForReview,
  type ReportInput,
  type ReportReceipt,
} from './reports/report.service';
export { REPORT_PROBLEMS, REPORT_STATUSES, type ReportProblem, type ReportStatus } from './reports/report.table';

// Success stories (issue 19)
export {
  replaceDataStories,
  StoryService,
  STORIES_MAX_PER_PAGE,
  STORY_REJECT_REASON_MAX_LENGTH,
  type StoryQuery,
} from './stories';

// Outbox (approved listings -> search engine) and the link check
export {
  DEFAULT_BACKOFF,
  OutboxWorker,
  type Backoff,
  type OutboxWorkerOptions,
  type RunResult,
} from './outbox/outbox-worker';
export { countPendingOutboxRows } from './outbox/outbox.repository';
// The index generation every instance's caches compare (issue 20)
export {
  bumpIndexGeneration,
  INDEX_GENERATION_KEY,
  IndexGenerationReader,
  readIndexGeneration,
  type IndexGenerationReaderOptions,
} from './index-generation';
export { LinkCheckService } from './link-check/link-check.service';
export { listBrokenLinks, listLinks, saveLinkResults, type BrokenLink } from './link-check/link-check.repository';
export {
  checkLinks,
  parseRobots,
  type LinkCheckOptions,
  type LinkResult,
  type LinkToCheck,
} from './link-check/link-checker';
