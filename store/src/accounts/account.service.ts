import type { Kysely } from 'kysely';
import type { UserRole } from '@skillway/core';
import type { DB, UserTokenPurpose } from '../database';
import { appendAudit } from './audit-log.repository';
import type { Mailer } from './mailer';
import {
  hashPassword,
  needsRehash,
  passwordLengthProblem,
  verifyAgainstDummy,
  verifyPassword,
  type ScryptParams,
  DEFAULT_SCRYPT_PARAMS,
} from './password-hasher';
import { conflict, invalid, unauthorised } from './service-errors';
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
  /** Builds the link a mail points at, e.g. `${PUBLIC_URL}/account/reset?token=…`. */
  linkFor?: (purpose: UserTokenPurpose, token: string) => string;
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

const defaultLink = (purpose: UserTokenPurpose, token: string) =>
  `/account/${purpose === 'verify-email' ? 'verify' : 'reset'}?token=${encodeURIComponent(token)}`;

/** Sign-up, sign-in, sessions, password changes, and the hooks for e-mail verification and reset. */
export class AccountService {
  private readonly now: () => Date;
  private readonly sessionTtlMs: number;
  private readonly scrypt: ScryptParams;
  private readonly linkFor: (purpose: UserTokenPurpose, token: string) => string;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly options: AccountServiceOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.sessionTtlMs = options.sessionTtlMs ?? SESSION_TTL_MS;
    this.scrypt = options.scrypt ?? DEFAULT_SCRYPT_PARAMS;
    this.linkFor = options.linkFor ?? defaultLink;
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

  /** Self-service sign-up always makes a provider; moderators are created with the CLI. */
  signUp(input: { email: string; password: string; name?: string | null }): Promise<UserRow> {
    return this.createUser({ ...input, role: 'provider' }, { action: 'user.signup', actorId: null });
  }

  /** Sign-up followed by a session, without checking the password just hashed a second time. */
  async signUpAndOpenSession(input: { email: string; password: string; name?: string | null }) {
    return this.openSession(await this.signUp(input));
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

  /** Housekeeping: forgets sessions that ended more than `keepDays` ago. */
  async pruneSessions(keepDays = 30): Promise<number> {
    return deleteSessionsEndedBefore(
      this.db,
      new Date(this.now().getTime() - keepDays * 24 * 60 * 60 * 1000).toISOString(),
    );
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

  /** Sends a verification link (to the log until a mail transport is configured). */
  async requestEmailVerification(userId: number): Promise<void> {
    const user = await findUserById(this.db, userId);
    if (!user || user.email_verified_at) return;
    const token = await this.issueToken(user.id, 'verify-email');
    await this.options.mailer.send({
      to: user.email,
      subject: 'Confirm your e-mail address for Skillway',
      text: `Open this link to confirm your address: ${this.linkFor('verify-email', token)}`,
    });
  }

  async verifyEmail(token: string): Promise<UserRow> {
    const at = this.now().toISOString();
    const user = await this.db.transaction().execute(async (trx) => {
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
    await this.options.mailer.send({
      to: user.email,
      subject: 'Reset your Skillway password',
      text: `Open this link within an hour to choose a new password: ${this.linkFor('reset-password', token)}`,
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
