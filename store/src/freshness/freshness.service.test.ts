import { afterEach, beforeEach, expect, it } from 'vitest';
import { AccountService } from '../accounts/account.service';
import type { MailMessage } from '../accounts/mailer';
import { addListingOwner } from '../submissions/listing-owner.repository';
import { fixtureListing } from '../testing/listing-fixture';
import { FreshnessService } from './freshness.service';
import { isStale, loadFreshDates } from './fresh-since';
import { SEARCH_GENERATION_KEY } from '../search/sqlite-index.writer';
import { describeEachDatabase, type TestStore } from '../testing/test-databases';

const DAY = 24 * 60 * 60 * 1000;
let store: TestStore;
let clock: Date;
let sent: MailMessage[];
let freshness: FreshnessService;
let owner: { id: number; role: 'provider' };

describeEachDatabase('FreshnessService', (database) => {
  beforeEach(async () => {
    store = await database.openSeeded([fixtureListing('ie-x', { name: 'X', checked_at: '2026-01-10' })]);
    clock = new Date('2026-02-01T00:00:00.000Z');
    sent = [];
    freshness = new FreshnessService(store.db, {
      now: () => clock,
      mailer: { send: async (m) => void sent.push(m) },
      webUrl: 'https://skillway.example',
    });
    const accounts = new AccountService(store.db, { mailer: { send: async () => {} } });
    const user = await accounts.createUser(
      { email: 'owner@x.example', password: 'a long enough password', role: 'provider' },
      { action: 'user.create', actorId: null },
    );
    owner = { id: user.id, role: 'provider' };
    await addListingOwner(store.db, 'ie-x', user.id, clock.toISOString());
  });
  afterEach(() => store.dispose());

  it('reminds the owner after 6 months and again after 9, once each; a confirmation starts over', async () => {
    clock = new Date(clock.getTime() + 150 * DAY);
    expect(await freshness.sendReminders()).toEqual({ first: 0, second: 0 });
    clock = new Date(clock.getTime() + 40 * DAY); // about 6 months
    expect(await freshness.sendReminders()).toEqual({ first: 1, second: 0 });
    expect(sent[0]).toMatchObject({ to: 'owner@x.example', kind: 'freshness-reminder-first' });
    expect(sent[0]!.text).toContain('https://skillway.example/confirm/ie-x');
    expect(await freshness.sendReminders()).toEqual({ first: 0, second: 0 });
    clock = new Date(clock.getTime() + 92 * DAY); // about 9 months
    expect(await freshness.sendReminders()).toEqual({ first: 0, second: 1 });
    expect(await freshness.sendReminders()).toEqual({ first: 0, second: 0 });

    await freshness.confirm(owner, 'ie-x');
    clock = new Date(clock.getTime() + 100 * DAY);
    expect(await freshness.sendReminders()).toEqual({ first: 0, second: 0 });
    clock = new Date(clock.getTime() + 90 * DAY);
    expect(await freshness.sendReminders()).toEqual({ first: 1, second: 0 });
  });

  it('says a listing may be out of date after 12 months without a confirmation or a check', async () => {
    expect(await freshness.get('ie-x')).toMatchObject({
      checked_at: '2026-01-10',
      confirmed_at: null,
      may_be_out_of_date: false,
    });
    clock = new Date('2027-01-20T00:00:00.000Z');
    expect((await freshness.get('ie-x')).may_be_out_of_date).toBe(true);
    const confirmed = await freshness.confirm(owner, 'ie-x');
    expect(confirmed).toMatchObject({ confirmed_at: clock.toISOString(), may_be_out_of_date: false });
  });

  it('moves the search generation on a confirmation (a stale listing stops sinking; cached answers go)', async () => {
    const generation = () =>
      store.db.selectFrom('meta').select('value').where('key', '=', SEARCH_GENERATION_KEY).executeTakeFirst();
    const before = await generation();
    await freshness.confirm(owner, 'ie-x');
    const after = await generation();
    expect(after?.value).toBeDefined();
    expect(after?.value).not.toBe(before?.value);
  });

  it('one rule for the page and the engines: stale when the newest date is 12 months old, or none', async () => {
    const now = new Date('2026-12-06T12:00:00.000Z');
    expect(isStale(null, now)).toBe(true);
    expect(isStale('2025-12-01', now)).toBe(true);
    expect(isStale('2025-12-10', now)).toBe(false);
    expect(isStale('2026-11-30T10:00:00.000Z', now)).toBe(false);
    const dates = await loadFreshDates(store.db, ['ie-x', 'no-such-listing']);
    expect([...dates]).toEqual([['ie-x', { checked: '2026-01-10', since: '2026-01-10' }]]);
  });

  it('counts a change a moderator approved as a confirmation', async () => {
    clock = new Date('2027-01-20T00:00:00.000Z');
    await store.db
      .insertInto('submission')
      .values({
        type: 'edit',
        listing_id: 'ie-x',
        submitted_by: owner.id,
        status: 'approved',
        content: '{}',
        base_hash: null,
        reason: null,
        reviewed_by: null,
        reviewed_at: '2027-01-15T00:00:00.000Z',
        created_at: '2027-01-14T00:00:00.000Z',
        updated_at: '2027-01-15T00:00:00.000Z',
      })
      .execute();
    expect(await freshness.get('ie-x')).toMatchObject({
      confirmed_at: '2027-01-15T00:00:00.000Z',
      may_be_out_of_date: false,
    });
    expect(await freshness.sendReminders()).toEqual({ first: 0, second: 0 });
  });

  it('lets only the owner confirm', async () => {
    await expect(freshness.confirm({ id: 999, role: 'provider' }, 'ie-x')).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(freshness.confirm(owner, 'nope')).rejects.toMatchObject({ kind: 'not-found' });
  });
});
