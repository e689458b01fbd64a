import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '@skillway/store';
import { createSeededStore, startTestSmtpServer, type TempStore, type TestSmtpServer } from '@skillway/store/testing';
import { startTestApi, type TestApi } from '../../../testing/test-api';
import { createAccount, PASSWORD, signedIn, signedUp, TestClient, tokenFromMail } from './account.test-client';
import { RESET_REQUESTED, SIGNUP_ACCEPTED } from '.';

let store: TempStore;
let api: TestApi;
let smtp: TestSmtpServer;
const WEB = 'https://skillway.example';

beforeAll(async () => {
  store = await createSeededStore([]);
  smtp = await startTestSmtpServer();
  // The test client stands for the proxy in front of the API, so its X-Forwarded-* are believed.
  api = await startTestApi(store.path, {
    AUTH_RATE_LIMIT_PER_MINUTE: '1000',
    TRUST_PROXY: 'loopback',
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Skillway <no-reply@skillway.example>',
    PUBLIC_WEB_URL: WEB,
  });
});
afterAll(async () => {
  await api?.close();
  await smtp?.close();
  await store?.dispose();
});
const mailsTo = (email: string) => smtp.messages.filter((m) => m.to.includes(email)).length;

describe('sign-up and sign-in', () => {
  it('signs up through a real e-mail: nothing until the link is followed, then a verified provider with an HTTP-only SameSite=Lax session cookie', async () => {
    const client = new TestClient(api);
    const answer = await client.signUp('Ana@Example.org');
    expect(answer).toMatchObject({ status: 202, body: { message: SIGNUP_ACCEPTED } });
    expect(answer.headers.getSetCookie()).toEqual([]);
    expect((await client.call('GET', '/me')).status).toBe(401);
    expect((await new TestClient(api).logIn('ana@example.org')).status).toBe(401);

    const mail = await smtp.waitFor('ana@example.org');
    expect(mail.from).toBe('no-reply@skillway.example');
    expect(mail.subject).toBe('Confirm your e-mail address for Skillway');
    const token = await tokenFromMail(smtp, 'ana@example.org', '/account/verify');
    expect(mail.text).toContain(`${WEB}/account/verify?token=${token}`);

    const verified = await client.verifyEmail(token);
    expect(verified.status).toBe(200);
    expect(verified.body.user).toMatchObject({ email: 'ana@example.org', role: 'provider', email_verified: true });
    expect(verified.body.csrf_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = verified.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^skillway_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure');
    expect(verified.headers.get('cache-control')).toBe('no-store');
    expect(JSON.stringify(verified.body)).not.toContain(client.cookie);

    const me = await client.call('GET', '/me');
    expect(me).toMatchObject({ status: 200, body: { user: { email: 'ana@example.org' }, csrf_token: client.csrf } });
    const [audit] = await listAudit(store.db, { subject_type: 'user', subject_id: verified.body.user.id });
    expect(audit).toMatchObject({ action: 'user.signup', actor_id: verified.body.user.id });
    // The link works once.
    expect((await new TestClient(api).verifyEmail(token)).status).toBe(400);
    expect((await new TestClient(api).logIn('ana@example.org')).status).toBe(200);
  });

  it('answers a sign-up for a registered address exactly like a new one; the e-mail says "you already have an account"', async () => {
    await createAccount(store, 'known@example.org', 'provider');
    const taken = await new TestClient(api).signUp('KNOWN@Example.org', 'some other long password');
    const fresh = await new TestClient(api).signUp('unknown@example.org', 'some other long password');
    expect(taken.status).toBe(fresh.status);
    expect(taken.body).toEqual(fresh.body);
    expect(taken.headers.getSetCookie()).toEqual(fresh.headers.getSetCookie());
    const mail = await smtp.waitFor('known@example.org');
    expect(mail.subject).toBe('You already have a Skillway account');
    expect(mail.text).toContain('You already have an account');
    expect(mail.text).toContain(`${WEB}/account/signin`);
    expect(mail.text).not.toContain('token=');
    expect((await new TestClient(api).logIn('known@example.org', 'some other long password')).status).toBe(401);
  });

  it('marks the cookie Secure when the link is followed over https (through a trusted proxy)', async () => {
    const client = new TestClient(api);
    await client.signUp('tls@example.org');
    const answer = await client.verifyEmail(await tokenFromMail(smtp, 'tls@example.org', '/account/verify'), {
      'x-forwarded-proto': 'https',
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.getSetCookie()[0]).toContain('Secure');
    // With the default TRUST_PROXY=false nobody can claim https through the header.
    const direct = await startTestApi(store.path, { SMTP_URL: smtp.url });
    try {
      const other = new TestClient(direct);
      await other.signUp('tls2@example.org');
      const claimed = await other.verifyEmail(await tokenFromMail(smtp, 'tls2@example.org', '/account/verify'), {
        'x-forwarded-proto': 'https',
      });
      expect(claimed.status).toBe(200);
      expect(claimed.headers.getSetCookie()[0]).not.toContain('Secure');
    } finally {
      await direct.close();
    }
  });

  it('answers bad sign-ups with the field and the reason', async () => {
    const client = new TestClient(api);
    expect(await client.call('POST', '/auth/signup', { email: 'not-an-address', password: 'short' })).toMatchObject({
      status: 400,
      body: {
        errors: expect.arrayContaining([
          { field: 'body.email', reason: '"not-an-address" is not a valid email' },
          { field: 'body.password', reason: 'must be at least 12 characters long' },
        ]),
      },
    });
    expect(
      await client.call('POST', '/auth/signup', { email: 'x@example.org', password: PASSWORD, role: 'moderator' }),
    ).toMatchObject({ status: 400, body: { errors: [{ field: 'body.role', reason: 'is not a known field' }] } });
  });

  it('gives one answer for a wrong password and an unknown address', async () => {
    await createAccount(store, 'ben@example.org', 'provider');
    const wrong = await new TestClient(api).logIn('ben@example.org', 'not the right password');
    const unknown = await new TestClient(api).logIn('nobody@example.org');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
    expect(wrong.headers.getSetCookie()).toEqual([]);
  });

  it('answers 401 without a session, and with a made-up cookie', async () => {
    expect((await new TestClient(api).call('GET', '/me')).status).toBe(401);
    const forged = new TestClient(api);
    forged.cookie = 'A'.repeat(43);
    expect((await forged.call('GET', '/me')).status).toBe(401);
  });
});

describe('password reset by e-mail', () => {
  it('sends a single-use link that sets a new password and ends every session; the same answer for an unknown address', async () => {
    const client = await signedUp(api, smtp, 'gus@example.org');
    const before = mailsTo('gus@example.org');
    const unknown = await new TestClient(api).call('POST', '/auth/password-reset/request', {
      email: 'nobody@example.org',
    });
    const known = await new TestClient(api).call('POST', '/auth/password-reset/request', { email: 'GUS@example.org' });
    expect(known).toMatchObject({ status: 202, body: { message: RESET_REQUESTED } });
    expect(unknown.body).toEqual(known.body);
    expect(mailsTo('nobody@example.org')).toBe(0);
    const mail = await smtp.waitFor('gus@example.org', { after: before });
    expect(mail.subject).toBe('Reset your Skillway password');
    const token = await tokenFromMail(smtp, 'gus@example.org', '/account/reset', before);

    expect(
      await new TestClient(api).call('POST', '/auth/password-reset', { token, new_password: 'short' }),
    ).toMatchObject({ status: 400, body: { errors: [{ field: 'body.new_password' }] } });
    expect(
      await new TestClient(api).call('POST', '/auth/password-reset', { token, new_password: 'my new long password' }),
    ).toMatchObject({ status: 204 });
    expect((await client.call('GET', '/me')).status).toBe(401);
    expect((await new TestClient(api).logIn('gus@example.org')).status).toBe(401);
    expect((await new TestClient(api).logIn('gus@example.org', 'my new long password')).status).toBe(200);
    expect(
      (await new TestClient(api).call('POST', '/auth/password-reset', { token, new_password: 'another new password' }))
        .status,
    ).toBe(400);
  });

  it('refuses made-up and malformed tokens with the field, and never a 500', async () => {
    for (const token of ['A'.repeat(43), 'short', 'has spaces in it and more', 'x'.repeat(201)]) {
      const reset = await new TestClient(api).call('POST', '/auth/password-reset', { token, new_password: PASSWORD });
      const verify = await new TestClient(api).verifyEmail(token);
      expect(reset.status).toBe(400);
      expect(verify.status).toBe(400);
      expect(reset.body.errors[0].field).toMatch(/^body\.token/);
    }
  });

  it('sends a new confirmation link to an account whose address is not confirmed yet', async () => {
    await createAccount(store, 'hal@example.org', 'provider');
    const hal = await signedIn(api, 'hal@example.org');
    expect(hal.user!.email_verified).toBe(false);
    expect((await hal.call('POST', '/auth/verify-email/request')).status).toBe(202);
    const token = await tokenFromMail(smtp, 'hal@example.org', '/account/verify');
    expect((await hal.verifyEmail(token)).body.user.email_verified).toBe(true);
  });
});

describe('sessions', () => {
  it('logs out: the session is revoked on the server, not only the cookie cleared', async () => {
    await createAccount(store, 'cleo@example.org', 'provider');
    const client = await signedIn(api, 'cleo@example.org');
    const token = client.cookie;
    const out = await client.call('POST', '/auth/logout');
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie()[0]).toMatch(/^skillway_session=;.*Expires=Thu, 01 Jan 1970/);
    const replay = new TestClient(api);
    replay.cookie = token;
    expect((await replay.call('GET', '/me')).status).toBe(401);
  });

  it('changes the password: needs the current one, ends the other sessions, keeps this one', async () => {
    await createAccount(store, 'dora@example.org', 'provider');
    const here = await signedIn(api, 'dora@example.org');
    const elsewhere = await signedIn(api, 'dora@example.org');
    expect(
      await here.call('POST', '/auth/password', {
        current_password: 'wrong password!',
        new_password: 'brand new password',
      }),
    ).toMatchObject({ status: 400, body: { errors: [{ field: 'body.current_password', reason: 'is wrong' }] } });
    expect(
      await here.call('POST', '/auth/password', { current_password: PASSWORD, new_password: 'brand new password' }),
    ).toMatchObject({ status: 204 });
    expect((await here.call('GET', '/me')).status).toBe(200);
    expect((await elsewhere.call('GET', '/me')).status).toBe(401);
    expect((await new TestClient(api).logIn('dora@example.org')).status).toBe(401);
    expect((await new TestClient(api).logIn('dora@example.org', 'brand new password')).status).toBe(200);
    const [audit] = await listAudit(store.db, { subject_type: 'user', subject_id: here.user!.id, limit: 1 });
    expect(audit).toMatchObject({ action: 'user.password-change', actor_id: here.user!.id });
  });
});

describe('CSRF', () => {
  it('refuses cookie-authenticated writes without the token from /me or /auth/login, or with another one', async () => {
    await createAccount(store, 'eve@example.org', 'provider');
    await createAccount(store, 'fay@example.org', 'provider');
    const eve = await signedIn(api, 'eve@example.org');
    const fay = await signedIn(api, 'fay@example.org');
    const change = { current_password: PASSWORD, new_password: 'brand new password' };
    for (const csrf of [false, 'x', fay.csrf!] as const) {
      const answer = await eve.call('POST', '/auth/password', change, { csrf });
      expect(answer.status).toBe(403);
      expect(answer.body.detail).toContain('x-skillway-csrf');
    }
    expect((await eve.call('POST', '/auth/logout', undefined, { csrf: false })).status).toBe(403);
    expect((await eve.call('POST', '/submissions', {}, { csrf: false })).status).toBe(403);
    // Reads need no token, and the session is still alive.
    expect((await eve.call('GET', '/me')).body.csrf_token).toBe(eve.csrf);
  });
});

describe('rate limits', () => {
  it('limits sign-in attempts per client address, answering 429 as a problem document', async () => {
    const limited = await startTestApi(store.path, { AUTH_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const answer = await new TestClient(limited).logIn('nobody@example.org', `guess number ${i} here`);
        statuses.push(answer.status);
        if (answer.status === 429) {
          expect(answer.headers.get('content-type')).toContain('application/problem+json');
          expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
        }
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      // Other routes keep their own, larger budget.
      expect((await new TestClient(limited).call('GET', '/me')).status).toBe(401);
    } finally {
      await limited.close();
    }
  });
});
