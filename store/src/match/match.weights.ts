/**
 * How /match ranks listings: the ONE place where the weights live. A listing's score is the sum of the
 * rows below that apply to it; ties are broken by listing id, so the same request over the same data
 * always gives the same order. Inactive listings (active = false) are never candidates.
 *
 * Rough scale: a national listing for the person's audience and occupation scores ~100, a general
 * national listing ~60, the same general listing offered EU-wide ~45.
 */
export const MATCH_WEIGHTS = {
  /**
   * Occupation fit along the ISCO-08 hierarchy: the best pair of (person's code, listing's code).
   * A listing tagged with a broad group (22 "health professionals") serves every occupation inside
   * it, so the order is exact unit group > minor > sub-major > major > open to all occupations.
   */
  occupation: {
    /** the listing names the person's own group (2221 and 2221) */
    exact: 40,
    /** the listing names the minor group that holds it (222 for 2221) */
    minor: 32,
    /** ... the sub-major group (22) */
    subMajor: 26,
    /** ... the major group (2) */
    major: 18,
    /**
     * The person named a broad group and the listing a group inside it (person 23 "teachers",
     * listing 2341 "primary school teachers"): scored as the level the person gave, minus this much.
     */
    withinPenalty: 6,
    /** another unit group of the same minor group (2222 midwives for a 2221 nurse) */
    siblingMinor: 20,
    /** a listing for any occupation: general services help everyone */
    openToAll: 10,
    /**
     * Another group of the same sub-major group only (2211 doctors for a 2221 nurse): below the
     * general listings, since a doctors' register does not serve a nurse, but above listings for
     * unrelated occupations.
     */
    siblingSubMajor: 6,
    /** a listing only for other occupations */
    other: 0,
  },
  /** Categories the person asked for (`needs`): the first one shared, then each further one. */
  needs: { first: 16, each: 4, maxCounted: 3 },
  /**
   * The person's country. Listings from other countries are not candidates at all, unless no listing
   * in the country or EU-wide matches (then they come back, with no country points).
   */
  country: { national: 30, euWide: 14 },
  /**
   * The person's audience (default refugees); refugees and asylum seekers share most services.
   * `only`: added when the listing serves that audience alone; a programme made for employers
   * fits an employer better than a charity that also advises employers.
   */
  audience: { same: 20, related: 8, only: 4 },
  /** A language the person speaks that the listing is offered in (counted once). */
  language: 8,
  /** Each skill of the person's that the listing is tagged with, up to `maxCounted`. */
  skill: { each: 12, maxCounted: 2 },
  /**
   * Text relevance from the search engine (both engines), by rank among its first `depth` hits:
   * `top` for the first, falling linearly to `top - decay`. Hits that only matched some of the words
   * (a per-word fallback query) count `partial` of that.
   */
  text: { top: 14, decay: 10, depth: 20, partial: 0.6 },
  /** A listing known to be operating (active = true) over one whose status is unknown. */
  knownActive: 2,
} as const;

export type OccupationFit = Exclude<keyof typeof MATCH_WEIGHTS.occupation, 'withinPenalty'>;
