import type { Kysely } from 'kysely';
import type { DB } from '../database';
import { listBrokenLinks, listLinks, saveLinkResults, type BrokenLink } from './link-check.repository';
import { checkLinks, type LinkCheckOptions } from './link-checker';

/** The HTTP status of every listing's links: checking them all, and the broken ones for moderators. */
export class LinkCheckService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly options: LinkCheckOptions = {},
  ) {}

  brokenLinks(): Promise<BrokenLink[]> {
    return listBrokenLinks(this.db);
  }

  /** Checks every link and records the results in one transaction; says how many were checked and broken. */
  async checkAll(at: Date = new Date()): Promise<{ checked: number; broken: number }> {
    const results = await checkLinks(await listLinks(this.db), this.options);
    await this.db.transaction().execute((trx) => saveLinkResults(trx, results, at.toISOString()));
    return { checked: results.length, broken: results.filter((r) => r.broken).length };
  }
}
