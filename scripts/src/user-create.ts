import { parseArgs } from 'node:util';
import { DomainError, USER_ROLES, type UserRole } from '@skillway/core';
import { AccountService, databaseLocationFromEnv, openStore, openStoreAt } from '@skillway/store';

export const USAGE = `Usage: npm run user:create -- --email <address> [--role provider|moderator] [--name <text>] [--db <path>]

Creates an account. The password comes from SKILLWAY_PASSWORD or, in a terminal, from a hidden prompt;
there is no default password. The database is --db (a SQLite file), else DATABASE_URL (PostgreSQL), else
DATABASE_PATH, else var/skillway.db.`;

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadStream;
  stdout: { write(text: string): unknown };
  stderr: NodeJS.WriteStream | { write(text: string): unknown; isTTY?: boolean };
}

export class UsageError extends Error {}

/** Reads a line from a terminal without echoing it. Ctrl-C and Ctrl-D abort. */
export function promptHidden(question: string, io: Pick<CliIo, 'stdin' | 'stderr'>): Promise<string> {
  const { stdin, stderr } = io;
  return new Promise((resolve, reject) => {
    // Echo off before the question shows: whatever is typed after seeing it must never be echoed.
    stdin.setRawMode(true);
    stderr.write(question);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const finish = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003' || char === '\u0004') return finish(new UsageError('cancelled'));
        if (char === '\u007f' || char === '\b') value = [...value].slice(0, -1).join('');
        else if (char >= ' ') value += char;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPassword(io: CliIo): Promise<string> {
  const fromEnv = io.env.SKILLWAY_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!io.stdin.isTTY) {
    throw new UsageError(
      'No password given: set SKILLWAY_PASSWORD, or run this in a terminal to type it at a hidden prompt.',
    );
  }
  const first = await promptHidden('Password (12 to 256 characters): ', io);
  const second = await promptHidden('Same password again: ', io);
  if (first !== second) throw new UsageError('The two passwords differ; nothing was created.');
  return first;
}

/** The CLI behind `npm run user:create`; returns the exit code. */
export async function userCreate(argv: string[], io: CliIo): Promise<number> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        email: { type: 'string' },
        role: { type: 'string', default: 'provider' },
        name: { type: 'string' },
        db: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
    if (values.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (!values.email) throw new UsageError('--email is required.');
    if (!(USER_ROLES as readonly string[]).includes(values.role!)) {
      throw new UsageError(`--role must be one of ${USER_ROLES.join(', ')}, not "${values.role}".`);
    }
    const password = await readPassword(io);
    const store = values.db ? await openStore(values.db) : await openStoreAt(databaseLocationFromEnv(io.env));
    try {
      const accounts = new AccountService(store.db, {
        mailer: { send: async () => {} },
      });
      const user = await accounts.createUser(
        { email: values.email, password, role: values.role as UserRole, name: values.name ?? null },
        { action: 'user.create', actorId: null },
      );
      io.stdout.write(`Created ${user.role} ${user.email} (id ${user.id}) in ${store.path}\n`);
      return 0;
    } finally {
      await store.close();
    }
  } catch (error) {
    if (error instanceof DomainError) {
      const fields = error.errors.map((e) => `\n  ${e.field}: ${e.reason}`).join('');
      io.stderr.write(`user:create: ${error.message}${fields}\n`);
      return 1;
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`user:create: ${(error as Error).message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
}
