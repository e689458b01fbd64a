import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addListingOwner } from '@skillway/store';
import { startTestSmtpServer, type TempStore, type TestSmtpServer } from '@skillway/store/testing';
import { createTestStore, expectProblem, responseValidator, startTestApi, type TestApi } from '../../testing/test-api';
import { createAccount, signedIn, TestClient } from './auth/account.test-client';
import { ReportForReviewSchema, ReportReceiptSchema } from './reports';

let store: TempStore;
let api: TestApi;
let smtp: TestSmtpServer;
let mod: TestClient;
let anonymous: TestClient;

beforeAll(async () => {
  store = await createTestStore();
  smtp = await startTestSmtpServer();
  await createAccount(store, 'mod@skillway.example', 'moderator');
  await createAccount(store, 'owner@iom.example', 'provider');
  const owner = await store.db
    .selectFrom('user_account')
    .select('id')
    .where('email', '=', 'owner@iom.example')
    .executeTakeFirstOrThrow();
  await addListingOwner(store.db, 'eu-iom', owner.id, new Date().toISOString());
  api = await startTestApi(store.path, {
    AUTH_RATE_LIMIT_PER_MINUTE: '1000',
    WRITE_RATE_LIMIT_PER_MINUTE: '1000',
    SMTP_URL: smtp.url,
    PUBLIC_WEB_URL: 'https://skillway.example',
  });
  mod = await signedIn(api, 'mod@skillway.example');
  anonymous = new TestClient(api);
}, 120_000);
afterAll(async () => {
  await api?.close();
  await smtp?.close();
  await store?.dispose();
});

describe('reporting a problem with a listing', () => {
  it('anyone reports without an account; the owner is told by mail; a moderator sees it and marks it fixed', async () => {
    const answer = await anonymous.call('POST', '/listings/eu-iom/reports', {
      problem: 'contact',
      details: 'الرقم خاطئ — the phone number is wrong',
      email: 'reader@example.org',
      lang: 'ar',
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(responseValidator(ReportReceiptSchema)(answer.body)).toBe(true);
    expect(answer.body).not.toHaveProperty('email');

    const mail = await smtp.waitFor('owner@iom.example');
    expect(mail.subject).toContain('A problem was reported');
    expect(mail.text).toContain('the phone number is wrong');
    expect(mail.text).toContain('https://skillway.example/listings/eu-iom');
    expect(mail.text).not.toContain('reader@example.org');

    const queue = await mod.call('GET', '/moderation/reports');
    expect(queue.status).toBe(200);
    const item = queue.body.items.find((r: { id: number }) => r.id === answer.body.id);
    expect(responseValidator(ReportForReviewSchema)(item)).toBe(true);
    expect(item).toMatchObject({ reply_email: 'reader@example.org', lang: 'ar', owner_notified: true });

    const decided = await mod.call('POST', `/moderation/reports/${answer.body.id}/decision`, {
      status: 'fixed',
      note: 'Phone corrected',
    });
    expect(decided.body).toMatchObject({ status: 'fixed', note: 'Phone corrected' });
    const again = await mod.call('POST', `/moderation/reports/${answer.body.id}/decision`, { status: 'dismissed' });
    expectProblem({ ...again, body: again.body }, 409);
  });

  it('answers bad reports with a 400 problem naming the field, and an unknown listing with 404', async () => {
    const badProblem = await anonymous.call('POST', '/listings/eu-iom/reports', { problem: 'bad' });
    // Field paths name the request part (`body.problem`); older answers named the field alone.
    const fields = (errors: { field: string }[]) => errors.map((e) => e.field.replace(/^body\./, ''));
    expect(fields(expectProblem(badProblem, 400))).toEqual(['problem']);
    const other = await anonymous.call('POST', '/listings/eu-iom/reports', { problem: 'other', email: 'nope' });
    expect(fields(expectProblem(other, 400))).toEqual(['details', 'email']);
    const unknown = await anonymous.call('POST', '/listings/no-such-thing/reports', { problem: 'closed' });
    expectProblem(unknown, 404);
  });

  it('is rate limited per client, as every write', async () => {
    const limited = await startTestApi(store.path, { WRITE_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const client = new TestClient(limited);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await client.call('POST', '/listings/eu-iom/reports', { problem: 'link' })).status);
      expect(statuses).toEqual([201, 201, 201, 429]);
    } finally {
      await limited.close();
    }
  });
});
