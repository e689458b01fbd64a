import { execFileSync } from 'node:child_process';
import { closeSync, copyFileSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededStore, readSeedListings, sampleListing } from '@skillway/store/testing';
import { expectProblem, startTestApi, type TestApi } from './testing/test-api';
import { createAccount, signedIn } from './routes/v1/auth/account.test-client';

/**
 * A full disk (issue 16, finding 7). As root, the database lives on a small tmpfs that the test fills
 * with a file until ENOSPC: the real thing. Elsewhere (no mount rights) SQLite's max_page_count stands
 * in for it: SQLite then answers the same SQLITE_FULL. Either way a write must answer a 500 problem,
 * the log must name SQLITE_FULL (not "cannot rollback"), and /ready must answer 503 until it writes again.
 */
let dir: string;
let mounted = false;
let api: TestApi;
const logLines: string[] = [];

function tryMount(target: string, bytes: number): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', target], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

let filler: string;
function fillDisk(): void {
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  // The last partial block too.
  const small = openSync(`${filler}.2`, 'w');
  try {
    for (;;) writeSync(small, Buffer.alloc(512, 1));
  } catch {
    /* full */
  } finally {
    closeSync(small);
  }
}

beforeAll(async () => {
  const seeded = await createSeededStore(readSeedListings().filter((l) => l.id.startsWith('eu-')));
  await createAccount(seeded, 'full@example.org', 'provider');
  seeded.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const size = statSync(seeded.path).size;
  dir = mkdtempSync(join(tmpdir(), 'skillway-full-'));
  mounted = tryMount(dir, size + 4 * 1024 * 1024);
  console.info(`disk-full test: ${mounted ? 'a tmpfs filled until ENOSPC' : 'SQLite max_page_count (no tmpfs)'}`);
  copyFileSync(seeded.path, join(dir, 'skillway.db'));
  await seeded.dispose();
  filler = join(dir, 'filler');
  api = await startTestApi(join(dir, 'skillway.db'), { LOG_LEVEL: 'error', SUBMIT_RATE_LIMIT_PER_MINUTE: '1000' });
  // Read the API's log: request loggers are children of server.log and share its stream.
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const log = api.server.log as unknown as Record<symbol, unknown>;
  const streamSym = Object.getOwnPropertySymbols(log).find((s) => s.description === 'pino.stream')!;
  log[streamSym] = stream;
}, 60_000);

afterAll(async () => {
  await api?.close();
  if (mounted) execFileSync('umount', [dir]);
  rmSync(dir, { recursive: true, force: true });
});

describe('a full disk', () => {
  it('answers writes with a 500 problem, logs SQLITE_FULL, and /ready says the database cannot write', async () => {
    const client = await signedIn(api, 'full@example.org');
    expect((await api.json('/api/v1/ready')).status).toBe(200);
    expect((await client.call('POST', '/submissions', sampleListing({ name: 'Before the disk fills' }))).status).toBe(
      201,
    );

    if (mounted) fillDisk();
    else {
      const pages = api.server.store.sqlite!.pragma('page_count', { simple: true }) as number;
      api.server.store.sqlite!.pragma(`max_page_count = ${pages}`);
    }

    let failed: Awaited<ReturnType<typeof client.call>> | undefined;
    for (let i = 0; i < 200 && !failed; i++) {
      const answer = await client.call(
        'POST',
        '/submissions',
        sampleListing({ name: `Filling ${i}`, summary: 'A long enough summary. '.repeat(40) }),
      );
      if (answer.status !== 201) failed = answer;
    }
    expect(failed, 'a write failed').toBeDefined();
    expectProblem(failed!, 500);
    const log = logLines.join('');
    expect(log).toMatch(/SQLITE_FULL/);
    expect(log).not.toMatch(/cannot rollback/);

    const ready = await api.json('/api/v1/ready');
    const errors = expectProblem(ready, 503);
    expect(errors).toEqual([{ field: 'database', reason: expect.stringMatching(/cannot write/) }]);

    // Space again: the next write goes through and /ready is green.
    if (mounted) {
      rmSync(filler);
      rmSync(`${filler}.2`, { force: true });
    } else api.server.store.sqlite!.pragma('max_page_count = 1073741823');
    expect((await client.call('POST', '/submissions', sampleListing({ name: 'After' }))).status).toBe(201);
    expect((await api.json('/api/v1/ready')).status).toBe(200);
  }, 60_000);
});
