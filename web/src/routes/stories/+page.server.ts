import { COUNTRIES, LISTING_ID_PATTERN, STORY_TELLERS, type StoryTeller } from '@skillway/core';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { rethrowApiFailure } from '$lib/server/problem-errors';
import { occupationRef, resolveOccupation } from '$lib/server/occupation-resolver';
import type { ResolvedOccupation } from '$lib/occupation';
import { listStories, storyCards, type StoryFilters } from './stories-api.server';

const PER_PAGE = 20;
const LISTING_ID = new RegExp(LISTING_ID_PATTERN);
/** An occupation given as a code (links from search and match results carry the one they used). */
const OCCUPATION_CODE = /^(?:\d{1,4}|http:\/\/data\.europa\.eu\/esco\/occupation\/[0-9a-f-]{36})$/;

function pick<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

/**
 * /stories: the published stories with the filters of search (country, occupation, audience) and words,
 * all in the URL (a plain GET form), so the page works without JavaScript and every view can be shared.
 */
export const load = (async ({ url, locals, getClientAddress }) => {
  const ctx = { clientAddress: getClientAddress() };
  const locale = locals.locale;
  const params = url.searchParams;
  // Unknown values are read as no choice: a mistyped link still shows stories.
  const country = pick(COUNTRIES, params.get('country'));
  const teller = pick<StoryTeller>(STORY_TELLERS, params.get('teller'));
  const listingParam = params.get('listing');
  const listing = listingParam && LISTING_ID.test(listingParam) ? listingParam : undefined;
  const q = (params.get('q') ?? '').trim().slice(0, 200) || undefined;
  const page = Math.max(1, Math.min(10_000, Number.parseInt(params.get('page') ?? '1', 10) || 1));
  const occText = (params.get('occ') ?? '').trim().slice(0, 120);
  const occCode = params.get('occupation');
  try {
    let occupation: ResolvedOccupation | null = null;
    let occupationFilter: string | undefined;
    if (occCode && OCCUPATION_CODE.test(occCode)) occupationFilter = occCode;
    else if (occText) {
      occupation = await resolveOccupation(occText, locale, ctx);
      if (occupation.chosen) occupationFilter = occupationRef(occupation.chosen);
    }
    const filters: StoryFilters = {
      country,
      teller,
      listing,
      q,
      occupation: occupationFilter,
      page,
      per_page: PER_PAGE,
    };
    // Text that names no single occupation filters nothing: the page offers the candidates instead.
    const list = occupation && !occupation.chosen ? { total: 0, items: [] } : await listStories(filters, ctx);
    const base = new URLSearchParams();
    for (const [key, value] of Object.entries({ country, teller, listing, q, occ: occText || undefined })) {
      if (value) base.set(key, value);
    }
    if (occupationFilter && !occText) base.set('occupation', occupationFilter);
    const pageHref = (n: number) => {
      const p = new URLSearchParams(base);
      if (n > 1) p.set('page', String(n));
      const s = p.toString();
      return s ? `/stories?${s}` : '/stories';
    };
    const pages = Math.max(1, Math.ceil(list.total / PER_PAGE));
    return {
      filters: { country: country ?? '', teller: teller ?? '', listing: listing ?? '', q: q ?? '', occ: occText },
      occupationCode: occupationFilter && !occText ? occupationFilter : null,
      occupation,
      total: list.total,
      stories: await storyCards(list.items, locale, ctx),
      prev: page > 1 ? pageHref(page - 1) : null,
      next: page < pages ? pageHref(page + 1) : null,
      page,
      pages,
      filtered: Boolean(country || teller || listing || q || occupationFilter || occText),
    };
  } catch (e) {
    rethrowApiFailure(e, { notFound: m.error_not_found(), unavailable: m.error_unavailable() });
  }
}) satisfies PageServerLoad;
