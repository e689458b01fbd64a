import { timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import type { FastifyContextConfig, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { CSRF_HEADER, SESSION_COOKIE, type Session, type UserRole } from '@skillway/core';
import type { Authenticated, NewSessionResult, UserRow } from '@skillway/store';
import { HttpProblem } from '../problems/problem';

type RouteLimit = Pick<FastifyContextConfig, 'rateLimit'>;

/** The hooks requireSession made: the OpenAPI document marks the routes that use them as needing the session cookie. */
export const SESSION_HOOKS = new WeakSet<object>();

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook (before the body is even read): a signed-in user (401), the CSRF header on writes (403), and the role when given (403) */
    requireSession(options?: { role?: UserRole }): onRequestAsyncHookHandler;
    /** sets the session cookie and answers the session document */
    startSession(request: FastifyRequest, reply: FastifyReply, session: NewSessionResult): Session;
    clearSessionCookie(reply: FastifyReply): void;
    /** per-route limits for sign-in and sign-up (per client address) and for submissions (per account) */
    authRateLimits: { signIn: RouteLimit; submit: RouteLimit };
  }
  interface FastifyRequest {
    /** set by requireSession */
    session: Authenticated | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const MINUTE = 60_000;

export function toUser(user: UserRow) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    email_verified: user.email_verified_at !== null,
    created_at: user.created_at,
  };
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Accounts over HTTP: the session cookie (HTTP-only, SameSite=Lax, Secure when the request came over
 * https), the session check for routes that need one, CSRF by double submit (the token /me and
 * /auth/login return must come back in the x-skillway-csrf header on every cookie-authenticated write),
 * and the role check.
 *
 * AUTH_RATE_LIMIT_PER_MINUTE (default 10: sign-in and sign-up attempts per client address) and
 * SUBMIT_RATE_LIMIT_PER_MINUTE (default 20: submissions and edits per account). RATE_LIMIT_PER_MINUTE=0
 * turns these off with every other limit.
 */
export default fp(
  async (fastify) => {
    if (!fastify.hasDecorator('parseCookie')) await fastify.register(cookie);

    const { accounts } = fastify.services;
    fastify.decorateRequest('session', null);

    const limitsOn = fastify.config.rateLimit.global > 0;
    const { auth: signIn, submit } = fastify.config.rateLimit;
    fastify.decorate('authRateLimits', {
      signIn: limitsOn && signIn > 0 ? { rateLimit: { max: signIn, timeWindow: MINUTE } } : {},
      submit:
        limitsOn && submit > 0
          ? {
              rateLimit: {
                max: submit,
                timeWindow: MINUTE,
                // After requireSession, so the key is the account: a provider behind a shared address
                // (a refugee centre's network) is not throttled by their neighbours.
                hook: 'preHandler',
                keyGenerator: (request: FastifyRequest) =>
                  request.session ? `user:${request.session.user.id}` : `ip:${request.ip}`,
              },
            }
          : {},
    });

    fastify.decorate('requireSession', (options: { role?: UserRole } = {}) => {
      const handler: onRequestAsyncHookHandler = async (request) => {
        const session = await accounts.authenticate(request.cookies[SESSION_COOKIE]);
        if (!session) throw new HttpProblem(401, 'Sign in first: this needs an account.');
        if (!SAFE_METHODS.has(request.method)) {
          const given = request.headers[CSRF_HEADER];
          if (typeof given !== 'string' || !sameToken(given, session.csrf_token)) {
            throw new HttpProblem(
              403,
              `The ${CSRF_HEADER} header is missing or wrong: send the csrf_token from GET /me or POST /auth/login.`,
            );
          }
        }
        if (options.role && session.user.role !== options.role) {
          throw new HttpProblem(403, `This is for ${options.role}s only.`);
        }
        request.session = session;
      };
      SESSION_HOOKS.add(handler);
      return handler;
    });

    fastify.decorate('startSession', (request: FastifyRequest, reply: FastifyReply, session: NewSessionResult) => {
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        expires: new Date(session.expires_at),
      });
      reply.header('cache-control', 'no-store');
      return { user: toUser(session.user), csrf_token: session.csrf_token, expires_at: session.expires_at };
    });

    fastify.decorate('clearSessionCookie', (reply: FastifyReply) => {
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax' });
    });
  },
  { name: 'auth', dependencies: ['config', 'services', 'rate-limit'] },
);
