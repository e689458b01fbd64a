import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TempStore } from '@skillway/store/testing';
import { createTestStore, startTestApi, type TestApi } from '../../../testing/test-api';

let store: TempStore;
let api: TestApi;

beforeAll(async () => {
  store = await createTestStore();
  // A limit of one per minute shows that health checks are not rate limited.
  api = await startTestApi(store.path, { RATE_LIMIT_PER_MINUTE: '1' });
});
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

describe('health and readiness', () => {
  it('/health says the process is up, uncached and without a rate limit', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await api.json('/api/v1/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok' });
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('/ready checks the database and the embedded engine', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await api.json('/api/v1/ready');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ready', database: 'up', search: { engine: 'sqlite', status: 'up' } });
    }
  });
});
