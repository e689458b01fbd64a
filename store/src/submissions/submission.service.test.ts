import { afterEach, beforeEach, expect, it } from 'vitest';
import { listAudit } from '../accounts/audit-log.repository';
import { ModerationService } from './moderation.service';
import { createTestUser, loadSeedListings, sampleListing } from './submission.fixtures';
import { SubmissionService, type Actor } from './submission.service';
import { translationSourceHash } from '../listing-texts';
import { describeEachDatabase, type TestStore } from '../testing/test-databases';

let store: TestStore;
let submissions: SubmissionService;
let moderation: ModerationService;
let ana: Actor;
let ben: Actor;
let mod: Actor;

describeEachDatabase('SubmissionService', (database) => {
  beforeEach(async () => {
    store = await database.openEmpty();
    await loadSeedListings(store, ['eu-enic-naric-network', 'eu-enic-naric-evaluator-guide', 'gb-breaking-barriers']);
    submissions = new SubmissionService(store.db);
    moderation = new ModerationService(store.db);
    ana = await createTestUser(store, 'ana@example.org');
    ben = await createTestUser(store, 'ben@example.org');
    mod = await createTestUser(store, 'mod@example.org', 'moderator');
  });
  afterEach(() => store.dispose());

  it('stores a new listing as pending, with the content as sent, and audits every field', async () => {
    const input = sampleListing({ summary: '<script>alert("x")</script> A course for nurses in Dublin.' });
    const submission = await submissions.submitNew(ana, input);
    expect(submission).toMatchObject({
      type: 'new',
      status: 'pending',
      listing_id: null,
      reason: null,
      content: input,
    });
    expect(await submissions.listMine(ana)).toEqual([submission]);
    const [audit] = await listAudit(store.db, { subject_type: 'submission', subject_id: submission.id });
    expect(audit).toMatchObject({ action: 'submission.create', actor_id: ana.id });
    expect(audit!.changes).toContainEqual({ field: 'summary', after: input.summary });
  });

  it('rejects a bad field with its name and reason, and unknown fields', async () => {
    await expect(
      submissions.submitNew(ana, { ...sampleListing(), audiences: ['refugees', 'refugee'] }),
    ).rejects.toMatchObject({
      kind: 'invalid',
      errors: [{ field: 'audiences[1]', reason: expect.stringContaining('"refugee" is not one of') }],
    });
    await expect(submissions.submitNew(ana, { ...sampleListing(), owner: 'me' })).rejects.toMatchObject({
      errors: [{ field: 'owner', reason: 'is not a known field' }],
    });
  });

  it('checks the organisation reference against the live listings', async () => {
    await expect(submissions.submitNew(ana, sampleListing({ organisation: 'xx-nobody' }))).rejects.toMatchObject({
      errors: [{ field: 'organisation', reason: '"xx-nobody" is not a listing' }],
    });
    await expect(
      submissions.submitNew(ana, sampleListing({ organisation: 'eu-enic-naric-evaluator-guide' })),
    ).rejects.toMatchObject({
      errors: [{ field: 'organisation', reason: expect.stringContaining('not an organisation') }],
    });
    await expect(
      submissions.submitNew(ana, sampleListing({ kind: 'organisation', organisation: 'eu-enic-naric-network' })),
    ).rejects.toMatchObject({ errors: [{ field: 'organisation', reason: 'must be null on an organisation' }] });
  });

  it('checks the rules of the richer model a schema cannot say, and keeps every new field as sent', async () => {
    await expect(
      submissions.submitNew(
        ana,
        sampleListing({
          schedules: [{ days: ['mo'], opens: '17:00', closes: '09:00' }],
          texts: { uk: { how_to_apply: 'Подайте заявку онлайн.', status: 'machine', from: 'en' } },
        }),
      ),
    ).rejects.toMatchObject({
      errors: [
        { field: 'schedules[0].closes', reason: '"09:00" is not later than opens "17:00"' },
        { field: 'texts.uk.how_to_apply', reason: 'translates a text the record does not have (no how_to_apply)' },
      ],
    });
    const rich = sampleListing({
      how_to_apply: 'Book an appointment by phone.',
      eligibility: { statuses: ['refugee', 'asylum-seeker'] },
      locations: [{ address: '1 Example Street', city: 'Dublin', latitude: 53.35, longitude: -6.26 }],
      schedules: [{ days: ['mo', 'we'], opens: '09:00', closes: '12:30' }],
      phones: [{ number: '+353 1 000 0000' }],
      texts: { uk: { how_to_apply: 'Запишіться на прийом телефоном.', status: 'original' } },
    });
    expect((await submissions.submitNew(ana, rich)).content).toEqual(rich);
  });

  it('leaves out a translation made from a text the submission changes, and keeps the others', async () => {
    const before = sampleListing({ how_to_apply: 'Phone the office.' });
    const ar = {
      name: 'اسم',
      status: 'machine' as const,
      from: 'en',
      from_hash: translationSourceHash(before, ['name']),
    };
    const uk = {
      how_to_apply: 'Зателефонуйте до офісу.',
      status: 'machine' as const,
      from: 'en',
      from_hash: translationSourceHash(before, ['how_to_apply']),
    };
    const edited = { ...before, how_to_apply: 'Write to the office.', texts: { ar, uk } };
    expect((await submissions.submitNew(ana, edited)).content).toEqual({ ...edited, texts: { ar } });
  });

  it('lets a provider see and change only their own pending submissions', async () => {
    const mine = await submissions.submitNew(ana, sampleListing());
    expect(await submissions.listMine(ben)).toEqual([]);
    await expect(submissions.getMine(ben, mine.id)).rejects.toMatchObject({ kind: 'not-found' });
    await expect(submissions.update(ben, mine.id, sampleListing({ name: 'Hijacked' }))).rejects.toMatchObject({
      kind: 'not-found',
    });
    const updated = await submissions.update(ana, mine.id, sampleListing({ name: 'Nurse Bridging Course' }));
    expect(updated.content.name).toBe('Nurse Bridging Course');
    const [audit] = await listAudit(store.db, { subject_type: 'submission', subject_id: mine.id, limit: 1 });
    expect(audit).toMatchObject({ action: 'submission.update', actor_id: ana.id });
    expect(audit!.changes).toEqual([
      { field: 'name', before: 'Nurse Bridging Course Dublin', after: 'Nurse Bridging Course' },
    ]);
    await moderation.reject(mod, mine.id, 'Please link the course page itself.');
    await expect(submissions.update(ana, mine.id, sampleListing())).rejects.toMatchObject({ kind: 'conflict' });
    expect(await submissions.getMine(ana, mine.id)).toMatchObject({
      status: 'rejected',
      reason: 'Please link the course page itself.',
    });
  });

  it('accepts edits of a live listing only from its owner, one pending edit at a time', async () => {
    const created = await submissions.submitNew(ana, sampleListing());
    const { listing_id: id } = await moderation.approve(mod, created.id);
    expect(id).toBe('ie-nurse-bridging-course-dublin');
    expect(await submissions.listMyListings(ana)).toEqual([
      { id, kind: 'service', name: 'Nurse Bridging Course Dublin' },
    ]);
    expect(await submissions.listMyListings(ben)).toEqual([]);

    await expect(submissions.proposeEdit(ben, id!, sampleListing({ cost: 'fee' }))).rejects.toMatchObject({
      kind: 'forbidden',
    });
    await expect(submissions.proposeEdit(ana, 'gb-breaking-barriers', sampleListing())).rejects.toMatchObject({
      kind: 'forbidden',
    });
    await expect(submissions.proposeEdit(ana, 'xx-missing', sampleListing())).rejects.toMatchObject({
      kind: 'not-found',
    });
    await expect(submissions.proposeEdit(ana, id!, sampleListing({ kind: 'initiative' }))).rejects.toMatchObject({
      kind: 'invalid',
      errors: [{ field: 'kind' }],
    });

    const edit = await submissions.proposeEdit(ana, id!, sampleListing({ cost: 'fee' }));
    expect(edit).toMatchObject({ type: 'edit', status: 'pending', listing_id: id });
    await expect(submissions.proposeEdit(ana, id!, sampleListing())).rejects.toMatchObject({ kind: 'conflict' });
  });
});
