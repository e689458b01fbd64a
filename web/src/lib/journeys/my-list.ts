import { LISTING_ID_PATTERN } from '@skillway/core';

/**
 * "My list": services a person keeps, with no account. The list is its address (/list?ids=a,b,c), so
 * it can be sent to a caseworker or a friend; the same ids live in a cookie on the person's own device,
 * so "Add to my list" works from any page without JavaScript.
 */
export const MY_LIST_COOKIE = 'skillway_list';
/** Enough for a caseworker's hand-out on one or two A4 pages; more is cut, first kept. */
export const MY_LIST_MAX = 30;
const ID = new RegExp(LISTING_ID_PATTERN);

/** The ids of a comma list (URL or cookie): valid, unique, in order, at most MY_LIST_MAX. */
export function parseListIds(value: string | null | undefined): string[] {
  if (!value) return [];
  const ids: string[] = [];
  for (const raw of value.split(',')) {
    const id = raw.trim();
    if (id.length >= 3 && id.length <= 120 && ID.test(id) && !ids.includes(id)) ids.push(id);
    if (ids.length === MY_LIST_MAX) break;
  }
  return ids;
}

export function withId(ids: readonly string[], id: string): string[] {
  return parseListIds([...ids, id].join(','));
}

export function withoutId(ids: readonly string[], id: string): string[] {
  return ids.filter((i) => i !== id);
}

/** The list's own address (path and query, without the language prefix). */
export function listPath(ids: readonly string[]): string {
  return ids.length ? `/list?ids=${ids.join(',')}` : '/list';
}

/**
 * Where to go back to after adding or removing from another page: only a path of this site (no
 * scheme, no `//host`), so the form cannot be used to send people elsewhere.
 */
export function safeBackPath(value: FormDataEntryValue | null): string | null {
  if (typeof value !== 'string' || value.length > 2000) return null;
  return /^\/(?![/\\])[^\s]*$/.test(value) ? value : null;
}
