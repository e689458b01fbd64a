import { describe, expect, it } from 'vitest';
import { parseSetCookie, safeReturnPath } from './session-cookies';

describe('parseSetCookie', () => {
  it('reads the session cookie the API sets on sign-in', () => {
    const cookie = parseSetCookie(
      'skillway_session=abc-DEF_123; Path=/; Expires=Sun, 06 Dec 2026 10:00:00 GMT; HttpOnly; SameSite=Lax',
    );
    expect(cookie).toEqual({
      name: 'skillway_session',
      value: 'abc-DEF_123',
      path: '/',
      expires: new Date('2026-12-06T10:00:00Z'),
      httpOnly: true,
      sameSite: 'lax',
    });
  });

  it('reads the cleared cookie of a sign-out, and keeps values with = in them whole', () => {
    expect(parseSetCookie('skillway_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax')).toMatchObject({
      value: '',
      maxAge: 0,
    });
    expect(parseSetCookie('a=b=c; Path=/x')).toMatchObject({ name: 'a', value: 'b=c', path: '/x', httpOnly: false });
  });

  it('ignores lines that are not cookies and attributes it does not know', () => {
    expect(parseSetCookie('')).toBeNull();
    expect(parseSetCookie('=value')).toBeNull();
    expect(parseSetCookie('novalue')).toBeNull();
    expect(parseSetCookie('a=1; Secure; Priority=High; Expires=not a date')).toEqual({
      name: 'a',
      value: '1',
      httpOnly: false,
    });
  });
});

describe('safeReturnPath', () => {
  const fallback = '/provider';

  it('keeps a path on this site with its query', () => {
    expect(safeReturnPath('/ar/provider/new', fallback)).toBe('/ar/provider/new');
    expect(safeReturnPath('/moderation/submissions/4?x=1', fallback)).toBe('/moderation/submissions/4?x=1');
  });

  it('never sends anyone to another site', () => {
    for (const next of [
      'https://evil.example/',
      '//evil.example/path',
      '/\\evil.example',
      'evil.example',
      'javascript:alert(1)',
      '',
      null,
      undefined,
    ]) {
      expect(safeReturnPath(next, fallback)).toBe(fallback);
    }
  });
});
