import { foldText, type MatchRequest, type MatchResponse, type UiLanguage } from '@skillway/core';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { hasAnswers, NEEDS, parseMatchState, SPOKEN_LANGUAGES } from '$lib/match/match-state';
import { ApiError, match } from '$lib/server/api';
import { occupationRef, resolveOccupation } from '$lib/server/occupation-resolver';
import { rethrowApiFailure } from '$lib/server/problem-errors';
import { languageNames } from '$lib/server/vocabulary';
import { understoodData, understoodView } from '$lib/understood/understood';
import { storyHintFor } from '../stories/stories-api.server';

const RESULTS = 10;

export const load = (async ({ url, locals, getClientAddress }) => {
  const locale = locals.locale;
  const ctx = { clientAddress: getClientAddress() };
  const { state, ignored } = parseMatchState(url.searchParams);

  try {
    let result: MatchResponse | null = null;
    // Any answer is enough to match on: someone who only wants a free language course in Ireland
    // answers the country and the need, and gets those courses, with no occupation asked for.
    let answerNeeded = false;
    let pickedOccupation: string | undefined;
    if (hasAnswers(state)) {
      const request: MatchRequest & { lang: UiLanguage } = { audience: 'refugees', lang: locale, limit: RESULTS };
      if (state.occ) {
        // A label picked from the suggestions is an exact ESCO occupation; anything else is free text
        // for the matcher to interpret (it says what it understood).
        const resolved = await resolveOccupation(state.occ, locale, ctx);
        const exact = resolved.chosen && foldText(resolved.chosen.label) === foldText(state.occ);
        if (exact && resolved.chosen) request.occupations = [(pickedOccupation = occupationRef(resolved.chosen))];
        else request.text = state.occ;
      }
      if (state.country) request.country = state.country;
      if (state.need.length) request.needs = state.need;
      if (state.speaks.length) request.languages = state.speaks;
      try {
        result = await match(request, ctx);
      } catch (e) {
        // The matcher found nothing to match on (the languages alone say too little): ask for one
        // more answer, keeping the others, rather than showing an error page.
        if (e instanceof ApiError && e.status === 400 && !state.occ) answerNeeded = true;
        else throw e;
      }
    }
    const codes = new Set<string>([...SPOKEN_LANGUAGES, ...state.speaks]);
    for (const r of result?.results ?? []) for (const code of r.listing.languages) codes.add(code);
    return {
      state,
      ignored,
      answerNeeded,
      // `understood` travels once, trimmed, below.
      result: result && { results: result.results, interpreted: result.interpreted },
      // The match request takes no `ignore`: these chips only tell what was read in the free text;
      // the answers of the wizard change what is matched.
      understood: understoodView(understoodData(result?.understood), {
        q: state.occ,
        correctionMessage: (values) => m.understood_corrected(values),
      }),
      /** "how others did it": stories of the occupation matched on, after the results (issue 19) */
      storyHint: result
        ? await storyHintFor(
            { occupation: pickedOccupation, interpreted: result.interpreted.occupations, country: state.country },
            locale,
            ctx,
          )
        : null,
      needs: NEEDS,
      spoken: [...SPOKEN_LANGUAGES],
      languages: await languageNames(codes, locale, ctx),
    };
  } catch (e) {
    rethrowApiFailure(e, { notFound: m.error_not_found(), unavailable: m.error_unavailable() });
  }
}) satisfies PageServerLoad;
