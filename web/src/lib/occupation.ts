import type { OccupationSuggestion } from '@skillway/core';

/** An ESCO occupation as GET /api/v1/taxonomy/occupations returns it: core's schema, the API's answer. */
export type { OccupationSuggestion };

/** How the server read the occupation a person typed or picked. */
export interface ResolvedOccupation {
  /** what the person typed */
  text: string;
  /** the ESCO occupation the text names exactly (or the only candidate), else null */
  chosen: OccupationSuggestion | null;
  /** the other candidates: offered as links to choose from when nothing was chosen */
  alternatives: OccupationSuggestion[];
}
