import { foldText, type MatchRequest, type MatchResponse } from '@skillway/core';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { hasAnswers, NEEDS, parseMatchState, SPOKEN_LANGUAGES } from '$lib/match/match-state';
import { match } from '$lib/server/api';
import { occupationRef, resolveOccupation } from '$lib/server/occupation-resolver';
import { rethrowApiFailure } from '$lib/server/problem-errors';
import { languageNames } from '$lib/server/vocabulary';

const RESULTS = 10;

export const load = (async ({ url, locals, getClientAddress }) => {
  const locale = locals.locale;
  const ctx = { clientAddress: getClientAddress() };
  const { state, ignored } = parseMatchState(url.searchParams);

  try {
    let result: MatchResponse | null = null;
    // The matcher needs to know what the person does; other answers alone only narrow a match down.
    const needsOccupation = hasAnswers(state) && !state.occ;
    if (state.occ) {
      const request: MatchRequest = { audience: 'refugees', lang: locale, limit: RESULTS };
      // A label picked from the suggestions is an exact ESCO occupation; anything else is free text
      // for the matcher to interpret (it says what it understood in `interpreted`).
      const resolved = await resolveOccupation(state.occ, locale, ctx);
      const exact = resolved.chosen && foldText(resolved.chosen.label) === foldText(state.occ);
      if (exact && resolved.chosen) request.occupations = [occupationRef(resolved.chosen)];
      else request.text = state.occ;
      if (state.country) request.country = state.country;
      if (state.need.length) request.needs = state.need;
      if (state.speaks.length) request.languages = state.speaks;
      result = await match(request, ctx);
    }
    const codes = new Set<string>([...SPOKEN_LANGUAGES, ...state.speaks]);
    for (const r of result?.results ?? []) for (const code of r.listing.languages) codes.add(code);
    return {
      state,
      ignored,
      needsOccupation,
      result,
      needs: NEEDS,
      spoken: [...SPOKEN_LANGUAGES],
      languages: await languageNames(codes, locale, ctx),
    };
  } catch (e) {
    rethrowApiFailure(e, { notFound: m.error_not_found(), unavailable: m.error_unavailable() });
  }
}) satisfies PageServerLoad;
