import { foldText, type UiLanguage } from '@skillway/core';
import type { OccupationSuggestion, ResolvedOccupation } from '$lib/occupation';
import { suggestOccupations, type RequestContext } from './api';

/**
 * Turns typed text into an ESCO occupation. A suggestion picked from the autocomplete arrives as its
 * exact label and is used as it is. Other text (pages without JavaScript, or typing without picking)
 * is not guessed: "nurse" could be a nurse assistant or a general-care nurse, and filtering on the
 * wrong one hides the right services. The page offers the candidates to choose from instead, unless
 * there is only one.
 */
export async function resolveOccupation(
  text: string,
  locale: UiLanguage,
  ctx: RequestContext = {},
): Promise<ResolvedOccupation> {
  const suggestions = await suggestOccupations(text, locale, 8, ctx);
  const key = foldText(text).trim();
  const chosen =
    suggestions.find((s) => foldText(s.label) === key) ?? (suggestions.length === 1 ? suggestions[0]! : null);
  return { text, chosen, alternatives: suggestions.filter((s) => s !== chosen) };
}

/** What the search and match APIs take for an occupation: the ESCO URI (resolved to ISCO by the API). */
export function occupationRef(occupation: OccupationSuggestion): string {
  return occupation.uri;
}
