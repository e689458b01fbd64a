import type { Kysely } from 'kysely';
import type { DB } from './database';
import { databaseAnswers } from './db';
import type { Mailer } from './accounts/mailer';
import { AccountService } from './accounts/account.service';
import { SubmissionService } from './submissions/submission.service';
import { ModerationService } from './submissions/moderation.service';
import { ClaimService } from './claims/claim.service';
import { FreshnessService } from './freshness/freshness.service';
import { ReportService } from './reports/report.service';
import { LinkCheckService } from './link-check/link-check.service';
import { ListingService } from './listing.service';
import { HsdsDirectory } from './hsds/hsds-directory';
import { TaxonomyService } from './taxonomy.service';
import { StoryService } from './stories/story.service';

export interface ServicesConfig {
  /** the web app's public address, without a trailing slash: links in e-mails start with it */
  webUrl: string;
}

export interface ServicesDependencies {
  db: Kysely<DB>;
  mailer: Mailer;
  config: ServicesConfig;
  /** called after an approval commits (the API kicks its outbox worker, so search follows within moments) */
  onListingChanged?: (listingId: string) => void;
}

/**
 * Every domain service, built once over one database and one mailer: the API's
 * services plugin calls this at start-up and each route calls one method of one service. A new service
 * gets one line here. Search and matching are not in it: they share an in-memory cache of the taxonomy
 * and listings with the search engine and are built together by the API's query-services plugin from
 * `@skillway/store/search` and `@skillway/store/match`.
 */
export function createServices({ db, mailer, config, onListingChanged }: ServicesDependencies) {
  const mail = { mailer, webUrl: config.webUrl };
  return {
    /** for services outside this container that write to the same people */
    mailer,
    accounts: new AccountService(db, mail),
    submissions: new SubmissionService(db),
    moderation: new ModerationService(db, { onListingChanged }),
    claims: new ClaimService(db, mail),
    freshness: new FreshnessService(db, mail),
    reports: new ReportService(db, mail),
    linkCheck: new LinkCheckService(db),
    listings: new ListingService(db),
    /** the directory as HSDS 3 (Open Referral) records */
    hsds: new HsdsDirectory(db),
    taxonomy: new TaxonomyService(db),
    stories: new StoryService(db),
    health: { databaseAnswers: () => databaseAnswers(db) },
  };
}

export type Services = ReturnType<typeof createServices>;
