import { afterEach, beforeEach, expect, it } from 'vitest';
import { AccountService } from '../accounts/account.service';
import { listAudit } from '../accounts/audit-log.repository';
import type { MailMessage } from '../accounts/mailer';
import { markEmailVerified } from '../accounts/user.repository';
import { SubmissionService } from '../submissions/submission.service';
import { fixtureListing } from '../testing/listing-fixture';
import { ClaimService, emailDomainOf, webDomainOf } from './claim.service';
import { describeEachDatabase, type TestStore } from '../testing/test-databases';

let store: TestStore;
let claims: ClaimService;
let sent: MailMessage[];
const clock = new Date('2026-12-01T10:00:00.000Z');

async function account(email: string, role: 'provider' | 'moderator' = 'provider', verified = true) {
  const accounts = new AccountService(store.db, { mailer: { send: async () => {} } });
  const user = await accounts.createUser(
    { email, password: 'a long enough password', role },
    { action: 'user.create', actorId: null },
  );
  if (verified) await markEmailVerified(store.db, user.id, clock.toISOString());
  return { id: user.id, role };
}

describeEachDatabase('ClaimService', (database) => {
  beforeEach(async () => {
    store = await database.openSeeded([
      fixtureListing('be-centre', { name: 'Recognition centre', url: 'https://www.centre.example.be/en/recognition' }),
      fixtureListing('ie-ngo', { name: 'An NGO', url: 'https://ngo.example.ie/' }),
      fixtureListing('si-ministry-a', { name: 'Ministry A service', url: 'https://www.gov.example/a' }),
      fixtureListing('si-ministry-b', { name: 'Ministry B service', url: 'https://www.gov.example/b' }),
    ]);
    sent = [];
    claims = new ClaimService(store.db, { now: () => clock, mailer: { send: async (m) => void sent.push(m) } });
  });
  afterEach(() => store.dispose());

  it('reads web domains without www. and e-mail domains in lower case', () => {
    expect(webDomainOf('https://WWW.Centre.example.be/x')).toBe('centre.example.be');
    expect(webDomainOf('not a url')).toBeNull();
    expect(emailDomainOf('Ana@Centre.Example.BE')).toBe('centre.example.be');
  });

  it('confirms a claim at once when the verified address is at the listing’s own web domain, and the owner can then propose edits', async () => {
    const ana = await account('ana@Centre.example.be');
    const claim = await claims.request(ana, 'be-centre');
    expect(claim).toMatchObject({ status: 'approved', method: 'domain', listing_name: 'Recognition centre' });
    const [audit] = await listAudit(store.db, { subject_type: 'listing', subject_id: 'be-centre' });
    expect(audit).toMatchObject({ action: 'claim.confirm-by-domain', actor_id: ana.id });
    const { id: _id, ...content } = fixtureListing('be-centre', { name: 'Recognition centre (new phone)' });
    const edit = await new SubmissionService(store.db).proposeEdit(ana, 'be-centre', content);
    expect(edit).toMatchObject({ type: 'edit', status: 'pending', listing_id: 'be-centre' });
    await expect(claims.request(ana, 'be-centre')).rejects.toMatchObject({ kind: 'conflict' });

    // A listing has one owner: a colleague at the same domain waits for a moderator, who must end Ana's ownership first.
    const colleague = await account('bo@centre.example.be');
    const mod = await account('mod@skillway.example', 'moderator');
    const second = await claims.request(colleague, 'be-centre');
    expect(second).toMatchObject({ status: 'pending', method: 'review' });
    expect((await claims.get(mod, second.id)).current_owner).toBe('ana@centre.example.be');
    await expect(claims.approve(mod, second.id)).rejects.toMatchObject({ kind: 'conflict' });
    await claims.revoke(mod, 'be-centre', ana.id, 'Moved on.');
    expect(await claims.approve(mod, second.id)).toMatchObject({
      status: 'approved',
      current_owner: 'bo@centre.example.be',
    });
  });

  it('queues any other claim with its evidence for a moderator, who approves or rejects it, and the provider is told', async () => {
    const ben = await account('ben@gmail.example');
    const mod = await account('mod@skillway.example', 'moderator');
    const claim = await claims.request(ben, 'ie-ngo', {
      evidence: '  I coordinate the programme; call 01 234 5678.  ',
    });
    expect(claim).toMatchObject({
      status: 'pending',
      method: 'review',
      evidence: 'I coordinate the programme; call 01 234 5678.',
    });
    await expect(claims.request(ben, 'ie-ngo')).rejects.toMatchObject({ kind: 'conflict' });
    await expect(claims.queue(ben)).rejects.toMatchObject({ kind: 'forbidden' });
    const queue = await claims.queue(mod);
    expect(queue.pending).toBe(1);
    expect(queue.items[0]).toMatchObject({
      id: claim.id,
      user: { email: 'ben@gmail.example' },
      email_domain: 'gmail.example',
      listing_host: 'ngo.example.ie',
      listing_url: 'https://ngo.example.ie/',
    });
    await expect(new SubmissionService(store.db).proposeEdit(ben, 'ie-ngo', {})).rejects.toMatchObject({
      kind: 'forbidden',
    });
    expect(await claims.approve(mod, claim.id)).toMatchObject({ status: 'approved', method: 'review' });
    expect(sent.at(-1)).toMatchObject({ to: 'ben@gmail.example', kind: 'claim-approved' });
    await expect(claims.approve(mod, claim.id)).rejects.toMatchObject({ kind: 'conflict' });
    expect(await claims.owners(mod, { listingId: 'ie-ngo' })).toEqual([
      expect.objectContaining({ listing_id: 'ie-ngo', email: 'ben@gmail.example' }),
    ]);

    const cy = await account('cy@other.example');
    const second = await claims.request(cy, 'ie-ngo');
    await expect(claims.reject(mod, second.id, '  ')).rejects.toMatchObject({ kind: 'invalid' });
    expect(await claims.reject(mod, second.id, 'No sign you work there.')).toMatchObject({
      status: 'rejected',
      reason: 'No sign you work there.',
    });
    expect(sent.at(-1)).toMatchObject({ to: 'cy@other.example', kind: 'claim-rejected' });
  });

  it('lets a moderator revoke an owner with a reason; the claim is marked revoked and edits are refused', async () => {
    const ana = await account('ana@centre.example.be');
    const mod = await account('mod@skillway.example', 'moderator');
    await claims.request(ana, 'be-centre');
    await expect(claims.revoke(ana, 'be-centre', ana.id, 'x')).rejects.toMatchObject({ kind: 'forbidden' });
    await claims.revoke(mod, 'be-centre', ana.id, 'The centre asked us to.');
    expect(await claims.owners(mod)).toEqual([]);
    expect((await claims.listMine(ana))[0]).toMatchObject({ status: 'revoked', reason: 'The centre asked us to.' });
    await expect(claims.revoke(mod, 'be-centre', ana.id, 'again')).rejects.toMatchObject({ kind: 'not-found' });
    await expect(new SubmissionService(store.db).proposeEdit(ana, 'be-centre', {})).rejects.toMatchObject({
      kind: 'forbidden',
    });
  });

  it('sends a claim to a moderator when several organisations’ listings share the web host (a government portal)', async () => {
    const civilServant = await account('someone@gov.example');
    expect(await claims.request(civilServant, 'si-ministry-a')).toMatchObject({ status: 'pending', method: 'review' });
  });

  it('refuses claims from unverified addresses, of unknown listings, and by moderators', async () => {
    const dan = await account('dan@centre.example.be', 'provider', false);
    await expect(claims.request(dan, 'be-centre')).rejects.toMatchObject({ kind: 'forbidden' });
    const eve = await account('eve@centre.example.be');
    await expect(claims.request(eve, 'nope')).rejects.toMatchObject({ kind: 'not-found' });
    await expect(claims.request(eve, 'be-centre', { evidence: 'x'.repeat(2001) })).rejects.toMatchObject({
      kind: 'invalid',
    });
    const mod = await account('mod@centre.example.be', 'moderator');
    await expect(claims.request(mod, 'be-centre')).rejects.toMatchObject({ kind: 'forbidden' });
  });
});
