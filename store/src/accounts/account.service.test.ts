import { afterEach, beforeEach, expect, it } from 'vitest';
import { AccountService } from './account.service';
import { listAudit } from './audit-log.repository';
import type { MailMessage, Mailer } from './mailer';
import { hashToken } from './session-token';
import { describeEachDatabase, type TestStore } from '../testing/test-databases';

class InboxMailer implements Mailer {
  readonly sent: MailMessage[] = [];
  async send(message: MailMessage): Promise<void> {
    this.sent.push(message);
  }
  lastToken(): string {
    const match = /token=([A-Za-z0-9_-]+)/.exec(this.sent.at(-1)?.text ?? '');
    if (!match) throw new Error('no token in the last mail');
    return match[1]!;
  }
}

let store: TestStore;
let clock: Date;
let mailer: InboxMailer;
let accounts: AccountService;
const password = 'a long enough password';

/** Sign-up followed by the link in its e-mail: the way an account comes to exist. */
async function confirmed(input: { email: string; password: string; name?: string }, service = accounts) {
  await service.signUp(input);
  return service.verifyEmail(mailer.lastToken());
}

describeEachDatabase('AccountService', (database) => {
  beforeEach(async () => {
    store = await database.openEmpty();
    clock = new Date('2026-11-22T10:00:00.000Z');
    mailer = new InboxMailer();
    accounts = new AccountService(store.db, { mailer, now: () => clock });
  });
  afterEach(() => store.dispose());

  it('signs up nobody until the link is followed, then a verified provider with a lower-cased e-mail and only a scrypt hash, audited', async () => {
    await accounts.signUp({ email: ' Ana@Example.ORG ', password, name: 'Ana' });
    expect(await store.db.selectFrom('user_account').selectAll().execute()).toEqual([]);
    expect(mailer.sent).toEqual([
      expect.objectContaining({
        to: 'ana@example.org',
        kind: 'verify-email',
        subject: 'Confirm your e-mail address for Skillway',
      }),
    ]);
    const token = mailer.lastToken();
    expect(JSON.stringify(await store.db.selectFrom('pending_signup').selectAll().execute())).not.toContain(token);
    const user = await accounts.verifyEmail(token);
    expect(user).toMatchObject({
      email: 'ana@example.org',
      role: 'provider',
      name: 'Ana',
      email_verified_at: clock.toISOString(),
    });
    expect(user).not.toHaveProperty('password_hash');
    const row = await store.db.selectFrom('user_account').selectAll().executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row.password_hash).not.toContain(password);
    const [audit] = await listAudit(store.db, { subject_type: 'user', subject_id: user.id });
    expect(audit).toMatchObject({ action: 'user.signup', actor_id: user.id });
    expect(audit!.changes).toContainEqual({ field: 'email', after: 'ana@example.org' });
    await expect(accounts.verifyEmail(token)).rejects.toMatchObject({ kind: 'invalid', errors: [{ field: 'token' }] });
  });

  it('answers a sign-up for a registered address (any case) the same, and mails "you already have an account" with no link token', async () => {
    await confirmed({ email: 'ana@example.org', password });
    mailer.sent.length = 0;
    await expect(
      accounts.signUp({ email: 'ANA@example.org', password: 'another long password' }),
    ).resolves.toBeUndefined();
    expect(mailer.sent).toEqual([expect.objectContaining({ to: 'ana@example.org', kind: 'signup-existing' })]);
    expect(mailer.sent[0]!.text).toContain('You already have an account');
    expect(mailer.sent[0]!.text).not.toContain('token=');
    expect(await store.db.selectFrom('user_account').select('id').execute()).toHaveLength(1);
    expect(await store.db.selectFrom('pending_signup').select('id').execute()).toHaveLength(1);
  });

  it('keeps only the newest sign-up link of an address, and lets it expire after 3 days', async () => {
    await accounts.signUp({ email: 'ana@example.org', password });
    const first = mailer.lastToken();
    await accounts.signUp({ email: 'ana@example.org', password: 'the second password' });
    const second = mailer.lastToken();
    await expect(accounts.verifyEmail(first)).rejects.toMatchObject({ kind: 'invalid' });
    clock = new Date(clock.getTime() + 3 * 24 * 60 * 60 * 1000 + 1000);
    await expect(accounts.verifyEmail(second)).rejects.toMatchObject({ kind: 'invalid' });
    await accounts.signUp({ email: 'ana@example.org', password: 'the third password' });
    await accounts.verifyEmail(mailer.lastToken());
    await accounts.logIn({ email: 'ana@example.org', password: 'the third password' });
  });

  it('refuses passwords shorter than 12 or longer than 256 characters, naming the field', async () => {
    await expect(accounts.signUp({ email: 'a@example.org', password: 'short pass' })).rejects.toMatchObject({
      kind: 'invalid',
      errors: [{ field: 'password', reason: 'must be at least 12 characters long' }],
    });
    await expect(accounts.signUp({ email: 'a@example.org', password: 'x'.repeat(257) })).rejects.toMatchObject({
      errors: [{ field: 'password', reason: 'must be at most 256 characters long' }],
    });
  });

  it('signs in with the right password only, and gives the same answer for an unknown address', async () => {
    await confirmed({ email: 'ana@example.org', password });
    const session = await accounts.logIn({ email: 'ANA@example.org', password });
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.csrf_token).not.toBe(session.token);
    // Both at once, each with its handler attached at once: whichever fails first (a busy machine
    // changes the order) must not be an unhandled rejection while the other is awaited.
    const refused = { kind: 'unauthorised', message: 'The e-mail address or the password is wrong.' };
    await Promise.all([
      expect(accounts.logIn({ email: 'ana@example.org', password: 'not the password' })).rejects.toMatchObject(refused),
      expect(accounts.logIn({ email: 'nobody@example.org', password })).rejects.toMatchObject(refused),
    ]);
  });

  it('forgets sessions that ended more than 30 days ago, and keeps the rest', async () => {
    await confirmed({ email: 'ana@example.org', password });
    const old = await accounts.logIn({ email: 'ana@example.org', password });
    await accounts.logOut(old.token);
    clock = new Date(clock.getTime() + 20 * 24 * 60 * 60 * 1000);
    const live = await accounts.logIn({ email: 'ana@example.org', password });
    expect(await accounts.pruneSessions()).toBe(0);
    clock = new Date(clock.getTime() + 11 * 24 * 60 * 60 * 1000);
    expect(await accounts.pruneSessions()).toBe(1);
    expect(await accounts.authenticate(live.token)).toBeDefined();
  });

  it('stores only the SHA-256 of the session token', async () => {
    await confirmed({ email: 'ana@example.org', password });
    const { token } = await accounts.logIn({ email: 'ana@example.org', password });
    const rows = await store.db.selectFrom('user_session').select('token_hash').execute();
    expect(rows).toEqual([{ token_hash: hashToken(token) }]);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('authenticates a live session, and not once it is revoked or expired', async () => {
    await confirmed({ email: 'ana@example.org', password });
    const a = await accounts.logIn({ email: 'ana@example.org', password });
    const b = await accounts.logIn({ email: 'ana@example.org', password });
    expect((await accounts.authenticate(a.token))?.user.email).toBe('ana@example.org');
    expect((await accounts.authenticate(a.token))?.csrf_token).toBe(a.csrf_token);
    await accounts.logOut(a.token);
    expect(await accounts.authenticate(a.token)).toBeUndefined();
    expect(await accounts.authenticate(b.token)).toBeDefined();
    clock = new Date(clock.getTime() + 15 * 24 * 60 * 60 * 1000);
    expect(await accounts.authenticate(b.token)).toBeUndefined();
    expect(await accounts.authenticate('made-up')).toBeUndefined();
    expect(await accounts.authenticate(undefined)).toBeUndefined();
  });

  it('changes the password only with the current one, revokes the other sessions, keeps this one, and audits', async () => {
    const user = await confirmed({ email: 'ana@example.org', password });
    const here = await accounts.logIn({ email: 'ana@example.org', password });
    const elsewhere = await accounts.logIn({ email: 'ana@example.org', password });
    const session = (await accounts.authenticate(here.token))!;
    await expect(
      accounts.changePassword(session, { current_password: 'not the password', new_password: 'a brand new password' }),
    ).rejects.toMatchObject({ kind: 'invalid', errors: [{ field: 'current_password', reason: 'is wrong' }] });
    await expect(
      accounts.changePassword(session, { current_password: password, new_password: 'too short' }),
    ).rejects.toMatchObject({ errors: [{ field: 'new_password' }] });

    await accounts.changePassword(session, { current_password: password, new_password: 'a brand new password' });
    expect(await accounts.authenticate(here.token)).toBeDefined();
    expect(await accounts.authenticate(elsewhere.token)).toBeUndefined();
    await expect(accounts.logIn({ email: 'ana@example.org', password })).rejects.toMatchObject({
      kind: 'unauthorised',
    });
    await accounts.logIn({ email: 'ana@example.org', password: 'a brand new password' });
    const [audit] = await listAudit(store.db, { actor_id: user.id, limit: 1 });
    expect(audit).toMatchObject({ action: 'user.password-change', subject_id: String(user.id) });
    expect(audit!.changes).toContainEqual({ field: 'other_sessions_revoked', after: 1 });
  });

  it('rehashes a hash made with weaker parameters at the next sign-in', async () => {
    const weak = new AccountService(store.db, { mailer, now: () => clock, scrypt: { N: 2 ** 10, r: 8, p: 1 } });
    await confirmed({ email: 'ana@example.org', password }, weak);
    await accounts.logIn({ email: 'ana@example.org', password });
    const row = await store.db.selectFrom('user_account').select('password_hash').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$32768\$/);
  });

  it('verifies the address of an account made without a link (the CLI) with a single-use token that only its hash is stored of', async () => {
    const user = await accounts.createUser(
      { email: 'ana@example.org', password, role: 'provider' },
      { action: 'user.create', actorId: null },
    );
    await accounts.requestEmailVerification(user.id);
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]!.to).toBe('ana@example.org');
    const token = mailer.lastToken();
    const stored = await store.db.selectFrom('user_token').select(['token_hash', 'purpose']).execute();
    expect(stored).toEqual([{ token_hash: hashToken(token), purpose: 'verify-email' }]);
    await expect(accounts.resetPassword({ token, new_password: 'a brand new password' })).rejects.toMatchObject({
      errors: [{ field: 'token' }],
    });
    expect((await accounts.verifyEmail(token)).email_verified_at).toBe(clock.toISOString());
    await expect(accounts.verifyEmail(token)).rejects.toMatchObject({ kind: 'invalid', errors: [{ field: 'token' }] });
  });

  it('resets a password from a fresh link only, ending every session', async () => {
    await confirmed({ email: 'ana@example.org', password });
    mailer.sent.length = 0;
    const session = await accounts.logIn({ email: 'ana@example.org', password });
    await accounts.requestPasswordReset('nobody@example.org');
    expect(mailer.sent).toHaveLength(0);
    await accounts.requestPasswordReset('ana@example.org');
    const first = mailer.lastToken();
    await accounts.requestPasswordReset('ana@example.org');
    const second = mailer.lastToken();
    await expect(accounts.resetPassword({ token: first, new_password: 'a brand new password' })).rejects.toMatchObject({
      kind: 'invalid',
    });
    clock = new Date(clock.getTime() + 61 * 60 * 1000);
    await expect(accounts.resetPassword({ token: second, new_password: 'a brand new password' })).rejects.toMatchObject(
      {
        kind: 'invalid',
      },
    );
    await accounts.requestPasswordReset('ana@example.org');
    await accounts.resetPassword({ token: mailer.lastToken(), new_password: 'a brand new password' });
    expect(await accounts.authenticate(session.token)).toBeUndefined();
    await accounts.logIn({ email: 'ana@example.org', password: 'a brand new password' });
  });
});
