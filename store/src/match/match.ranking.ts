import { MATCH_WEIGHTS } from './match.weights';

const W = MATCH_WEIGHTS;

/** What the ranking query measures about one listing against one request (see match.repository). */
export interface ListingFeatures {
  id: string;
  /** 1 operating, null unknown (ended listings are never candidates) */
  active: number | null;
  /** whether the listing is tagged with any occupation at all */
  hasOccupations: boolean;
  /** best occupation weight of the listing's codes against the person's (occupation-fit.ts) */
  occupationWeight: number;
  needHits: number;
  national: boolean;
  euWide: boolean;
  audienceSame: boolean;
  audienceRelated: boolean;
  /** how many audiences the listing serves */
  audienceCount: number;
  languageHits: number;
  skillHits: number;
}

export interface ScoreParts {
  occupation: number;
  category: number;
  country: number;
  audience: number;
  language: number;
  skill: number;
  text: number;
  active: number;
}

/** Points for the engine's text hit at `rank` (0-based); `partial` when only some words matched. */
export function textPoints(rank: number, partial: boolean): number {
  const { top, decay, depth } = W.text;
  const points = top - (decay * Math.min(rank, depth - 1)) / Math.max(depth - 1, 1);
  return partial ? points * W.text.partial : points;
}

/** The score of one listing: the sum of the weights table rows that apply (match.weights.ts). */
export function scoreListing(
  features: ListingFeatures,
  context: { personHasOccupations: boolean; textPoints: number },
): { score: number; parts: ScoreParts } {
  let occupation: number;
  if (!features.hasOccupations) occupation = W.occupation.openToAll;
  else if (context.personHasOccupations) occupation = features.occupationWeight;
  // Nothing known about the person's occupation: a listing for particular occupations may or may not
  // fit, so it gets no occupation points and general listings (openToAll) come first.
  else occupation = 0;

  const needHits = Math.min(features.needHits, W.needs.maxCounted);
  const parts: ScoreParts = {
    occupation,
    category: needHits === 0 ? 0 : W.needs.first + W.needs.each * (needHits - 1),
    country: features.national ? W.country.national : features.euWide ? W.country.euWide : 0,
    audience: features.audienceSame
      ? W.audience.same + (features.audienceCount === 1 ? W.audience.only : 0)
      : features.audienceRelated
        ? W.audience.related
        : 0,
    language: features.languageHits > 0 ? W.language : 0,
    skill: W.skill.each * Math.min(features.skillHits, W.skill.maxCounted),
    text: context.textPoints,
    active: features.active === 1 ? W.knownActive : 0,
  };
  const score = Object.values(parts).reduce((a, b) => a + b, 0);
  return { score: Math.round(score * 100) / 100, parts };
}

/** Higher score first, then listing id: the same request always gives the same order. */
export function compareRanked(a: { id: string; score: number }, b: { id: string; score: number }): number {
  return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
