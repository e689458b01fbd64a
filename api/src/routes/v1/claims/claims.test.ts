import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getListingRecord } from '@skillway/store';
import { startTestSmtpServer, type TempStore, type TestSmtpServer } from '@skillway/store/testing';
import { createTestStore, startTestApi, type TestApi } from '../../../testing/test-api';
import { createAccount, signedIn, signedUp, type TestClient } from '../auth/account.test-client';

let store: TempStore;
let api: TestApi;
let smtp: TestSmtpServer;
let mod: TestClient;

async function editableCopy(id: string) {
  const { id: _id, ...content } = (await getListingRecord(store.db, id))!;
  return content;
}

beforeAll(async () => {
  store = await createTestStore();
  smtp = await startTestSmtpServer();
  await createAccount(store, 'mod@skillway.example', 'moderator');
  api = await startTestApi(store.path, {
    AUTH_RATE_LIMIT_PER_MINUTE: '1000',
    SUBMIT_RATE_LIMIT_PER_MINUTE: '1000',
    SMTP_URL: smtp.url,
    PUBLIC_WEB_URL: 'https://skillway.example',
  });
  mod = await signedIn(api, 'mod@skillway.example');
}, 120_000);
afterAll(async () => {
  await api?.close();
  await smtp?.close();
  await store?.dispose();
});

describe('claiming a listing', () => {
  it('a provider signs up by e-mail, claims its listing (confirmed by its web domain), edits it, a moderator approves, and the change is live', async () => {
    const iom = await signedUp(api, smtp, 'ana@IOM.int');
    const claim = await iom.call('POST', '/listings/eu-iom/claims', {});
    expect(claim).toMatchObject({
      status: 201,
      body: {
        listing_id: 'eu-iom',
        status: 'approved',
        method: 'domain',
        listing_name: expect.stringContaining('IOM'),
      },
    });
    expect((await iom.call('GET', '/me/listings')).body.items).toEqual([expect.objectContaining({ id: 'eu-iom' })]);
    const edit = await iom.call('POST', '/listings/eu-iom/revisions', {
      ...(await editableCopy('eu-iom')),
      phones: [{ number: '+41 22 717 9111' }],
    });
    expect(edit).toMatchObject({ status: 201, body: { type: 'edit', status: 'pending' } });
    expect((await api.json('/api/v1/listings/eu-iom')).body.phones).not.toEqual([{ number: '+41 22 717 9111' }]);
    expect((await mod.call('POST', `/moderation/submissions/${edit.body.id}/approve`)).status).toBe(200);
    expect((await api.json('/api/v1/listings/eu-iom')).body.phones).toEqual([{ number: '+41 22 717 9111' }]);
    expect((await mod.call('GET', '/moderation/owners?listing=eu-iom')).body.items).toEqual([
      expect.objectContaining({ listing_id: 'eu-iom', email: 'ana@iom.int' }),
    ]);
  });

  it('queues a claim from another domain with its evidence; the moderator approves it and the provider is told by e-mail', async () => {
    const ben = await signedUp(api, smtp, 'ben@mail.example');
    const claim = await ben.call('POST', '/listings/eu-enic-naric-network/claims', {
      evidence: 'I run the network’s help desk; call +32 2 000 00 00.',
    });
    expect(claim.body).toMatchObject({ status: 'pending', method: 'review' });
    expect(
      (await ben.call('POST', '/listings/eu-enic-naric-network/revisions', await editableCopy('eu-enic-naric-network')))
        .status,
    ).toBe(403);
    const queue = await mod.call('GET', '/moderation/claims');
    expect(queue.body.items).toEqual([
      expect.objectContaining({
        id: claim.body.id,
        evidence: 'I run the network’s help desk; call +32 2 000 00 00.',
        email_domain: 'mail.example',
        listing_host: 'enic-naric.net',
        user: expect.objectContaining({ email: 'ben@mail.example' }),
      }),
    ]);
    expect((await ben.call('GET', '/moderation/claims')).status).toBe(403);
    expect((await ben.call('POST', `/moderation/claims/${claim.body.id}/approve`)).status).toBe(403);
    expect((await mod.call('POST', `/moderation/claims/${claim.body.id}/approve`)).body.status).toBe('approved');
    const told = await smtp.waitFor('ben@mail.example', { after: 1 });
    expect(told.subject).toContain('You now manage');
    expect((await ben.call('GET', '/claims')).body.items[0]).toMatchObject({ status: 'approved' });

    // Revoked: the owner can no longer propose edits.
    expect(
      await mod.call('POST', `/moderation/listings/eu-enic-naric-network/owners/${ben.user!.id}/revoke`, {
        reason: 'Asked by the network.',
      }),
    ).toMatchObject({ status: 204 });
    expect(
      (await ben.call('POST', '/listings/eu-enic-naric-network/revisions', await editableCopy('eu-enic-naric-network')))
        .status,
    ).toBe(403);
    expect((await ben.call('GET', '/claims')).body.items[0]).toMatchObject({
      status: 'revoked',
      reason: 'Asked by the network.',
    });
  });

  it('refuses a claim from an account whose address is not confirmed, and of a listing that does not exist', async () => {
    await createAccount(store, 'cy@iom.int', 'provider');
    const cy = await signedIn(api, 'cy@iom.int');
    expect((await cy.call('POST', '/listings/eu-iom/claims', {})).status).toBe(403);
    const dee = await signedUp(api, smtp, 'dee@mail.example');
    expect((await dee.call('POST', '/listings/no-such-listing/claims', {})).status).toBe(404);
    expect((await dee.call('POST', '/listings/eu-iom/claims', { evidence: 'x'.repeat(2001) })).status).toBe(400);
  });
});
