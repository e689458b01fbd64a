import { error } from '@sveltejs/kit';
import { LISTING_ID_PATTERN, WEEKDAYS, type UiLanguage } from '@skillway/core';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getFreshness, getListing, occupationNames } from '$lib/server/api';
import { rethrowApiFailure } from '$lib/server/problem-errors';
import { languageNames } from '$lib/server/vocabulary';
import { readerTexts } from './reader-texts';
import { listingMap, type ApiPoint, type MapView } from '$lib/map/map-view.server';
import { numberFormat } from '$lib/map/number-format';
import { storyCardsFor } from '../../stories/stories-api.server';

const ID = new RegExp(LISTING_ID_PATTERN);

function formatDate(value: string | undefined, locale: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  // Formatted here, not in the component, so server and browser never disagree (ICU versions differ).
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** Weekday names in the reader's language (1 January 2024 was a Monday); formatted here, as dates are. */
function weekdayNames(locale: string): Record<string, string> {
  const format = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  return Object.fromEntries(WEEKDAYS.map((day, i) => [day, format.format(new Date(Date.UTC(2024, 0, 1 + i)))]));
}

/** ['mo','tu','we','fr'] -> "Monday–Wednesday, Friday": runs of three or more days as a range. */
function dayList(days: readonly string[], names: Record<string, string>, locale: string): string {
  const order = days.map((d) => WEEKDAYS.indexOf(d as (typeof WEEKDAYS)[number])).sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1] === order[j]! + 1) j++;
    const first = names[WEEKDAYS[order[i]!]!]!;
    const last = names[WEEKDAYS[order[j]!]!]!;
    if (j - i >= 2) parts.push(`${first}–${last}`);
    else for (let k = i; k <= j; k++) parts.push(names[WEEKDAYS[order[k]!]!]!);
    i = j + 1;
  }
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(parts);
}

type ListingPoint = ApiPoint & { location?: number | null };

/** The listing's `points` (docs/near-me.md); an API without them gives none, and then no map. */
function pointsOf(listing: object): ListingPoint[] {
  const points = (listing as { points?: unknown }).points;
  return Array.isArray(points) ? (points as ListingPoint[]) : [];
}

function placeNumbers(points: readonly ListingPoint[], locale: string): Record<number, string> {
  const format = numberFormat(locale);
  const numbers: Record<number, string> = {};
  for (const p of points) if (typeof p.location === 'number') numbers[p.location] = format.format(p.location + 1);
  return numbers;
}

function mapData(
  listing: { delivery: readonly string[] },
  locale: UiLanguage,
): { map?: MapView; placeNumbers?: Record<number, string>; onlineOnlyNote?: string } {
  const points = pointsOf(listing);
  const map = listingMap(points, locale);
  const numbers = placeNumbers(points, locale);
  const onlineOnly = listing.delivery.length > 0 && listing.delivery.every((d) => d === 'online');
  return {
    ...(map && { map }),
    ...(Object.keys(numbers).length > 0 && { placeNumbers: numbers }),
    ...(onlineOnly && { onlineOnlyNote: m.map_online_only() }),
  };
}

export const load = (async ({ params, locals, getClientAddress, url }) => {
  if (!ID.test(params.id)) error(404, { message: m.error_listing_not_found() });
  const ctx = { clientAddress: getClientAddress() };
  try {
    const listing = await getListing(params.id, ctx);
    const texts = readerTexts(listing, locals.locale, url.searchParams.get('original') === '1');
    const days = weekdayNames(locals.locale);
    // Freshness is a second opinion on the page, not the page: without it the listing still shows.
    const freshness = await getFreshness(params.id, ctx).catch(() => null);
    return {
      listing,
      confirmedOn: formatDate(freshness?.confirmed_at ?? undefined, locals.locale),
      freshlyCheckedOn: formatDate(freshness?.checked_at ?? undefined, locals.locale),
      stale: freshness?.may_be_out_of_date ?? false,
      // Occupations by name in the reader's language; a name the taxonomy lacks falls back to the code.
      occupationNames: await occupationNames(listing.occupations, locals.locale, ctx).catch(
        (): Record<string, string> => ({}),
      ),
      languages: await languageNames(
        [...listing.languages, texts.originalLang, ...(texts.translation ? [texts.translation.from] : [])],
        locals.locale,
        ctx,
      ),
      texts,
      hours: (listing.schedules ?? []).map((s) => ({
        days: dayList(s.days, days, locals.locale),
        opens: s.opens,
        closes: s.closes,
        note: s.note,
      })),
      // Stories that went through this listing (issue 19); none, or a failure, shows nothing.
      stories: await storyCardsFor({ listing: params.id, per_page: 3 }, locals.locale, ctx),
      // Where it is, on a small map drawn by /map (issue 17), only when a place can be put on it; the
      // number of each address's marker (location i is marker i + 1) in the reader's digits; and the
      // online-only note, written here so the page's JavaScript carries no map words. Each is left
      // out when empty: the page data is part of the HTML, which has a 12 KB budget.
      ...mapData(listing, locals.locale),
      checkedOn: formatDate(listing.checked_at, locals.locale),
      updatedOn: formatDate(listing.updated_at, locals.locale),
    };
  } catch (e) {
    rethrowApiFailure(e, { notFound: m.error_listing_not_found(), unavailable: m.error_unavailable() });
  }
}) satisfies PageServerLoad;
