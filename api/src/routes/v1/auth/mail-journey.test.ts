import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSmtpServer, type TempStore, type TestSmtpServer } from '@skillway/store/testing';
import { createTestStore, type TestApi } from '../../../testing/test-api';
import { PASSWORD, TestClient, tokenFromMail } from './account.test-client';

/**
 * The whole e-mail journey against the API as `npm run start:api` runs it (its own process, logging at
 * trace level), with mail delivered by a real SMTP server; then every line the process wrote is
 * searched for every secret the journey handled. No token, link or session may reach a log.
 */

const ROOT = resolve(import.meta.dirname, '../../../../..');

interface ApiProcess {
  api: TestApi;
  log: () => string;
  stop(): Promise<void>;
}

async function spawnApi(env: Record<string, string>): Promise<ApiProcess> {
  let log = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'api/src/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, API_HOST: '127.0.0.1', API_PORT: '0', MEILI_URL: '', LOG_LEVEL: 'trace', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const origin = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the API did not start:\n${log}`)), 60_000);
    const look = () => {
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        done(match[1]!);
      }
    };
    child.stdout!.on('data', look);
    child.once('exit', () => fail(new Error(`the API exited:\n${log}`)));
  });
  const doFetch = (path: string, init?: RequestInit) => fetch(origin + path, init);
  const api = { origin, fetch: doFetch } as unknown as TestApi;
  return {
    api,
    log: () => log,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

let store: TempStore;
let smtp: TestSmtpServer;
beforeAll(async () => {
  store = await createTestStore();
  smtp = await startTestSmtpServer();
}, 120_000);
afterAll(async () => {
  await smtp?.close();
  await store?.dispose();
});

describe('the e-mail journey leaves no secret in the logs', () => {
  it('sign-up, the link, sign-out, a forgotten password, the reset link, sign-in: no token in any log line', async () => {
    const server = await spawnApi({
      DATABASE_PATH: store.path,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Skillway <no-reply@skillway.example>',
      PUBLIC_WEB_URL: 'https://skillway.example',
    });
    const secrets: string[] = [];
    try {
      const { api } = server;
      const email = 'journey@example.org';
      const ana = new TestClient(api);
      expect((await ana.signUp(email)).status).toBe(202);
      const verifyToken = await tokenFromMail(smtp, email, '/account/verify');
      secrets.push(verifyToken);
      const verified = await ana.verifyEmail(verifyToken);
      expect(verified.status).toBe(200);
      secrets.push(ana.cookie!, ana.csrf!);
      expect((await ana.call('GET', '/me')).body.user.email_verified).toBe(true);
      expect((await ana.call('POST', '/auth/logout')).status).toBe(204);

      // A second sign-up with the same address: the same answer, and a mail that says so.
      expect((await new TestClient(api).signUp(email, 'another long password')).status).toBe(202);
      expect((await smtp.waitFor(email, { after: 1 })).subject).toBe('You already have a Skillway account');

      const forgetful = new TestClient(api);
      expect((await forgetful.call('POST', '/auth/password-reset/request', { email })).status).toBe(202);
      const resetToken = await tokenFromMail(smtp, email, '/account/reset', 2);
      secrets.push(resetToken);
      expect(
        (
          await forgetful.call('POST', '/auth/password-reset', {
            token: resetToken,
            new_password: 'my new long password',
          })
        ).status,
      ).toBe(204);
      expect((await forgetful.logIn(email, PASSWORD)).status).toBe(401);
      expect((await forgetful.logIn(email, 'my new long password')).status).toBe(200);
      secrets.push(forgetful.cookie!, forgetful.csrf!);
    } finally {
      await server.stop();
    }
    const log = server.log();
    // The log was on: start-up and every request are in it.
    expect(log).toContain('Server listening at');
    expect(log).toContain('/api/v1/auth/verify-email');
    expect(log).toContain('/api/v1/auth/password-reset');
    expect(secrets.every((s) => s.length >= 40)).toBe(true);
    for (const secret of secrets) expect(log).not.toContain(secret);
    expect(log).not.toMatch(/token=/);
    expect(log).not.toContain('skillway.example/account/');
  }, 120_000);

  it('with no SMTP_URL, says at start-up that mail is off, and logs neither the message, its address nor a link', async () => {
    const server = await spawnApi({ DATABASE_PATH: store.path });
    try {
      expect((await new TestClient(server.api).signUp('offline@example.org')).status).toBe(202);
      expect(
        (
          await new TestClient(server.api).call('POST', '/auth/password-reset/request', {
            email: 'journey@example.org',
          })
        ).status,
      ).toBe(202);
    } finally {
      await server.stop();
    }
    const log = server.log();
    expect(log).toMatch(/"level":40[^\n]*mail is off: SMTP_URL is not set/);
    expect(log).toContain('a message was not sent');
    expect(log).not.toMatch(/token=|\/account\/verify|\/account\/reset/);
    expect(log).not.toContain('offline@example.org');
    expect(smtp.messages.filter((m) => m.to.includes('offline@example.org'))).toEqual([]);
  }, 120_000);
});
