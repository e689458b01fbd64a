import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Story, StoryList, StorySubmission, StoryTeller } from '@skillway/core';
import type { DB } from '../database';
import { forbidden, invalid, notFound, conflict } from '../accounts/service-errors';
import type { Actor } from '../submissions/submission.service';
import {
  decideStory,
  findStoryRow,
  insertSubmittedStory,
  listStories,
  loadStories,
  type StoryFilter,
} from './story.repository';

export const STORIES_MAX_PER_PAGE = 50;
export const STORY_REJECT_REASON_MAX_LENGTH = 1000;

export interface StoryQuery {
  country?: string;
  occupation?: string;
  teller?: StoryTeller;
  listing?: string;
  q?: string;
  page?: number;
  per_page?: number;
}

const today = (now: Date) => now.toISOString().slice(0, 10);

/**
 * Stories: the public list and page (published only), submissions by signed-in accounts (pending until a
 * moderator publishes them), and the moderators' queue. A published story appears on the listings it names.
 */
export class StoryService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async list(query: StoryQuery): Promise<StoryList> {
    const page = query.page ?? 1;
    const per_page = Math.min(query.per_page ?? 20, STORIES_MAX_PER_PAGE);
    const filter: StoryFilter = { ...query, page, per_page, status: 'published' };
    const { total, items } = await listStories(this.db, filter);
    return { total, page, per_page, items };
  }

  /** A published story; pending and rejected ones are not found (their submitter reads them in mine()). */
  async get(id: string): Promise<Story> {
    const [story] = await loadStories(this.db, [id]);
    if (!story || story.status !== 'published') throw notFound(`No story ${id}.`);
    return story;
  }

  /**
   * Any signed-in account may submit (as for listings): self-made accounts exist only once their address
   * is confirmed, and the others are made by an administrator with `npm run user:create`.
   */
  async submit(actor: Actor, body: StorySubmission): Promise<Story> {
    if (body.consent !== true)
      throw invalid('The teller’s consent is required.', [{ field: 'consent', reason: 'must be true' }]);
    const known = body.listings.length
      ? await this.db.selectFrom('listing').select('id').where('id', 'in', body.listings).execute()
      : [];
    const knownIds = new Set(known.map((r) => r.id));
    const unknown = body.listings
      .map((id, i) => ({ id, i }))
      .filter(({ id }) => !knownIds.has(id))
      .map(({ id, i }) => ({ field: `listings[${i}]`, reason: `${JSON.stringify(id)} is not a listing` }));
    if (unknown.length) throw invalid('Some listings do not exist.', unknown);
    const now = this.clock();
    const id = `story-${now.getTime().toString(36)}-${randomBytes(3).toString('hex')}`;
    await insertSubmittedStory(
      this.db,
      {
        id,
        teller: body.teller,
        country: body.country,
        occupation: body.occupation ?? null,
        took_months: body.took_months ?? null,
        text_lang: body.lang,
        anonymous: body.anonymous ? 1 : 0,
        source_url: null,
        source_date: null,
        source_publisher: null,
        source_lang: null,
        told_to: body.told_to,
        consent_date: today(now),
        submitted_by: actor.id,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      },
      {
        listings: body.listings,
        texts: {
          [body.lang]: {
            title: body.title,
            summary: body.summary,
            ...(body.helped !== undefined && { helped: body.helped }),
            ...(body.hindered !== undefined && { hindered: body.hindered }),
            status: 'original',
          },
        },
      },
    );
    const [story] = await loadStories(this.db, [id]);
    return story!;
  }

  /** The stories an account submitted, newest first, with their status and any reason for a rejection. */
  async mine(actor: Actor): Promise<Story[]> {
    const rows = await this.db
      .selectFrom('story')
      .select('id')
      .where('submitted_by', '=', actor.id)
      .orderBy('created_at', 'desc')
      .execute();
    return loadStories(
      this.db,
      rows.map((r) => r.id),
    );
  }

  /** Stories waiting for a moderator, oldest first. */
  async pending(actor: Actor): Promise<Story[]> {
    this.requireModerator(actor);
    const rows = await this.db
      .selectFrom('story')
      .select('id')
      .where('status', '=', 'pending')
      .orderBy('created_at')
      .execute();
    return loadStories(
      this.db,
      rows.map((r) => r.id),
    );
  }

  async approve(actor: Actor, id: string): Promise<Story> {
    return this.decide(actor, id, 'published', null);
  }

  async reject(actor: Actor, id: string, reason: string): Promise<Story> {
    if (!reason.trim()) throw invalid('Say why.', [{ field: 'reason', reason: 'must not be empty' }]);
    return this.decide(actor, id, 'rejected', reason.trim());
  }

  private async decide(actor: Actor, id: string, status: 'published' | 'rejected', reason: string | null) {
    this.requireModerator(actor);
    const row = await findStoryRow(this.db, id);
    if (!row) throw notFound(`No story ${id}.`);
    const done = await decideStory(this.db, id, { status, by: actor.id, at: this.clock().toISOString(), reason });
    if (!done) throw conflict(`Story ${id} is ${row.status}, not pending.`);
    const [story] = await loadStories(this.db, [id]);
    return story!;
  }

  private requireModerator(actor: Actor) {
    if (actor.role !== 'moderator') throw forbidden('This is for moderators only.');
  }
}
