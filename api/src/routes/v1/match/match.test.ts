import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MatchResponseSchema } from '@skillway/core';
import type { TempStore } from '@skillway/store/testing';
import {
  createTestStore,
  expectProblem,
  responseValidator,
  startTestApi,
  type TestApi,
} from '../../../testing/test-api';

let store: TempStore;
let api: TestApi;
const isMatchResponse = responseValidator(MatchResponseSchema);

beforeAll(async () => {
  store = await createTestStore({ withSkills: true });
  api = await startTestApi(store.path);
});
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

const post = (body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  api.json('/api/v1/match', { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });

/** POST /match read raw over HTTP (fetch would decompress), as a browser receives it. */
function rawPost(body: unknown, acceptEncoding?: string): Promise<{ headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(api.origin + '/api/v1/match', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('POST /api/v1/match as bytes', () => {
  it('sends the same answer plain, gzipped and in brotli, each a valid match response', async () => {
    const profile = { text: 'I was a nurse in Syria', country: 'IE', lang: 'ar', languages: ['ar'] };
    const plain = await rawPost(profile);
    expect(plain.headers['content-type']).toMatch(/^application\/json/);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const body = JSON.parse(plain.body.toString('utf8'));
    expect(isMatchResponse.errors(body)).toEqual([]);
    expect(body.results.length).toBeGreaterThan(0);

    const gzip = await rawPost(profile, 'gzip, deflate');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(JSON.parse(gunzipSync(gzip.body).toString('utf8'))).toEqual(body);

    const br = await rawPost(profile, 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(br.body).toString('utf8'))).toEqual(body);
    // a repeated profile: the kept bytes, took_ms and all
    expect((await rawPost({ ...profile })).body.equals(plain.body)).toBe(true);
  });
});

describe('POST /api/v1/match', () => {
  it('matches a nurse in Ireland to recognition services, with reasons', async () => {
    const res = await post({ occupations: ['2221'], country: 'IE', lang: 'en', limit: 5 });
    expect(res.status).toBe(200);
    expect(isMatchResponse.errors(res.body)).toEqual([]);
    expect(res.body.results.length).toBeGreaterThan(0);
    expect(res.body.results.length).toBeLessThanOrEqual(5);
    const ids = res.body.results.map((r: { listing: { id: string } }) => r.listing.id);
    expect(ids).toContain('ie-nmbi-non-eu-registration');
    for (const result of res.body.results) {
      expect(result.listing.countries.some((c: string) => c === 'IE' || c === 'EU')).toBe(true);
      expect(result.reasons.length).toBeGreaterThan(0);
    }
  });

  it('reads free text in another language', async () => {
    const res = await post({ text: 'soy enfermera', country: 'ES', lang: 'es' });
    expect(res.status).toBe(200);
    expect(isMatchResponse.errors(res.body)).toEqual([]);
    expect(res.body.interpreted.occupations.length).toBeGreaterThan(0);
  });

  it('asks for something to match on, naming the fields', async () => {
    const errors = expectProblem(await post({ languages: ['en'] }), 400);
    expect(errors.map((e) => e.field)).toEqual([
      'body.occupations',
      'body.skills',
      'body.text',
      'body.needs',
      'body.country',
    ]);
  });

  describe('refuses a bad body with a 400 that names the field', () => {
    it.each([
      [{ occupations: ['nurse'] }, 'body.occupations[0]', '"nurse" is not an ISCO-08 code or an ESCO occupation URI'],
      [{ occupations: '2221' }, 'body.occupations', 'must be array, not a string "2221"'],
      [{ skills: [''] }, 'body.skills[0]', 'must be at least 1 characters long'],
      [{ text: '' }, 'body.text', 'must be at least 1 characters long'],
      [{ text: 'x'.repeat(1001) }, 'body.text', 'must be at most 1000 characters long'],
      [{ text: 'nurse', country: 'XX' }, 'body.country', '"XX" is not one of BE, HU, IE, IT, NL, SK, SI, ES, GB, EU'],
      [{ text: 'nurse', audience: 'refugee' }, 'body.audience', /^"refugee" is not one of refugees/],
      [{ text: 'nurse', needs: ['jobs'] }, 'body.needs[0]', /^"jobs" is not one of skills-assessment/],
      [{ text: 'nurse', languages: ['arabic'] }, 'body.languages[0]', /^"arabic" is not well-formed/],
      [{ text: 'nurse', lang: 'de' }, 'body.lang', /^"de" is not one of en, nl/],
      [{ text: 'nurse', limit: '5' }, 'body.limit', 'must be integer, not a string "5"'],
      [{ text: 'nurse', limit: 51 }, 'body.limit', '51 must be <= 50'],
      [{ text: 'nurse', name: 'Ana' }, 'body.name', 'is not a known field'],
    ])('%j', async (body, field, reason) => {
      const errors = expectProblem(await post(body), 400);
      expect(errors).toHaveLength(1);
      expect(errors[0]!.field).toBe(field);
      if (typeof reason === 'string') expect(errors[0]!.reason).toBe(reason);
      else expect(errors[0]!.reason).toMatch(reason);
    });

    it('refuses a body that is not JSON', async () => {
      const res = await post('{"text": "nurse"');
      expectProblem(res, 400);
      expect(res.body.detail).toMatch(/^The request body is not valid JSON/);
    });

    it('refuses a body that is not an object', async () => {
      const errors = expectProblem(await post([1, 2]), 400);
      expect(errors[0]!.field).toBe('body');
    });

    it('refuses a body of another type with 415', async () => {
      expectProblem(await post('text=nurse', { 'content-type': 'application/x-www-form-urlencoded' }), 415);
    });

    it('refuses a body over 64 kB with 413', async () => {
      expectProblem(await post({ text: 'x'.repeat(70_000) }), 413);
    });
  });
});
