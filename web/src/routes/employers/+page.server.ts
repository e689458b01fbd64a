import { COUNTRIES, type Country, type ListingRef } from '@skillway/core';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { ApiError, getListing, search } from '$lib/server/api';
import { rethrowApiFailure } from '$lib/server/problem-errors';
import { languageNames } from '$lib/server/vocabulary';
import { readMyList } from '$lib/server/my-list-cookie';
import { EMPLOYER_NEED_SEARCH, EMPLOYER_NEEDS, type EmployerNeed } from '$lib/journeys/needs';
import { RIGHT_TO_WORK_SOURCES } from './official-sources';
import { storyHintFor } from '../stories/stories-api.server';

const PER_PAGE = 10;
/** The door's countries: the nine the directory covers (EU-wide programmes show under "all countries"). */
const DOOR_COUNTRIES = COUNTRIES.filter((c) => c !== 'EU');

function pick<T extends string>(values: readonly T[], value: string | null): T | null {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;
}

/** The employer door: a country and a need (both in the URL, both optional) give the programmes. */
export const load = (async ({ url, locals, getClientAddress, cookies }) => {
  const ctx = { clientAddress: getClientAddress() };
  const locale = locals.locale;
  // An unknown value is read as no choice: a mistyped link still opens the door.
  const country = pick<Country>(DOOR_COUNTRIES, url.searchParams.get('country'));
  const need: EmployerNeed = pick(EMPLOYER_NEEDS, url.searchParams.get('need')) ?? 'hire';
  const plan = EMPLOYER_NEED_SEARCH[need];
  const query = {
    lang: locale,
    audience: ['employers' as const],
    category: [...plan.categories],
    ...(country ? { country: [country] } : {}),
    ...(plan.words ? { q: plan.words } : {}),
    per_page: PER_PAGE,
  };
  try {
    const [result, sources] = await Promise.all([
      search(query, ctx),
      Promise.all(
        (country ? (RIGHT_TO_WORK_SOURCES[country] ?? []) : []).map((id) =>
          getListing(id, ctx).then(
            (l): (ListingRef & { summary: string; url: string }) | null => ({
              id: l.id,
              kind: l.kind,
              name: l.name,
              summary: l.summary,
              url: l.url,
            }),
            (e: unknown) => {
              if (e instanceof ApiError && e.status === 404) return null;
              throw e;
            },
          ),
        ),
      ),
    ]);
    const codes = new Set(result.hits.flatMap((h) => h.languages));
    const params = new URLSearchParams();
    if (plan.words) params.set('q', plan.words);
    if (country) params.set('country', country);
    params.set('audience', 'employers');
    for (const c of plan.categories) params.append('category', c);
    return {
      /** how other employers hired (issue 19): employer stories of the country, after the programmes */
      employerStories: await storyHintFor({ teller: 'employer', country }, locale, ctx),
      country,
      need,
      countries: DOOR_COUNTRIES,
      hits: result.hits,
      total: result.total,
      searchPath: `/search?${params}`,
      sources: sources.filter((s) => s !== null),
      languages: await languageNames(codes, locale, ctx),
      myList: readMyList(cookies),
    };
  } catch (e) {
    rethrowApiFailure(e, { notFound: m.error_not_found(), unavailable: m.error_unavailable() });
  }
}) satisfies PageServerLoad;
