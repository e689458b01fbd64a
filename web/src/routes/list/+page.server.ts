import { redirect } from '@sveltejs/kit';
import type { ListingDetail } from '@skillway/core';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { localizePath } from '$lib/i18n/routing';
import { ApiError, getListing } from '$lib/server/api';
import { rethrowApiFailure } from '$lib/server/problem-errors';
import { readMyList, writeMyList } from '$lib/server/my-list-cookie';
import { listEntry } from './list-entry';
import { listPath, parseListIds, safeBackPath, withId, withoutId } from '$lib/journeys/my-list';

/**
 * The list to keep and share. Its address carries it (/list?ids=…), so a shared link shows the same
 * services to whoever opens it; without `ids` it shows the list kept on this device.
 */
export const load = (async ({ url, cookies, locals, getClientAddress }) => {
  const locale = locals.locale;
  const saved = readMyList(cookies);
  if (!url.searchParams.has('ids') && saved.length) redirect(303, localizePath(listPath(saved), locale));
  const ids = parseListIds(url.searchParams.get('ids'));
  const ctx = { clientAddress: getClientAddress() };
  try {
    const found = await Promise.all(
      ids.map((id) =>
        getListing(id, ctx).catch((e: unknown): ListingDetail | null => {
          if (e instanceof ApiError && e.status === 404) return null;
          throw e;
        }),
      ),
    );
    const listings = found.filter((l): l is ListingDetail => l !== null);
    const shownIds = listings.map((l) => l.id);
    return {
      ids: shownIds,
      missing: ids.length - listings.length,
      entries: listings.map((l) => listEntry(l, locale)),
      /** whether this is the list kept on this device (else it was opened from a shared link) */
      isSaved: shownIds.length > 0 && shownIds.join(',') === saved.join(','),
      shareUrl: new URL(localizePath(listPath(shownIds), locale), url.origin).href,
    };
  } catch (e) {
    rethrowApiFailure(e, { notFound: m.error_not_found(), unavailable: m.error_unavailable() });
  }
}) satisfies PageServerLoad;

async function change(
  event: Parameters<Actions[string]>[0],
  apply: (ids: string[], id: string) => string[],
): Promise<never> {
  const data = await event.request.formData();
  const id = parseListIds(String(data.get('id') ?? ''))[0];
  // From the list page the list shown is the one changed (a shared list becomes this device's list);
  // from any other page it is the list kept on this device.
  const base = data.has('ids') ? parseListIds(String(data.get('ids'))) : readMyList(event.cookies);
  const ids = id ? apply(base, id) : base;
  writeMyList(event.cookies, event.url, ids);
  const back = safeBackPath(data.get('back'));
  // A page's address may hold its words unescaped (readableQuery); a Location header must not.
  const backUrl = back && new URL(back, event.url);
  redirect(303, backUrl ? backUrl.pathname + backUrl.search : localizePath(listPath(ids), event.locals.locale));
}

export const actions = {
  add: (event) => change(event, withId),
  remove: (event) => change(event, withoutId),
  /** keeps a list opened from a shared link on this device */
  keep: (event) => change(event, (ids) => ids),
} satisfies Actions;
