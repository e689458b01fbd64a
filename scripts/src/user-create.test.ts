import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountService, listAudit, openStore } from '@skillway/store';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const PASSWORD = 'moderators need long passwords';

let dir: string;
let dbPath: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'skillway-user-create-'));
  dbPath = join(dir, 'skillway.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The real command, as `npm run user:create` runs it, with stdin a pipe (not a terminal). */
function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(TSX, ['scripts/user-create.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: dbPath, SKILLWAY_PASSWORD: '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end();
  });
}

async function users() {
  const store = await openStore(dbPath);
  try {
    return await store.db.selectFrom('user_account').select(['email', 'role', 'password_hash']).execute();
  } finally {
    await store.close();
  }
}

async function canSignIn(email: string, password: string): Promise<boolean> {
  const store = await openStore(dbPath);
  try {
    await new AccountService(store.db, { mailer: { send: async () => {} } }).logIn({ email, password });
    return true;
  } catch {
    return false;
  } finally {
    await store.close();
  }
}

describe('npm run user:create', () => {
  it('creates the first moderator with the password from SKILLWAY_PASSWORD, and audits it', async () => {
    const result = await run(['--email', 'Mod@Example.org', '--role', 'moderator'], { SKILLWAY_PASSWORD: PASSWORD });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('Created moderator mod@example.org (id 1)');
    const [user] = await users();
    expect(user).toMatchObject({ email: 'mod@example.org', role: 'moderator' });
    expect(user!.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await canSignIn('mod@example.org', PASSWORD)).toBe(true);
    const store = await openStore(dbPath);
    const [audit] = await listAudit(store.db, { subject_type: 'user' });
    await store.close();
    expect(audit).toMatchObject({ action: 'user.create', actor_id: null });
  });

  it('refuses to run without a password source, and never falls back to a default', async () => {
    const result = await run(['--email', 'mod@example.org', '--role', 'moderator']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('No password given: set SKILLWAY_PASSWORD, or run this in a terminal');
    expect(await users()).toEqual([]);
  });

  it('explains bad arguments and bad values', async () => {
    expect(await run(['--role', 'moderator'], { SKILLWAY_PASSWORD: PASSWORD })).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--email is required.'),
    });
    expect(await run(['--email', 'a@example.org', '--role', 'admin'], { SKILLWAY_PASSWORD: PASSWORD })).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--role must be one of provider, moderator, not "admin"'),
    });
    expect(await run(['--email', 'a@example.org'], { SKILLWAY_PASSWORD: 'short' })).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('password: must be at least 12 characters long'),
    });
    await run(['--email', 'a@example.org'], { SKILLWAY_PASSWORD: PASSWORD });
    expect(await run(['--email', 'A@example.org'], { SKILLWAY_PASSWORD: PASSWORD })).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('email: is already registered'),
    });
  });

  it('asks twice at a hidden prompt in a terminal, without echoing the password', async () => {
    // util-linux `script` gives the command a real pseudo-terminal; we type into it.
    const command = `${TSX} scripts/user-create.ts --email tty@example.org --role moderator`;
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: dbPath, SKILLWAY_PASSWORD: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    const waitFor = (text: string) =>
      new Promise<void>((done) => {
        const check = () => {
          if (output.includes(text)) {
            child.stdout.off('data', check);
            done();
          }
        };
        child.stdout.on('data', check);
        check();
      });
    child.stdout.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((done) => child.on('close', done));

    await waitFor('Password (12 to 256 characters): ');
    child.stdin.write(`${PASSWORD}\r`);
    await waitFor('Same password again: ');
    child.stdin.write(`${PASSWORD}\r`);
    expect(await exited).toBe(0);
    child.stdin.end();
    expect(output).toContain('Created moderator tty@example.org');
    expect(output).not.toContain(PASSWORD);
    expect(await canSignIn('tty@example.org', PASSWORD)).toBe(true);
  });
});
