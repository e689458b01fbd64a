import type { Kysely } from 'kysely';
import type { UserRole } from '@skillway/core';
import type { DB, UserTokenPurpose } from '../database';
import { appendAudit } from './audit-log.repository';
import type { Mailer, MailMessage } from './mailer';
import {
  hashPassword,
  needsRehash,
  passwordLengthProblem,
  verifyAgainstDummy,
  verifyPassword,
  type ScryptParams,
  DEFAULT_SCRYPT_PARAMS,
} from './password-hasher';
import { conflict, invalid, unauthorised, unavailable } from './service-errors';
import {
  deleteSessionsEndedBefore,
  findActiveSession,
  insertSession,
  revokeSessionByHash,
  revokeSessionsOfUser,
  type ActiveSession,
} from './session.repository';
import { csrfTokenFor, generateToken, hashToken } from './session-token';
import {
  findCredentialsByEmail,
  findPasswordHash,
  findUserByEmail,
  findUserById,
  insertUser,
  markEmailVerified,
  normaliseEmail,
  replacePasswordHash,
  updatePasswordHash,
  type UserRow,
} from './user.repository';
import { consumeUserToken, insertUserToken, retireUserTokens } from './user-token.repository';
import {
  consumePendingSignup,
  deletePendingSignupsEndedBefore,
  replacePendingSignup,
} from './pending-signup.repository';

export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;
const TOKEN_TTL_MS: Record<UserTokenPurpose, number> = {
  'verify-email': 3 * 24 * 60 * 60 * 1000,
  'reset-password': 60 * 60 * 1000,
};

export interface AccountServiceOptions {
  mailer: Mailer;
  /** Injected so tests can move time (expiry) without waiting. */
  now?: () => Date;
  sessionTtlMs?: number;
  scrypt?: ScryptParams;
  /** The web app's address that links in mail start with, e.g. `https://skillway.example` (no trailing slash). */
  webUrl?: string;
}

export interface NewSessionResult {
  user: UserRow;
  /** The cookie value. Never stored; only its SHA-256 is. */
  token: string;
  csrf_token: string;
  expires_at: string;
}

export interface Authenticated extends ActiveSession {
  csrf_token: string;
}

/** The web pages that mail links to. */
export const MAIL_PATHS = { verify: '/account/verify', reset: '/account/reset', signIn: '/account/signin' } as const;

/** What a sign-up answers, whether or not the address has an account (issue 16: no enumeration). */
/** What a caller sees when the mail server fails: the same words for every address, never the SMTP error. */
export const MAIL_FAILED = 'We could not send the e-mail just now. Please try again in a few minutes.';

export const SIGNUP_ACCEPTED =
  'Check your e-mail: we have sent a message to this address. Follow the link in it to finish signing up.';

