import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { listAudit } from '../accounts/audit-log.repository';
import { getListingRecord, replaceDataListings } from '../listing.repository';
import { ModerationService } from './moderation.service';
import { createTestUser, loadSeedListings, sampleListing, SEED_LISTINGS } from './submission.fixtures';
import { SubmissionService, type Actor } from './submission.service';
import { describeEachDatabase, type TestStore } from '../testing/test-databases';

let store: TestStore;
let submissions: SubmissionService;
let moderation: ModerationService;
let changed: string[];
let ana: Actor;
let mod: Actor;
let mod2: Actor;

const outboxRows = () => store.db.selectFrom('outbox').select(['listing_id', 'status', 'event']).execute();

describeEachDatabase('ModerationService', (database) => {
  beforeEach(async () => {
    store = await database.openEmpty();
    await loadSeedListings(store, ['eu-enic-naric-network', 'gb-breaking-barriers']);
    changed = [];
    submissions = new SubmissionService(store.db);
    moderation = new ModerationService(store.db, { onListingChanged: (id) => changed.push(id) });
    ana = await createTestUser(store, 'ana@example.org');
    mod = await createTestUser(store, 'mod@example.org', 'moderator');
    mod2 = await createTestUser(store, 'mod2@example.org', 'moderator');
  });
  afterEach(() => store.dispose());

  it('is for moderators only', async () => {
    const s = await submissions.submitNew(ana, sampleListing());
    for (const call of [
      () => moderation.queue(ana),
      () => moderation.get(ana, s.id),
      () => moderation.approve(ana, s.id),
      () => moderation.reject(ana, s.id, 'nope, not good'),
    ]) {
      await expect(call()).rejects.toMatchObject({ kind: 'forbidden' });
    }
  });

  it('lists the pending queue oldest first, with who submitted', async () => {
    const a = await submissions.submitNew(ana, sampleListing({ name: 'First course' }));
    const b = await submissions.submitNew(ana, sampleListing({ name: 'Second course' }));
    const queue = await moderation.queue(mod);
    expect(queue.pending).toBe(2);
    expect(queue.items.map((i) => [i.id, i.name])).toEqual([
      [a.id, 'First course'],
      [b.id, 'Second course'],
    ]);
    expect(queue.items[0]!.submitted_by).toEqual({ id: ana.id, email: 'ana@example.org', name: null });
  });

  it('approves a new listing: writes it (origin provider, slug id), its owner, an outbox row and the audit entry together', async () => {
    const s = await submissions.submitNew(ana, sampleListing());
    const approved = await moderation.approve(mod, s.id);
    expect(approved).toMatchObject({ status: 'approved', listing_id: 'ie-nurse-bridging-course-dublin' });
    const record = await getListingRecord(store.db, 'ie-nurse-bridging-course-dublin');
    expect(record).toEqual({ id: 'ie-nurse-bridging-course-dublin', ...sampleListing() });
    const row = await store.db
      .selectFrom('listing')
      .select('origin')
      .where('id', '=', 'ie-nurse-bridging-course-dublin')
      .executeTakeFirstOrThrow();
    expect(row.origin).toBe('provider');
    expect(await submissions.listMyListings(ana)).toHaveLength(1);
    expect(await outboxRows()).toEqual([
      { listing_id: 'ie-nurse-bridging-course-dublin', status: 'pending', event: 'listing.changed' },
    ]);
    expect(changed).toEqual(['ie-nurse-bridging-course-dublin']);
    const [audit] = await listAudit(store.db, { subject_type: 'submission', subject_id: s.id, limit: 1 });
    expect(audit).toMatchObject({ action: 'submission.approve', actor_id: mod.id });
    expect(audit!.changes).toContainEqual({ field: 'status', before: 'pending', after: 'approved' });
    expect(audit!.changes).toContainEqual({ field: 'listing.name', after: 'Nurse Bridging Course Dublin' });
  });

  it('gives every new listing a unique id from its first country and name', async () => {
    const ids: string[] = [];
    for (const name of ['Nurse Bridging Course Dublin', 'Nurse bridging course — Dublin!', 'مساعدة']) {
      const s = await submissions.submitNew(ana, sampleListing({ name }));
      ids.push((await moderation.approve(mod, s.id)).listing_id!);
    }
    expect(ids).toEqual(['ie-nurse-bridging-course-dublin', 'ie-nurse-bridging-course-dublin-2', 'ie-listing']);
  });

  it('shows an edit with the live version and a field-by-field diff, and applies it on approval', async () => {
    const s = await submissions.submitNew(ana, sampleListing());
    const id = (await moderation.approve(mod, s.id)).listing_id!;
    const edit = await submissions.proposeEdit(ana, id, sampleListing({ cost: 'fee', languages: ['en'] }));
    const view = await moderation.get(mod, edit.id);
    expect(view.live).toEqual({ id, ...sampleListing() });
    expect(view.changes).toEqual([
      { field: 'languages', before: ['en', 'ar'], after: ['en'] },
      { field: 'cost', before: 'free', after: 'fee' },
    ]);
    expect(view.live_changed_since_submitted).toBe(false);
    expect(view.submitted_by.email).toBe('ana@example.org');

    await moderation.approve(mod2, edit.id);
    expect(await getListingRecord(store.db, id)).toMatchObject({ cost: 'fee', languages: ['en'] });
    expect((await outboxRows()).map((r) => r.listing_id)).toEqual([id, id]);
    const [audit] = await listAudit(store.db, { subject_type: 'submission', subject_id: edit.id, limit: 1 });
    expect(audit!.changes).toContainEqual({ field: 'listing.cost', before: 'free', after: 'fee' });
  });

  it('flags an edit whose listing changed after it was proposed', async () => {
    const id = (await moderation.approve(mod, (await submissions.submitNew(ana, sampleListing())).id)).listing_id!;
    const first = await submissions.proposeEdit(ana, id, sampleListing({ cost: 'fee' }));
    await sql`update listing set content_hash = 'changed elsewhere' where id = ${id}`.execute(store.db);
    expect((await moderation.get(mod, first.id)).live_changed_since_submitted).toBe(true);
  });

  it('rejects with a reason only, once, and never the moderator’s own submission', async () => {
    const s = await submissions.submitNew(ana, sampleListing());
    await expect(moderation.reject(mod, s.id, '  ')).rejects.toMatchObject({
      kind: 'invalid',
      errors: [{ field: 'reason' }],
    });
    const rejected = await moderation.reject(mod, s.id, 'The course page does not mention refugees.');
    expect(rejected).toMatchObject({ status: 'rejected', reason: 'The course page does not mention refugees.' });
    await expect(moderation.approve(mod, s.id)).rejects.toMatchObject({ kind: 'conflict' });
    await expect(moderation.reject(mod, s.id, 'again, no')).rejects.toMatchObject({ kind: 'conflict' });
    expect(await outboxRows()).toEqual([]);
    const [audit] = await listAudit(store.db, { subject_type: 'submission', subject_id: s.id, limit: 1 });
    expect(audit).toMatchObject({ action: 'submission.reject', actor_id: mod.id });
    expect(audit!.changes).toContainEqual({ field: 'reason', after: 'The course page does not mention refugees.' });

    const own = await submissions.submitNew(mod, sampleListing());
    await expect(moderation.approve(mod, own.id)).rejects.toMatchObject({ kind: 'forbidden' });
    await moderation.approve(mod2, own.id);
  });

  it('refuses to approve when the organisation referred to has gone, and writes nothing', async () => {
    const s = await submissions.submitNew(ana, sampleListing());
    await replaceDataListings(
      store.db,
      SEED_LISTINGS.filter((l) => l.id === 'gb-breaking-barriers'),
    );
    await expect(moderation.approve(mod, s.id)).rejects.toMatchObject({
      kind: 'conflict',
      errors: [{ field: 'organisation' }],
    });
    expect((await submissions.getMine(ana, s.id)).status).toBe('pending');
    expect(await outboxRows()).toEqual([]);
  });

  it('rolls the whole approval back when any part of it fails', async () => {
    const s = await submissions.submitNew(ana, sampleListing());
    // A real failure inside the transaction, after the listing is written: the outbox insert aborts.
    if (database.dialect === 'postgres') {
      await sql`create function outbox_fails() returns trigger language plpgsql as $$
        begin raise exception 'disk full'; end $$`.execute(store.db);
      await sql`create trigger outbox_fails before insert on outbox for each row execute function outbox_fails()`.execute(
        store.db,
      );
    } else {
      await sql`create trigger outbox_fails before insert on outbox begin select raise(abort, 'disk full'); end`.execute(
        store.db,
      );
    }
    await expect(moderation.approve(mod, s.id)).rejects.toThrow('disk full');
    expect(await getListingRecord(store.db, 'ie-nurse-bridging-course-dublin')).toBeUndefined();
    expect(await store.db.selectFrom('listing_owner').selectAll().execute()).toEqual([]);
    expect((await submissions.getMine(ana, s.id)).status).toBe('pending');
    expect(changed).toEqual([]);
    await (
      database.dialect === 'postgres' ? sql`drop trigger outbox_fails on outbox` : sql`drop trigger outbox_fails`
    ).execute(store.db);
    expect((await moderation.approve(mod, s.id)).listing_id).toBe('ie-nurse-bridging-course-dublin');
  });
});
