/** An ESCO occupation as GET /api/v1/taxonomy/occupations returns it. */
export interface OccupationSuggestion {
  uri: string;
  isco_code: string | null;
  esco_code: string | null;
  label: string;
  lang: string;
}

/** How the server read the occupation a person typed or picked. */
export interface ResolvedOccupation {
  /** what the person typed */
  text: string;
  /** the ESCO occupation the text was read as, or null when nothing matched */
  chosen: OccupationSuggestion | null;
  /** other readings, offered as "did you mean" links */
  alternatives: OccupationSuggestion[];
}
