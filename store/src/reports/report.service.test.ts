import { afterEach, beforeEach, expect, it } from 'vitest';
import { AccountService } from '../accounts/account.service';
import type { MailMessage } from '../accounts/mailer';
import { addListingOwner } from '../submissions/listing-owner.repository';
import { fixtureListing } from '../testing/listing-fixture';
import { ReportService } from './report.service';
import { describeEachDatabase, type TestStore } from '../testing/test-databases';

let store: TestStore;
let sent: MailMessage[];
let reports: ReportService;
const clock = new Date('2026-12-06T10:00:00.000Z');

/** The store's errors carry a kind (DomainError); the older ServiceError carried the HTTP status. */
const STATUS = { invalid: 400, forbidden: 403, 'not-found': 404, conflict: 409 } as const;
async function failsWith(promise: Promise<unknown>, kind: keyof typeof STATUS): Promise<{ errors?: unknown[] }> {
  const error = (await promise.then(
    () => null,
    (e: unknown) => e,
  )) as { kind?: string; statusCode?: number; errors?: unknown[] } | null;
  expect(error, `expected a ${kind} error`).not.toBeNull();
  expect(error!.kind ?? error!.statusCode).toBe(error!.kind ? kind : STATUS[kind]);
  return error!;
}

async function account(email: string, role: 'provider' | 'moderator') {
  const accounts = new AccountService(store.db, { mailer: { send: async () => {} } });
  const user = await accounts.createUser(
    { email, password: 'a long enough password', role },
    { action: 'user.create', actorId: null },
  );
  return { id: user.id, role };
}

describeEachDatabase('ReportService', (database) => {
  beforeEach(async () => {
    store = await database.openSeeded([
      fixtureListing('ie-owned', { name: 'Owned service' }),
      fixtureListing('ie-unowned', { name: 'Nobody’s service' }),
    ]);
    sent = [];
    reports = new ReportService(store.db, {
      now: () => clock,
      mailer: { send: async (m) => void sent.push(m) },
      webUrl: 'https://skillway.example/',
    });
  });
  afterEach(() => store.dispose());

  it('stores a report without an account, tells the owner what is wrong (not who said so), and queues it for moderators', async () => {
    const owner = await account('owner@example.org', 'provider');
    await addListingOwner(store.db, 'ie-owned', owner.id, clock.toISOString());
    const receipt = await reports.report('ie-owned', {
      problem: 'contact',
      details: 'The phone number rings a bakery.',
      email: 'Reader@Example.org',
      lang: 'ar',
    });
    expect(receipt).toEqual({
      id: expect.any(Number),
      listing_id: 'ie-owned',
      problem: 'contact',
      status: 'open',
      created_at: clock.toISOString(),
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: 'owner@example.org', kind: 'listing-report' });
    expect(sent[0]!.subject).toContain('Owned service');
    expect(sent[0]!.text).toContain('the phone number or e-mail address is wrong');
    expect(sent[0]!.text).toContain('> The phone number rings a bakery.');
    expect(sent[0]!.text).toContain('https://skillway.example/listings/ie-owned');
    expect(sent[0]!.text).not.toContain('reader@example.org');

    const moderator = await account('mod@example.org', 'moderator');
    const queue = await reports.queue(moderator);
    expect(queue.open).toBe(1);
    expect(queue.items[0]).toMatchObject({
      listing_id: 'ie-owned',
      listing_name: 'Owned service',
      reply_email: 'reader@example.org',
      lang: 'ar',
      owner_notified: true,
    });
  });

  it('sends no mail for a listing nobody manages', async () => {
    await reports.report('ie-unowned', { problem: 'closed' });
    expect(sent).toHaveLength(0);
    const moderator = await account('mod@example.org', 'moderator');
    expect((await reports.queue(moderator)).items[0]).toMatchObject({ problem: 'closed', owner_notified: false });
  });

  it('keeps the report when the owner’s mail fails', async () => {
    const owner = await account('owner@example.org', 'provider');
    await addListingOwner(store.db, 'ie-owned', owner.id, clock.toISOString());
    const failing = new ReportService(store.db, {
      mailer: {
        send: async () => {
          throw new Error('SMTP down');
        },
      },
    });
    await failing.report('ie-owned', { problem: 'link' });
    const moderator = await account('mod@example.org', 'moderator');
    expect((await reports.queue(moderator)).items[0]).toMatchObject({ problem: 'link', owner_notified: false });
  });

  it('names the fields at fault', async () => {
    const other = await failsWith(
      reports.report('ie-owned', { problem: 'other', details: '  ', email: 'not an address' }),
      'invalid',
    );
    expect(other.errors).toEqual([
      { field: 'details', reason: expect.stringContaining('other') },
      { field: 'email', reason: 'must be an e-mail address' },
    ]);
    const unknown = await failsWith(reports.report('ie-owned', { problem: 'wrong' as never }), 'invalid');
    expect(unknown.errors).toEqual([{ field: 'problem', reason: expect.stringContaining('contact') }]);
    const long = await failsWith(
      reports.report('ie-owned', { problem: 'details', details: 'x'.repeat(2001) }),
      'invalid',
    );
    expect(long.errors).toEqual([{ field: 'details', reason: expect.stringContaining('2000') }]);
    await failsWith(reports.report('no-such-listing', { problem: 'closed' }), 'not-found');
  });

  it('lets moderators, and only them, mark a report fixed or dismissed once', async () => {
    const provider = await account('p@example.org', 'provider');
    const moderator = await account('mod@example.org', 'moderator');
    const { id } = await reports.report('ie-owned', { problem: 'address', details: 'Moved to Main Street.' });
    await failsWith(reports.queue(provider), 'forbidden');
    await failsWith(reports.decide(provider, id, { status: 'fixed' }), 'forbidden');
    const decided = await reports.decide(moderator, id, { status: 'fixed', note: 'Address updated.' });
    expect(decided).toMatchObject({ status: 'fixed', note: 'Address updated.', decided_at: clock.toISOString() });
    await failsWith(reports.decide(moderator, id, { status: 'dismissed' }), 'conflict');
    await failsWith(reports.decide(moderator, 999, { status: 'fixed' }), 'not-found');
    expect((await reports.queue(moderator)).open).toBe(0);
    expect((await reports.queue(moderator, { status: 'fixed' })).items).toHaveLength(1);
  });
});
