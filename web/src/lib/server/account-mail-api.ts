import { CSRF_HEADER, SESSION_COOKIE, type Session } from '@skillway/core';
import {
  ApiError,
  ApiUnavailableError,
  apiBaseUrl,
  setCookiesOf,
  type RequestContext,
  type UserContext,
  type WithCookies,
} from './api';
import { apiHttp, type ApiHttpAnswer } from './api-http';

/**
 * The API calls behind e-mail verification, password reset and listing claims. Kept beside api.ts
 * (the one module that talks to the API) with the same errors; it can fold into api.ts.
 */

const REQUEST_TIMEOUT_MS = 10_000;

async function send<T>(
  path: string,
  ctx: UserContext,
  init: { method?: string; body?: unknown } = {},
): Promise<WithCookies<T>> {
  const method = init.method ?? 'GET';
  // Uncompressed, as api.ts asks (the bytes cost less than inflating them here).
  const headers: Record<string, string> = { accept: 'application/json', 'accept-encoding': 'identity' };
  if (ctx.clientAddress) headers['x-forwarded-for'] = ctx.clientAddress;
  if (ctx.sessionToken) headers.cookie = `${SESSION_COOKIE}=${ctx.sessionToken}`;
  if (method !== 'GET' && ctx.csrfToken) headers[CSRF_HEADER] = ctx.csrfToken;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let answer: ApiHttpAnswer;
  try {
    answer = await apiHttp(`${apiBaseUrl()}/api/v1${path}`, {
      method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
  } catch (cause) {
    throw new ApiUnavailableError(path, cause);
  }
  let body: unknown;
  try {
    body = answer.text ? JSON.parse(answer.text) : undefined;
  } catch {
    body = undefined;
  }
  if (answer.status < 200 || answer.status > 299)
    throw new ApiError(answer.status, (body as ApiError['problem']) ?? null, path);
  return { body: body as T, setCookies: setCookiesOf(answer) };
}

export interface Accepted {
  message: string;
}

/** POST /auth/signup: 202 whether or not the address has an account. */
export function startSignUp(
  body: { email: string; password: string; name?: string },
  ctx: RequestContext = {},
): Promise<WithCookies<Accepted>> {
  return send<Accepted>('/auth/signup', ctx, { method: 'POST', body });
}

/** POST /auth/verify-email: creates or confirms the account and signs in (Set-Cookie). */
export function verifyEmail(token: string, ctx: RequestContext = {}): Promise<WithCookies<Session>> {
  return send<Session>('/auth/verify-email', ctx, { method: 'POST', body: { token } });
}

export function requestVerification(ctx: UserContext): Promise<WithCookies<Accepted>> {
  return send<Accepted>('/auth/verify-email/request', ctx, { method: 'POST' });
}

export function requestPasswordReset(email: string, ctx: RequestContext = {}): Promise<WithCookies<Accepted>> {
  return send<Accepted>('/auth/password-reset/request', ctx, { method: 'POST', body: { email } });
}

export function resetPassword(token: string, newPassword: string, ctx: RequestContext = {}): Promise<void> {
  return send<void>('/auth/password-reset', ctx, {
    method: 'POST',
    body: { token, new_password: newPassword },
  }).then(() => undefined);
}

/** Generic calls for the claim pages (JSON in, JSON out), as the signed-in visitor. */
export function getAsUser<T>(path: string, ctx: UserContext): Promise<T> {
  return send<T>(path, ctx).then((r) => r.body);
}
export function postAsUser<T>(path: string, ctx: UserContext, body?: unknown): Promise<T> {
  return send<T>(path, ctx, { method: 'POST', body }).then((r) => r.body);
}
export function deleteAsUser<T>(path: string, ctx: UserContext): Promise<T> {
  return send<T>(path, ctx, { method: 'DELETE' }).then((r) => r.body);
}
