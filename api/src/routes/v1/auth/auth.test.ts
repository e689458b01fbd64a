import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '@skillway/store/accounts/audit-log.repository';
import { createSeededStore, type TempStore } from '@skillway/store/testing/seed-store';
import { startTestApi, type TestApi } from '../../../testing/test-api';
import { createAccount, PASSWORD, signedIn, TestClient } from './account.test-client';
import { SIGNUP_REFUSED } from '.';

let store: TempStore;
let api: TestApi;

beforeAll(async () => {
  store = await createSeededStore([]);
  // The test client stands for the proxy in front of the API, so its X-Forwarded-* are believed.
  api = await startTestApi(store.path, { AUTH_RATE_LIMIT_PER_MINUTE: '1000', TRUST_PROXY: 'loopback' });
});
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

describe('sign-up and sign-in', () => {
  it('signs up a provider, sets an HTTP-only SameSite=Lax session cookie, and answers the CSRF token', async () => {
    const client = new TestClient(api);
    const answer = await client.signUp('Ana@Example.org');
    expect(answer.status).toBe(201);
    expect(answer.body.user).toMatchObject({ email: 'ana@example.org', role: 'provider', email_verified: false });
    expect(answer.body.csrf_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = answer.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^skillway_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(JSON.stringify(answer.body)).not.toContain(client.cookie);

    const me = await client.call('GET', '/me');
    expect(me).toMatchObject({ status: 200, body: { user: { email: 'ana@example.org' }, csrf_token: client.csrf } });
    const [audit] = await listAudit(store.db, { subject_type: 'user', subject_id: answer.body.user.id });
    expect(audit).toMatchObject({ action: 'user.signup', actor_id: answer.body.user.id });
  });

  it('marks the cookie Secure when the request came over https (through a trusted proxy)', async () => {
    const client = new TestClient(api);
    const answer = await client.call(
      'POST',
      '/auth/signup',
      { email: 'tls@example.org', password: PASSWORD },
      {
        headers: { 'x-forwarded-proto': 'https' },
      },
    );
    expect(answer.status).toBe(201);
    expect(answer.headers.getSetCookie()[0]).toContain('Secure');
    // With the default TRUST_PROXY=false nobody can claim https through the header.
    const direct = await startTestApi(store.path);
    try {
      const claimed = await new TestClient(direct).call(
        'POST',
        '/auth/signup',
        { email: 'tls2@example.org', password: PASSWORD },
        { headers: { 'x-forwarded-proto': 'https' } },
      );
      expect(claimed.status).toBe(201);
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
    await client.signUp('twice@example.org');
    expect(await new TestClient(api).signUp('TWICE@example.org')).toMatchObject({
      status: 409,
      body: { detail: SIGNUP_REFUSED },
    });
  });

  it('gives one answer for a wrong password and an unknown address', async () => {
    await new TestClient(api).signUp('ben@example.org');
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
