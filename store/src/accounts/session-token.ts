import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: the value of the session cookie and of single-use e-mail tokens. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps instead of a token: a stolen database hands out no live session or link. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * The CSRF token that belongs to a session (double submit): derived from the session token, so the
 * server needs no extra state, and one-way, so a page showing it does not leak the session. A forged
 * cross-site request carries the cookie but cannot know this value to put it in a header.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`skillway-csrf\0${sessionToken}`, 'utf8').digest('base64url');
}
