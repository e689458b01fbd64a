import { CSRF_HEADER, SESSION_COOKIE, type Session, type UserRole } from '@skillway/core';
import { AccountService, type Store } from '@skillway/store';
import { linkIn, type TestSmtpServer } from '@skillway/store/testing';
import type { TestApi } from '../../../testing/test-api';

export const PASSWORD = 'a long enough password';

// Bodies are checked by the tests' assertions, not by types: `any` keeps those assertions short.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * One person with a browser-like cookie jar of one cookie, over real HTTP. Sends the CSRF token it was
 * given on every write unless told otherwise (`csrf: false`, or a wrong value).
 */
export class TestClient {
  cookie: string | undefined;
  csrf: string | undefined;
  user: Session['user'] | undefined;

  constructor(private readonly api: TestApi) {}

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async call<T = any>(
    method: string,
    path: string,
    body?: unknown,
    options: { csrf?: false | string; headers?: Record<string, string>; rawBody?: string } = {},
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (body !== undefined || options.rawBody !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = `${SESSION_COOKIE}=${this.cookie}`;
    const csrf = options.csrf === undefined ? this.csrf : options.csrf;
    if (csrf) headers[CSRF_HEADER] = csrf;
    const res = await this.api.fetch(`/api/v1${path}`, {
      method,
      headers,
      body: options.rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = pair!.split('=');
      if (name === SESSION_COOKIE) this.cookie = value || undefined;
    }
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  }

  private remember(answer: Answer<Session>): Answer<Session> {
    if (answer.status < 300 && answer.body?.csrf_token) {
      this.csrf = answer.body.csrf_token;
      this.user = answer.body.user;
    }
    return answer;
  }

  async signUp(email: string, password = PASSWORD): Promise<Answer> {
    return this.remember(await this.call<Session>('POST', '/auth/signup', { email, password }));
  }

  async logIn(email: string, password = PASSWORD): Promise<Answer> {
    return this.remember(await this.call<Session>('POST', '/auth/login', { email, password }));
  }

  /** Follows the link of a verification e-mail: creates the account (or confirms it) and signs in. */
  async verifyEmail(token: string, headers: Record<string, string> = {}): Promise<Answer> {
    return this.remember(await this.call<Session>('POST', '/auth/verify-email', { token }, { headers }));
  }
}

/** The token of the link to `path` in the newest e-mail to `email` (the n-th with `after`). */
export async function tokenFromMail(smtp: TestSmtpServer, email: string, path: string, after = 0): Promise<string> {
  const mail = await smtp.waitFor(email, { after });
  const token = linkIn(mail, path).searchParams.get('token');
  if (!token) throw new Error(`the ${path} link in "${mail.subject}" has no token`);
  return token;
}

/** Signs up through the e-mail, as a person does: sign-up, the link in the mail, signed in. */
export async function signedUp(api: TestApi, smtp: TestSmtpServer, email: string, password = PASSWORD) {
  const client = new TestClient(api);
  const before = smtp.messages.filter((m) => m.to.includes(email.toLowerCase())).length;
  const answer = await client.signUp(email, password);
  if (answer.status !== 202) throw new Error(`sign-up of ${email} failed: ${JSON.stringify(answer.body)}`);
  const verified = await client.verifyEmail(await tokenFromMail(smtp, email, '/account/verify', before));
  if (verified.status !== 200) throw new Error(`verification of ${email} failed: ${JSON.stringify(verified.body)}`);
  return client;
}

/** Accounts that cannot sign up (moderators), made the way `npm run user:create` makes them. */
export async function createAccount(store: Pick<Store, 'db'>, email: string, role: UserRole): Promise<void> {
  const accounts = new AccountService(store.db, { mailer: { send: async () => {} } });
  await accounts.createUser({ email, password: PASSWORD, role }, { action: 'user.create', actorId: null });
}

/** Signs in a fresh client, failing loudly when it cannot. */
export async function signedIn(api: TestApi, email: string): Promise<TestClient> {
  const client = new TestClient(api);
  const answer = await client.logIn(email);
  if (answer.status !== 200) throw new Error(`sign-in of ${email} failed: ${JSON.stringify(answer.body)}`);
  return client;
}
