/** The pure parts of passing a session through: reading the API's Set-Cookie, and safe return paths. */

export interface ParsedSetCookie {
  name: string;
  value: string;
  path?: string;
  expires?: Date;
  maxAge?: number;
  httpOnly: boolean;
  sameSite?: 'lax' | 'strict' | 'none';
}

/** One Set-Cookie line as the API writes it (name=value; Path=/; Expires=…; HttpOnly; SameSite=Lax). */
export function parseSetCookie(line: string): ParsedSetCookie | null {
  const [pair, ...attributes] = line.split(';').map((part) => part.trim());
  const eq = pair?.indexOf('=') ?? -1;
  if (!pair || eq <= 0) return null;
  const cookie: ParsedSetCookie = {
    name: pair.slice(0, eq),
    // Kept as sent: it goes back to the browser byte for byte.
    value: pair.slice(eq + 1),
    httpOnly: false,
  };
  for (const attribute of attributes) {
    const [rawKey, ...rest] = attribute.split('=');
    const key = rawKey!.toLowerCase();
    const value = rest.join('=');
    if (key === 'path') cookie.path = value;
    else if (key === 'expires' && !Number.isNaN(Date.parse(value))) cookie.expires = new Date(value);
    else if (key === 'max-age' && /^-?\d+$/.test(value)) cookie.maxAge = Number(value);
    else if (key === 'httponly') cookie.httpOnly = true;
    else if (key === 'samesite' && /^(lax|strict|none)$/i.test(value))
      cookie.sameSite = value.toLowerCase() as ParsedSetCookie['sameSite'];
  }
  return cookie;
}

/**
 * Where to go after signing in: a path on this site only (never another host: `//evil.example` or
 * `https://…` fall back), else the default.
 */
export function safeReturnPath(next: string | null | undefined, fallback: string): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  try {
    const url = new URL(next, 'http://skillway.invalid');
    if (url.origin !== 'http://skillway.invalid') return fallback;
    return url.pathname + url.search;
  } catch {
    return fallback;
  }
}