/** Sign-up, sign-in, sessions, password changes, and the hooks for e-mail verification and reset. */
export class AccountService {
  private readonly now: () => Date;
  private readonly sessionTtlMs: number;
  private readonly scrypt: ScryptParams;
  private readonly webUrl: string;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly options: AccountServiceOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.sessionTtlMs = options.sessionTtlMs ?? SESSION_TTL_MS;
    this.scrypt = options.scrypt ?? DEFAULT_SCRYPT_PARAMS;
    this.webUrl = (options.webUrl ?? '').replace(/\/+$/, '');
  }

  /** The mailer this service sends with, for other services that write to the same people. */
  get mailer(): Mailer {
    return this.options.mailer;
  }

  /** A mail that cannot be sent is an `unavailable` domain error (503 in the API); the cause is kept for the log. */
  private async sendMail(message: MailMessage): Promise<void> {
    try {
      await this.options.mailer.send(message);
    } catch (error) {
      throw unavailable(MAIL_FAILED, error);
    }
  }

  private checkPassword(password: string, field: string): void {
    const problem = passwordLengthProblem(password);
    if (problem) throw invalid(`The ${field.replace('_', ' ')} is not acceptable.`, [{ field, reason: problem }]);
  }

  /**
   * Creates an account. `actorId` null means the system (the CLI); a sign-up is its own actor. The
   * password is hashed before the transaction so the database is not held during scrypt.
   */
  async createUser(
    input: { email: string; password: string; role: UserRole; name?: string | null },
    audit: { action: 'user.signup' | 'user.create'; actorId: number | null },
  ): Promise<UserRow> {
    this.checkPassword(input.password, 'password');
    const email = normaliseEmail(input.email);
    const passwordHash = await hashPassword(input.password, this.scrypt);
    const at = this.now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      if (await findUserByEmail(trx, email)) {
        throw conflict('An account with this e-mail address exists already.', [
          { field: 'email', reason: 'is already registered' },
        ]);
      }
      const user = await insertUser(trx, {
        email,
        name: input.name?.trim() || null,
        role: input.role,
        password_hash: passwordHash,
        at,
      });
      await appendAudit(trx, {
        at,
        actor_id: audit.actorId ?? (audit.action === 'user.signup' ? user.id : null),
        action: audit.action,
        subject_type: 'user',
        subject_id: user.id,
        changes: [
          { field: 'email', after: user.email },
          { field: 'role', after: user.role },
          ...(user.name ? [{ field: 'name', after: user.name }] : []),
        ],
      });
      return user;
    });
  }

  private link(path: string, token?: string): string {
    return `${this.webUrl}${path}${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`;
  }

  /**
   * Self-service sign-up (always a provider; moderators are made with the CLI). Nothing is created
   * yet: the address gets a link, and the account exists once the link is followed (verifyEmail). When
   * the address has an account already, the e-mail says so instead. The caller answers SIGNUP_ACCEPTED
   * either way, after the same work (the password is hashed in both cases).
   */
  async signUp(input: { email: string; password: string; name?: string | null }): Promise<void> {
    this.checkPassword(input.password, 'password');
    const email = normaliseEmail(input.email);
    const passwordHash = await hashPassword(input.password, this.scrypt);
    const existing = await findUserByEmail(this.db, email);
    if (existing) {
      await this.sendMail({
        to: existing.email,
        kind: 'signup-existing',
        subject: 'You already have a Skillway account',
        text: [
          'Someone (probably you) tried to create a Skillway account with this e-mail address.',
          'You already have an account with this address, so nothing has changed.',
          '',
          `Sign in: ${this.link(MAIL_PATHS.signIn)}`,
          `Forgot your password? Choose a new one: ${this.link(MAIL_PATHS.reset)}`,
          '',
          'If it was not you, you can ignore this message.',
        ].join('\n'),
      });
      return;
    }
    const token = generateToken();
    const now = this.now();
    await this.db.transaction().execute((trx) =>
      replacePendingSignup(trx, {
        email,
        name: input.name?.trim() || null,
        password_hash: passwordHash,
        token_hash: hashToken(token),
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + TOKEN_TTL_MS['verify-email']).toISOString(),
      }),
    );
    await this.sendMail({
      to: email,
      kind: 'verify-email',
      subject: 'Confirm your e-mail address for Skillway',
      text: [
        'Welcome to Skillway.',
        '',
        `Open this link within 3 days to confirm your address and finish creating your account:`,
        this.link(MAIL_PATHS.verify, token),
        '',
        'If you did not sign up, you can ignore this message: no account is created without the link.',
      ].join('\n'),
    });
  }

  /** One message for an unknown e-mail and a wrong password, and the same work for both. */
  async logIn(input: { email: string; password: string }): Promise<NewSessionResult> {
    const credentials = await findCredentialsByEmail(this.db, input.email);
    const ok = credentials
      ? await verifyPassword(input.password, credentials.password_hash)
      : await verifyAgainstDummy(input.password);
    if (!credentials || !ok) throw unauthorised('The e-mail address or the password is wrong.');
    const { password_hash, ...user } = credentials;
    if (needsRehash(password_hash, this.scrypt)) {
      await replacePasswordHash(this.db, user.id, await hashPassword(input.password, this.scrypt));
    }
    return this.openSession(user);
  }

  private async openSession(user: UserRow): Promise<NewSessionResult> {
    const token = generateToken();
    const now = this.now();
    const expiresAt = new Date(now.getTime() + this.sessionTtlMs).toISOString();
    await insertSession(this.db, {
      user_id: user.id,
      token_hash: hashToken(token),
      created_at: now.toISOString(),
      expires_at: expiresAt,
    });
    return { user, token, csrf_token: csrfTokenFor(token), expires_at: expiresAt };
  }

  /** The session behind a cookie value, or undefined when it is unknown, revoked or expired. */
  async authenticate(token: string | undefined): Promise<Authenticated | undefined> {
    if (!token || token.length > 200) return undefined;
    const session = await findActiveSession(this.db, hashToken(token), this.now().toISOString());
    return session && { ...session, csrf_token: csrfTokenFor(token) };
  }

  async logOut(token: string): Promise<void> {
    await revokeSessionByHash(this.db, hashToken(token), this.now().toISOString());
  }

  /** Housekeeping: forgets sessions and unconfirmed sign-ups that ended more than `keepDays` ago. */
  async pruneSessions(keepDays = 30): Promise<number> {
    const before = new Date(this.now().getTime() - keepDays * 24 * 60 * 60 * 1000).toISOString();
    await deletePendingSignupsEndedBefore(this.db, before);
    return deleteSessionsEndedBefore(this.db, before);
  }

  /** Changing the password ends every other session (a thief's included); the current one stays. */
  async changePassword(
    session: { session_id: number; user: { id: number } },
    input: { current_password: string; new_password: string },
  ): Promise<void> {
    this.checkPassword(input.new_password, 'new_password');
    const stored = await findPasswordHash(this.db, session.user.id);
    if (!stored || !(await verifyPassword(input.current_password, stored))) {
      throw invalid('The current password is wrong.', [{ field: 'current_password', reason: 'is wrong' }]);
    }
    if (await verifyPassword(input.new_password, stored)) {
      throw invalid('The new password is the same as the current one.', [
        { field: 'new_password', reason: 'must differ from the current password' },
      ]);
    }
    const passwordHash = await hashPassword(input.new_password, this.scrypt);
    const at = this.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await updatePasswordHash(trx, session.user.id, passwordHash, at);
      const revoked = await revokeSessionsOfUser(trx, session.user.id, session.session_id, at);
      await appendAudit(trx, {
        at,
        actor_id: session.user.id,
        action: 'user.password-change',
        subject_type: 'user',
        subject_id: session.user.id,
        changes: [{ field: 'password' }, { field: 'other_sessions_revoked', after: revoked }],
      });
    });
  }

  private async issueToken(userId: number, purpose: UserTokenPurpose): Promise<string> {
    const token = generateToken();
    const now = this.now();
    await this.db.transaction().execute(async (trx) => {
      await retireUserTokens(trx, userId, purpose, now.toISOString());
      await insertUserToken(trx, {
        user_id: userId,
        purpose,
        token_hash: hashToken(token),
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + TOKEN_TTL_MS[purpose]).toISOString(),
      });
    });
    return token;
  }

  /** Sends a verification link to an account made before sign-up needed one (or by the CLI). */
  async requestEmailVerification(userId: number): Promise<void> {
    const user = await findUserById(this.db, userId);
    if (!user || user.email_verified_at) return;
    const token = await this.issueToken(user.id, 'verify-email');
    await this.sendMail({
      to: user.email,
      kind: 'verify-email',
      subject: 'Confirm your e-mail address for Skillway',
      text: [
        'Open this link within 3 days to confirm your e-mail address for Skillway:',
        this.link(MAIL_PATHS.verify, token),
      ].join('\n'),
    });
  }

  /**
   * Follows a link from a verification e-mail: creates the account of a sign-up waiting for it, or
   * marks an existing account's address confirmed. Opens a session: the link proves the address.
   */
  async verifyEmailAndOpenSession(token: string): Promise<NewSessionResult> {
    return this.openSession(await this.verifyEmail(token));
  }

  async verifyEmail(token: string): Promise<UserRow> {
    const at = this.now().toISOString();
    const user = await this.db.transaction().execute(async (trx) => {
      const signup = await consumePendingSignup(trx, hashToken(token), at);
      if (signup) {
        // Someone finished another sign-up for this address first: this link is spent.
        if (await findUserByEmail(trx, signup.email)) return undefined;
        const user = await insertUser(trx, {
          email: signup.email,
          name: signup.name,
          role: 'provider',
          password_hash: signup.password_hash,
          at,
        });
        await markEmailVerified(trx, user.id, at);
        await appendAudit(trx, {
          at,
          actor_id: user.id,
          action: 'user.signup',
          subject_type: 'user',
          subject_id: user.id,
          changes: [
            { field: 'email', after: user.email },
            { field: 'role', after: user.role },
            ...(user.name ? [{ field: 'name', after: user.name }] : []),
            { field: 'email_verified_at', after: at },
          ],
        });
        return findUserById(trx, user.id);
      }
      const userId = await consumeUserToken(trx, 'verify-email', hashToken(token), at);
      if (userId === undefined) return undefined;
      await markEmailVerified(trx, userId, at);
      await appendAudit(trx, {
        at,
        actor_id: userId,
        action: 'user.email-verified',
        subject_type: 'user',
        subject_id: userId,
        changes: [{ field: 'email_verified_at', after: at }],
      });
      return findUserById(trx, userId);
    });
    if (!user)
      throw invalid('The link is not valid any more.', [{ field: 'token', reason: 'is unknown, used or expired' }]);
    return user;
  }

  /** Says nothing about whether the address has an account: the caller answers the same either way. */
  async requestPasswordReset(email: string): Promise<void> {
    const user = await findUserByEmail(this.db, email);
    if (!user) return;
    const token = await this.issueToken(user.id, 'reset-password');
    await this.sendMail({
      to: user.email,
      kind: 'reset-password',
      subject: 'Reset your Skillway password',
      text: [
        'Someone (probably you) asked to reset the password of your Skillway account.',
        '',
        'Open this link within an hour to choose a new password:',
        this.link(MAIL_PATHS.reset, token),
        '',
        'If it was not you, you can ignore this message: your password stays as it is.',
      ].join('\n'),
    });
  }

  /** Sets a new password from a reset link and ends every session of the account. */
  async resetPassword(input: { token: string; new_password: string }): Promise<UserRow> {
    this.checkPassword(input.new_password, 'new_password');
    const passwordHash = await hashPassword(input.new_password, this.scrypt);
    const at = this.now().toISOString();
    const user = await this.db.transaction().execute(async (trx) => {
      const userId = await consumeUserToken(trx, 'reset-password', hashToken(input.token), at);
      if (userId === undefined) return undefined;
      await updatePasswordHash(trx, userId, passwordHash, at);
      const revoked = await revokeSessionsOfUser(trx, userId, null, at);
      // Following the link proves the address, as a verification link would.
      await markEmailVerified(trx, userId, at);
      await appendAudit(trx, {
        at,
        actor_id: userId,
        action: 'user.password-reset',
        subject_type: 'user',
        subject_id: userId,
        changes: [{ field: 'password' }, { field: 'other_sessions_revoked', after: revoked }],
      });
      return findUserById(trx, userId);
    });
    if (!user)
      throw invalid('The link is not valid any more.', [{ field: 'token', reason: 'is unknown, used or expired' }]);
    return user;
  }
}
