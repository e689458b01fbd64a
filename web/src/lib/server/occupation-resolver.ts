import { foldText, type UiLanguage } from '@skillway/core';
import type { OccupationSuggestion, ResolvedOccupation } from '$lib/occupation';
import { suggestOccupations, type RequestContext } from './api';

/**
 * Turns typed text into an ESCO occupation. The same path serves the autocomplete (a picked
 * suggestion arrives as its exact label) and pages without JavaScript (whatever was typed): an exact
 * label wins, otherwise the API's best match.
 */
export async function resolveOccupation(
  text: string,
  locale: UiLanguage,
  ctx: RequestContext = {},
): Promise<ResolvedOccupation> {
  const suggestions = await suggestOccupations(text, locale, 6, ctx);
  const key = foldText(text).trim();
  const chosen = suggestions.find((s) => foldText(s.label) === key) ?? suggestions[0] ?? null;
  return { text, chosen, alternatives: suggestions.filter((s) => s !== chosen).slice(0, 4) };
}

/** What the search and match APIs take for an occupation: the ESCO URI (resolved to ISCO by the API). */
export function occupationRef(occupation: OccupationSuggestion): string {
  return occupation.uri;
}
