import { error, redirect, type Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE, type Session, type UiLanguage } from '@skillway/core';
import { m } from '$lib/paraglide/messages';
import { localizePath } from '$lib/i18n/routing';
import { ApiError, getMe, type UserContext } from './api';
import { parseSetCookie } from './session-cookies';

export { safeReturnPath } from './session-cookies';

/**
 * The visitor's session, as the API knows it. The browser holds the API's session cookie (this server
 * passes it through both ways); SvelteKit's own origin check on form posts and the SameSite cookie
 * guard this server's forms, and the API's CSRF token is fetched here and never reaches the browser.
 */

/** What a server load or action needs of its event. */
export interface SessionEvent {
  cookies: Cookies;
  url: URL;
  locals: App.Locals;
  getClientAddress(): string;
}

/** The layout and the page ask in the same request: one GET /me answers both. */
const perRequest = new WeakMap<App.Locals, Promise<Session | null>>();

/** The signed-in session, or null (no cookie, or one the API no longer accepts: then it is dropped). */
export function currentSession(event: SessionEvent): Promise<Session | null> {
  const known = perRequest.get(event.locals);
  if (known) return known;
  const token = event.cookies.get(SESSION_COOKIE);
  const lookup = token
    ? getMe({ sessionToken: token, clientAddress: event.getClientAddress() }).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 401) {
          event.cookies.delete(SESSION_COOKIE, cookieScope(event.url));
          return null;
        }
        throw e;
      })
    : Promise.resolve(null);
  perRequest.set(event.locals, lookup);
  return lookup;
}

/** The context for calls made as the visitor: their cookie, the CSRF token for writes, their address. */
export function userContext(event: SessionEvent, session: Session): UserContext {
  return {
    sessionToken: event.cookies.get(SESSION_COOKIE),
    csrfToken: session.csrf_token,
    clientAddress: event.getClientAddress(),
  };
}

function cookieScope(url: URL) {
  // The API sees plain http from this server, so it never marks the cookie Secure: this server does,
  // when the visitor came over https.
  return { path: '/', secure: url.protocol === 'https:' };
}

/** Hands the cookies the API set (a new session, or its end) on to the browser. */
export function passCookies(event: Pick<SessionEvent, 'cookies' | 'url' | 'locals'>, setCookies: string[]): void {
  for (const line of setCookies) {
    const cookie = parseSetCookie(line);
    if (!cookie) continue;
    const scope = { ...cookieScope(event.url), path: cookie.path ?? '/' };
    const ended =
      cookie.value === '' ||
      (cookie.maxAge !== undefined && cookie.maxAge <= 0) ||
      (cookie.expires?.getTime() ?? 1) <= Date.now();
    if (ended) {
      event.cookies.delete(cookie.name, scope);
    } else {
      event.cookies.set(cookie.name, cookie.value, {
        ...scope,
        httpOnly: cookie.httpOnly,
        sameSite: cookie.sameSite ?? 'lax',
        ...(cookie.expires && { expires: cookie.expires }),
        ...(cookie.maxAge !== undefined && { maxAge: cookie.maxAge }),
        // The value is the API's, byte for byte.
        encode: (v: string) => v,
      });
    }
  }
  // Whatever this request learnt about the session before is out of date now.
  perRequest.delete(event.locals);
}

/** Drops the session cookie in the browser (after signing out, whatever the API answered). */
export function forgetSession(event: Pick<SessionEvent, 'cookies' | 'url' | 'locals'>): void {
  event.cookies.delete(SESSION_COOKIE, cookieScope(event.url));
  perRequest.delete(event.locals);
}

export function signInPath(locale: UiLanguage, next?: string): string {
  const path = localizePath('/account/signin', locale);
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}

/** The session, or a redirect to sign in that comes back here afterwards. */
export async function requireSession(event: SessionEvent): Promise<Session> {
  let session: Session | null;
  try {
    session = await currentSession(event);
  } catch {
    // The API cannot say who this is: a clear "try later", not a crash.
    error(503, { message: m.error_unavailable() });
  }
  // A form action's own query (`?/approve`) is no page to come back to.
  const search = event.url.search.startsWith('?/') ? '' : event.url.search;
  if (!session) redirect(303, signInPath(event.locals.locale, event.url.pathname + search));
  return session;
}

/** A moderator's session; anyone else signed in gets a 403 page that says why. */
export async function requireModerator(event: SessionEvent): Promise<Session> {
  const session = await requireSession(event);
  if (session.user.role !== 'moderator') error(403, { message: m.moderation_forbidden() });
  return session;
}
