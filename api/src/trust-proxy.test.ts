import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededStore, type TempStore } from '@skillway/store/testing';
import { ConfigError, loadConfig } from './config';
import { startTestApi } from './testing/test-api';

/**
 * TRUST_PROXY, mode by mode, over real HTTP from 127.0.0.1: whose X-Forwarded-For decides the client
 * address, and so the sign-in bucket (AUTH_RATE_LIMIT_PER_MINUTE=2 here).
 */
let store: TempStore;
beforeAll(async () => {
  store = await createSeededStore([]);
});
afterAll(async () => {
  await store?.dispose();
});

/** Three failed sign-ins, each with the given X-Forwarded-For; the statuses they got. */
async function signIns(trustProxy: string | undefined, forwardedFor: (i: number) => string | undefined) {
  const env: Record<string, string> = { AUTH_RATE_LIMIT_PER_MINUTE: '2' };
  if (trustProxy !== undefined) env.TRUST_PROXY = trustProxy;
  const api = await startTestApi(store.path, env);
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      const xff = forwardedFor(i);
      if (xff) headers['x-forwarded-for'] = xff;
      const res = await api.fetch('/api/v1/auth/login', {
        method: 'POST',
        headers,
        body: JSON.stringify({ email: 'nobody@example.org', password: 'not the password at all' }),
      });
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    return statuses;
  } finally {
    await api.close();
  }
}

const rotating = (i: number) => `203.0.113.${i + 1}`;

// Each case starts the API twice or three times: on a busy machine that alone can pass the default 30 s.
describe('TRUST_PROXY', { timeout: 120_000 }, () => {
  it('by default believes no X-Forwarded-For: rotating it does not escape the limit', async () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(await signIns(undefined, rotating)).toEqual([401, 401, 429]);
    expect(await signIns('false', rotating)).toEqual([401, 401, 429]);
  });

  it('with the proxy address (loopback here), gives each forwarded visitor a bucket of their own', async () => {
    expect(await signIns('loopback', rotating)).toEqual([401, 401, 401]);
    expect(await signIns('127.0.0.1', rotating)).toEqual([401, 401, 401]);
    // The same visitor through the proxy is still limited.
    expect(await signIns('loopback', () => '203.0.113.9')).toEqual([401, 401, 429]);
  });

  it('ignores the header from an address that is not a listed proxy', async () => {
    expect(await signIns('10.0.0.0/8,uniquelocal', rotating)).toEqual([401, 401, 429]);
  });

  it('believes only the nearest proxy: what the visitor put before its address does not count', async () => {
    // The proxy appends the address it saw; entries the visitor sent before it are not believed.
    expect(await signIns('loopback', (i) => `198.51.100.${i + 1}, 203.0.113.7`)).toEqual([401, 401, 429]);
  });

  it('with true believes anyone (only for an API that nothing but the proxy can reach)', async () => {
    expect(await signIns('true', rotating)).toEqual([401, 401, 401]);
  });

  it('refuses a value that is not a mode, naming the variable', () => {
    for (const value of ['yes', '10.0.0.300', 'loopbak', '10.0.0.0/33', '1', '2']) {
      expect(() => loadConfig({ TRUST_PROXY: value }), value).toThrow(ConfigError);
    }
    expect(loadConfig({ TRUST_PROXY: ' 10.0.0.0/8, ::1 ,loopback' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '::1',
      'loopback',
    ]);
  });
});
