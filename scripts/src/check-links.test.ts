import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBrokenLinks, parseRobots } from '@skillway/store';
import { createSeededStore, fixtureListing, type TempStore } from '@skillway/store/testing';
import { checkLinksCli } from './check-links';

/** A local web site: 200, 301, 404, 500, a path that never answers, one robots.txt forbids, one without HEAD. */
function site(): { server: Server; seen: string[]; maxInFlight: () => number } {
  const seen: string[] = [];
  let inFlight = 0;
  let max = 0;
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    inFlight += 1;
    max = Math.max(max, inFlight);
    res.on('close', () => (inFlight -= 1));
    const path = req.url ?? '/';
    if (path === '/robots.txt') return res.end('User-agent: *\nDisallow: /private\n');
    if (path === '/ok') return res.end('fine');
    if (path === '/moved') return res.writeHead(301, { location: '/ok' }).end();
    if (path === '/missing') return res.writeHead(404).end();
    if (path === '/error') return res.writeHead(500).end();
    if (path === '/get-only') return res.writeHead(req.method === 'HEAD' ? 405 : 200).end();
    if (path === '/slow') return; // never answers
    res.writeHead(404).end();
  });
  return { server, seen, maxInFlight: () => max };
}

const listen = (server: Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );

let store: TempStore;
const a = site();
const b = site();
let out = '';

beforeAll(async () => {
  const [A, B] = [await listen(a.server), await listen(b.server)];
  store = await createSeededStore([
    fixtureListing('t-ok', { name: 'OK', url: `${A}/ok`, source_url: `${A}/moved` }),
    fixtureListing('t-missing', { name: 'Missing', url: `${A}/missing`, source_url: `${A}/get-only` }),
    fixtureListing('t-error', { name: 'Error', url: `${B}/error`, source_url: `${B}/slow` }),
    fixtureListing('t-private', { name: 'Private', url: `${B}/private/page`, source_url: `${B}/ok` }),
  ]);
  const code = await checkLinksCli(['--db', store.path, '--timeout', '500', '--delay', '20'], {
    env: {},
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (out += t) },
  });
  expect(code).toBe(0);
}, 60_000);
afterAll(async () => {
  a.server.closeAllConnections();
  b.server.closeAllConnections();
  a.server.close();
  b.server.close();
  await store?.dispose();
});

describe('npm run check-links', () => {
  it('records the status or redirect of every url and source_url', async () => {
    const rows = await store.db.selectFrom('link_check').selectAll().orderBy('listing_id').orderBy('field').execute();
    const byKey = Object.fromEntries(rows.map((r) => [`${r.listing_id} ${r.field}`, r]));
    expect(byKey['t-ok source_url']).toMatchObject({
      status: 301,
      location: expect.stringMatching(/\/ok$/),
      broken: 0,
    });
    expect(byKey['t-ok url']).toMatchObject({ status: 200, broken: 0 });
    expect(byKey['t-missing url']).toMatchObject({ status: 404, broken: 1 });
    expect(byKey['t-missing source_url']).toMatchObject({ status: 200, broken: 0 });
    expect(byKey['t-error url']).toMatchObject({ status: 500, broken: 1 });
    expect(byKey['t-error source_url']).toMatchObject({ status: null, error: 'timed out', broken: 1 });
    expect(byKey['t-private url']).toMatchObject({
      status: null,
      error: expect.stringContaining('robots.txt'),
      broken: 0,
    });
  });

  it('lists the broken ones for moderators and in its report', async () => {
    const broken = await listBrokenLinks(store.db);
    expect(broken.map((l) => `${l.listing_id} ${l.field}`)).toEqual([
      't-error source_url',
      't-error url',
      't-missing url',
    ]);
    expect(out).toContain('8 links checked');
    expect(out).toContain('3 broken');
    expect(out).toMatch(/BROKEN t-missing url .*\/missing: 404/);
  });

  it('is polite: robots.txt first, one request at a time per host, HEAD before GET, nothing robots.txt forbids', () => {
    for (const s of [a, b]) {
      expect(s.seen[0]).toBe('GET /robots.txt');
      expect(s.maxInFlight()).toBe(1);
    }
    expect(a.seen).toContain('HEAD /get-only');
    expect(a.seen).toContain('GET /get-only');
    expect(b.seen.some((r) => r.includes('/private'))).toBe(false);
  });
});

describe('robots.txt', () => {
  it('uses our own group when there is one, else the * group', () => {
    const text = 'User-agent: *\nDisallow: /a\n\nUser-agent: SkillwayLinkChecker\nDisallow: /b\n';
    expect(parseRobots(text)).toEqual(['/b']);
    expect(parseRobots('User-agent: *\nDisallow:\n')).toEqual([]);
    expect(parseRobots('User-agent: other\nDisallow: /\n')).toEqual([]);
  });
});
