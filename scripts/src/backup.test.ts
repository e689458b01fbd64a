import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededStore, sampleListing, type TempStore } from '@skillway/store/testing';
import { startTestApi, type TestApi } from '../../api/src/testing/test-api';
import { createAccount, signedIn, type TestClient } from '../../api/src/routes/v1/auth/account.test-client';
import { backupCli, restoreCli, type Io } from './backup';

/**
 * Backup under write load and restore into a fresh folder (issue 16, finding 8): the API approves
 * submissions as fast as it can while `npm run backup` runs in another process; the restored copy must
 * pass the integrity check and hold every listing approved before the backup started, and no approval
 * may be half there (a listing without its approved submission, or the reverse).
 */
const ROOT = resolve(import.meta.dirname, '../..');
let store: TempStore;
let api: TestApi;
let dir: string;

function capture(): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    env: {},
    out,
    err,
    stdout: { write: (t: string) => out.push(t) },
    stderr: { write: (t: string) => err.push(t) },
  };
}

/** `npm run backup` as a separate process, as an operator would run it beside the API. */
function runBackupProcess(
  db: string,
  out: string,
): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'scripts/src/backup.ts'), 'backup', '--db', db, '--out', out],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? 1, stdout, stderr, ms: performance.now() - started }));
  });
}

beforeAll(async () => {
  store = await createSeededStore();
  await createAccount(store, 'writer@example.org', 'provider');
  await createAccount(store, 'mod@example.org', 'moderator');
  api = await startTestApi(store.path, { RATE_LIMIT_PER_MINUTE: '0' });
  dir = mkdtempSync(join(tmpdir(), 'skillway-backup-'));
}, 120_000);

afterAll(async () => {
  await api?.close();
  await store?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm run backup / npm run restore', () => {
  it('backs up consistently under write load and restores into a fresh folder with every approved listing', async () => {
    const provider: TestClient = await signedIn(api, 'writer@example.org');
    const moderator: TestClient = await signedIn(api, 'mod@example.org');
    const approved: { id: string; at: number }[] = [];
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing && i < 2000; i++) {
        const sub = await provider.call('POST', '/submissions', sampleListing({ name: `Under load ${i}` }));
        expect(sub.status).toBe(201);
        const done = await moderator.call('POST', `/moderation/submissions/${sub.body.id}/approve`);
        expect(done.status).toBe(200);
        approved.push({ id: done.body.listing_id, at: performance.now() });
      }
    })();

    // Writes under way before the backup starts (a second, or until two approvals landed on a busy
    // machine, where a second may not see one).
    const writesStarted = performance.now();
    while (approved.length < 2 || performance.now() - writesStarted < 1000) await new Promise((r) => setTimeout(r, 50));
    const backupStarted = performance.now();
    const backupFile = join(dir, 'backups', 'under-load.db');
    const backup = await runBackupProcess(store.path, backupFile);
    const approvedDuringBackup = approved.filter((a) => a.at >= backupStarted).length;
    await new Promise((r) => setTimeout(r, 300));
    writing = false;
    await writer;
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/integrity ok/);

    const fresh = join(dir, 'fresh', 'nested', 'skillway.db');
    const io = capture();
    const restoreStarted = performance.now();
    expect(await restoreCli([backupFile, '--db', fresh], io), io.err.join('')).toBe(0);
    const restoreMs = performance.now() - restoreStarted;

    const restored = new SQLite(fresh, { readonly: true });
    try {
      expect(restored.pragma('integrity_check', { simple: true })).toBe('ok');
      const ids = new Set(restored.prepare('select id from listing').pluck().all() as string[]);
      const before = approved.filter((a) => a.at < backupStarted);
      expect(before.length).toBeGreaterThan(0);
      for (const { id } of before) expect(ids.has(id), id).toBe(true);
      // Nothing half-approved: every approved submission has its listing, every provider listing its approval.
      const orphans = restored
        .prepare(
          `select count(*) from submission s where s.status = 'approved' and s.listing_id not in (select id from listing)`,
        )
        .pluck()
        .get();
      expect(orphans).toBe(0);
      const unexplained = restored
        .prepare(
          `select count(*) from listing l where l.origin = 'provider'
             and not exists (select 1 from submission s where s.listing_id = l.id and s.status = 'approved')`,
        )
        .pluck()
        .get();
      expect(unexplained).toBe(0);
      // The seed data came along too.
      const source = new SQLite(store.path, { readonly: true });
      const seeds = source.prepare(`select count(*) from listing where origin = 'data'`).pluck().get();
      source.close();
      expect(restored.prepare(`select count(*) from listing where origin = 'data'`).pluck().get()).toBe(seeds);
    } finally {
      restored.close();
    }
    console.info(
      `backup under load: ${Math.round(backup.ms)} ms for the process (tsx start-up included), ` +
        `${backup.stdout.match(/in (\d+) ms/)?.[1]} ms for the copy and check; ${approvedDuringBackup} approvals ` +
        `went through meanwhile; ${approved.length} approvals in all; restore: ${Math.round(restoreMs)} ms`,
    );
  }, 120_000);

  it('refuses to overwrite a database without --force, and keeps the old one with it', async () => {
    const backupFile = join(dir, 'again.db');
    const io = capture();
    expect(await backupCli(['--db', store.path, '--out', backupFile], io)).toBe(0);
    expect(await backupCli(['--db', store.path, '--out', backupFile], io)).toBe(1);
    const target = join(dir, 'target', 'skillway.db');
    expect(await restoreCli([backupFile, '--db', target], io)).toBe(0);
    const second = capture();
    expect(await restoreCli([backupFile, '--db', target], second)).toBe(1);
    expect(second.err.join('')).toMatch(/--force/);
    const forced = capture();
    expect(await restoreCli([backupFile, '--db', target, '--force'], forced)).toBe(0);
    expect(forced.out.join('')).toMatch(/kept as .*before-restore-/);
  }, 60_000);

  it('refuses a file that is not a sound database, and bad usage', async () => {
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'not a database at all'.repeat(100));
    const io = capture();
    expect(await restoreCli([junk, '--db', join(dir, 'never', 'skillway.db')], io)).toBe(1);
    expect(io.err.join('')).toMatch(/junk\.db/);
    expect(await restoreCli([], capture())).toBe(2);
    expect(await backupCli(['--nonsense'], capture())).toBe(2);
    expect(await backupCli(['--db', join(dir, 'missing.db')], capture())).toBe(1);
  });

  it('refuses to copy a SQLite file when DATABASE_URL says the database is PostgreSQL', async () => {
    for (const [cli, args] of [
      [backupCli, []],
      [restoreCli, [join(dir, 'some.db')]],
    ] as const) {
      const io = { ...capture(), env: { DATABASE_URL: 'postgres://skillway@db.example.org/skillway' } };
      expect(await cli([...args], io)).toBe(2);
      expect(io.err.join('')).toContain('DATABASE_URL is set: the database is PostgreSQL');
    }
  });
});
