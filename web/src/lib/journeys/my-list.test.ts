import { describe, expect, it } from 'vitest';
import { listPath, MY_LIST_MAX, parseListIds, safeBackPath, withId, withoutId } from './my-list';
import { shareLinks } from './share-links';

describe('my list', () => {
  it('reads a comma list of listing ids, dropping bad and repeated ones, at most MY_LIST_MAX', () => {
    expect(parseListIds('ie-intreo, nl-coa,,ie-intreo,BAD ID,<x>,ab')).toEqual(['ie-intreo', 'nl-coa']);
    expect(parseListIds(null)).toEqual([]);
    const many = Array.from({ length: MY_LIST_MAX + 5 }, (_, i) => `listing-${i}`).join(',');
    expect(parseListIds(many)).toHaveLength(MY_LIST_MAX);
  });

  it('adds once and removes', () => {
    expect(withId(['a-1'], 'b-2')).toEqual(['a-1', 'b-2']);
    expect(withId(['a-1'], 'a-1')).toEqual(['a-1']);
    expect(withoutId(['a-1', 'b-2'], 'a-1')).toEqual(['b-2']);
    expect(listPath(['a-1', 'b-2'])).toBe('/list?ids=a-1,b-2');
    expect(listPath([])).toBe('/list');
  });

  it('goes back only to a path of this site', () => {
    expect(safeBackPath('/ar/search?q=nurse&country=IE')).toBe('/ar/search?q=nurse&country=IE');
    expect(safeBackPath('//evil.example/x')).toBeNull();
    expect(safeBackPath('/\\evil.example')).toBeNull();
    expect(safeBackPath('https://evil.example/')).toBeNull();
    expect(safeBackPath('/a b')).toBeNull();
    expect(safeBackPath(null)).toBeNull();
  });

  it('makes WhatsApp, SMS and e-mail links that carry the address', () => {
    const links = shareLinks('https://skillway.example/list?ids=a-1,b-2', 'My list:', 'Skillway');
    expect(links.whatsapp).toBe(
      'https://wa.me/?text=My%20list%3A%20https%3A%2F%2Fskillway.example%2Flist%3Fids%3Da-1%2Cb-2',
    );
    expect(links.sms).toMatch(/^sms:\?&body=My%20list/);
    expect(decodeURIComponent(links.email.split('body=')[1]!)).toBe(
      'My list: https://skillway.example/list?ids=a-1,b-2',
    );
  });
});
