import {
  AUDIENCE_BIT,
  bitCount,
  CATEGORY_BIT,
  COUNTRY_BIT,
  listingsInCountry,
  maskOf,
  type ListingSnapshot,
} from './listing.snapshot';
import { MATCH_WEIGHTS } from './match.weights';

const W = MATCH_WEIGHTS;

/** What is known about one listing against one request. */
export interface ListingFeatures {
  /** known to be operating (active = true) rather than of unknown status; ended listings never get here */
  knownActive: boolean;
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
  /** from the search engine (textPoints) */
  textPoints: number;
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

/** The score of one listing: the sum of the weights-table rows that apply (match.weights.ts). */
export function scoreListing(
  features: ListingFeatures,
  personHasOccupations: boolean,
): { score: number; parts: ScoreParts } {
  const parts = emptyParts();
  const score = fillScoreParts(features, personHasOccupations, parts);
  return { score, parts };
}

export function emptyParts(): ScoreParts {
  return { occupation: 0, category: 0, country: 0, audience: 0, language: 0, skill: 0, text: 0, active: 0 };
}

/** scoreListing writing into `parts`, so that ranking 100k listings allocates nothing per listing. */
export function fillScoreParts(features: ListingFeatures, personHasOccupations: boolean, parts: ScoreParts): number {
  if (!features.hasOccupations) parts.occupation = W.occupation.openToAll;
  else if (personHasOccupations) parts.occupation = features.occupationWeight;
  // Nothing known about the person's occupation: a listing for particular occupations may or may not
  // fit, so it gets no occupation points and general listings (openToAll) come first.
  else parts.occupation = 0;

  const needHits = Math.min(features.needHits, W.needs.maxCounted);
  parts.category = needHits === 0 ? 0 : W.needs.first + W.needs.each * (needHits - 1);
  parts.country = features.national ? W.country.national : features.euWide ? W.country.euWide : 0;
  parts.audience = features.audienceSame
    ? W.audience.same + (features.audienceCount === 1 ? W.audience.only : 0)
    : features.audienceRelated
      ? W.audience.related
      : 0;
  parts.language = features.languageHits > 0 ? W.language : 0;
  parts.skill = W.skill.each * Math.min(features.skillHits, W.skill.maxCounted);
  parts.text = features.textPoints;
  parts.active = features.knownActive ? W.knownActive : 0;
  const score =
    parts.occupation +
    parts.category +
    parts.country +
    parts.audience +
    parts.language +
    parts.skill +
    parts.text +
    parts.active;
  return Math.round(score * 100) / 100;
}

/** A request, resolved to what the snapshot stores. */
export interface RankQuery {
  /** national and EU-wide listings only; undefined: every country */
  country?: string;
  audience: string;
  relatedAudiences: readonly string[];
  needs: readonly string[];
  languages: readonly string[];
  /** listing skill values that match one of the person's skills */
  skillValues: readonly string[];
  /** ISCO codes grouped by the occupation weight they earn (occupation-fit.ts) */
  occupationWeights: readonly { weight: number; codes: readonly string[] }[];
  personHasOccupations: boolean;
  /** listing id -> text points from the person's own words */
  wordPoints: ReadonlyMap<string, number>;
  /**
   * listing id -> text points from the English words for the person's occupations; they count only
   * for listings tagged with no occupation (for the others the occupation fit already says it)
   */
  occupationWordPoints: ReadonlyMap<string, number>;
  limit: number;
}

export interface RankedListing {
  id: string;
  score: number;
  features: ListingFeatures;
  parts: ScoreParts;
}

/**
 * Per-listing arrays a ranking fills from the request's postings, kept with the snapshot and cleared
 * after each ranking (only the entries the postings touched): four arrays of the snapshot's size were
 * allocated and zeroed per request (1.3 MB at 100k listings), garbage for every /match.
 * rankListings is synchronous, so one set per snapshot is never used by two rankings at once.
 */
interface Scratch {
  skillHits: Uint8Array;
  textPoints: Float64Array;
}

const scratches = new WeakMap<ListingSnapshot, Scratch>();

function scratchFor(snapshot: ListingSnapshot): Scratch {
  let scratch = scratches.get(snapshot);
  if (!scratch) {
    const n = snapshot.size;
    scratch = {
      skillHits: new Uint8Array(n),
      textPoints: new Float64Array(n),
    };
    scratches.set(snapshot, scratch);
  }
  return scratch;
}

/** Counts, per listing, how many of `values` it has (through the inverted lists). */
function countHits(hits: Uint8Array, lists: ReadonlyMap<string, Uint32Array>, values: readonly string[]): void {
  for (const value of new Set(values)) for (const i of lists.get(value) ?? []) hits[i]!++;
}

/** Sets back to 0 what countHits wrote. */
function clearPostings(array: Uint8Array, lists: ReadonlyMap<string, Uint32Array>, values: Iterable<string>): void {
  for (const value of values) for (const i of lists.get(value) ?? []) array[i] = 0;
}

/**
 * Scores every candidate of the snapshot and keeps the best `limit`: higher score first, then listing
 * id (the snapshot's order), so the same request over the same data always gives the same order.
 * Candidates are the listings offered in the country or EU-wide; other countries only come in when
 * that leaves nothing at all.
 */
export function rankListings(snapshot: ListingSnapshot, query: RankQuery): RankedListing[] {
  const scratch = scratchFor(snapshot);
  try {
    return rankWith(snapshot, query, scratch);
  } finally {
    clearPostings(scratch.skillHits, snapshot.skills, query.skillValues);
    for (const ids of [query.wordPoints.keys(), query.occupationWordPoints.keys()]) {
      for (const id of ids) {
        const i = snapshot.indexOf.get(id);
        if (i !== undefined) scratch.textPoints[i] = 0;
      }
    }
  }
}

function rankWith(snapshot: ListingSnapshot, query: RankQuery, scratch: Scratch): RankedListing[] {
  const n = snapshot.size;
  const { skillHits } = scratch;
  const textPointsAt = scratch.textPoints;
  // Weights and wanted languages per value of the snapshot's vocabularies, read per listing below.
  const { occupations, languages } = snapshot;
  const codeWeight = new Float32Array(occupations.values.length);
  for (const { weight, codes } of query.occupationWeights) {
    for (const code of codes) {
      const id = occupations.idOf.get(code);
      if (id !== undefined && weight > codeWeight[id]!) codeWeight[id] = weight;
    }
  }
  const wantedLanguage = new Uint8Array(languages.values.length);
  for (const language of query.languages) {
    const id = languages.idOf.get(language);
    if (id !== undefined) wantedLanguage[id] = 1;
  }
  let bestCodeWeight = 0;
  for (const weight of codeWeight) if (weight > bestCodeWeight) bestCodeWeight = weight;
  const wantsLanguage = query.languages.length > 0;
  /** the best weight of listing i's codes (0 when none earns any) */
  const occupationWeightOf = (i: number): number => {
    let best = 0;
    for (let k = occupations.start[i]!, end = occupations.start[i + 1]!; k < end; k++) {
      const weight = codeWeight[occupations.ids[k]!]!;
      if (weight > best) best = weight;
    }
    return best;
  };
  /** how many of the asked languages listing i is offered in */
  const languageHitsOf = (i: number): number => {
    let hits = 0;
    for (let k = languages.start[i]!, end = languages.start[i + 1]!; k < end; k++)
      hits += wantedLanguage[languages.ids[k]!]!;
    return hits;
  };
  countHits(skillHits, snapshot.skills, query.skillValues);
  for (const [id, points] of query.wordPoints) {
    const i = snapshot.indexOf.get(id);
    if (i !== undefined && points > textPointsAt[i]!) textPointsAt[i] = points;
  }
  for (const [id, points] of query.occupationWordPoints) {
    const i = snapshot.indexOf.get(id);
    if (i !== undefined && snapshot.hasOccupations[i] === 0 && points > textPointsAt[i]!) textPointsAt[i] = points;
  }

  const nationalBit = query.country ? (COUNTRY_BIT.get(query.country) ?? 0) : 0;
  const euBit = COUNTRY_BIT.get('EU')!;
  const needMask = maskOf(CATEGORY_BIT, query.needs);
  const audienceBit = AUDIENCE_BIT.get(query.audience) ?? 0;
  const relatedMask = maskOf(AUDIENCE_BIT, query.relatedAudiences);

  const features = (i: number, countries: number, audiences: number): ListingFeatures => ({
    knownActive: snapshot.knownActive[i] === 1,
    hasOccupations: snapshot.hasOccupations[i] === 1,
    occupationWeight: occupationWeightOf(i),
    needHits: bitCount(snapshot.categories[i]! & needMask),
    national: nationalBit !== 0 && (countries & nationalBit) !== 0,
    euWide: (countries & euBit) !== 0,
    audienceSame: (audiences & audienceBit) !== 0,
    audienceRelated: (audiences & relatedMask) !== 0,
    audienceCount: bitCount(audiences),
    languageHits: languageHitsOf(i),
    skillHits: skillHits[i]!,
    textPoints: textPointsAt[i]!,
  });

  const select = (restrictToCountry: boolean): RankedListing[] => {
    // Kept sorted best first; a later listing with an equal score has a larger id, so it only gets in
    // when it is strictly better than the last one kept.
    const best: RankedListing[] = [];
    // In a country, only the listings offered there or EU-wide, still in index order.
    const candidates = restrictToCountry ? listingsInCountry(snapshot, nationalBit) : undefined;
    const count = candidates ? candidates.length : n;
    for (let k = 0; k < count; k++) {
      const i = candidates ? candidates[k]! : k;
      const countries = snapshot.countries[i]!;
      const audiences = snapshot.audiences[i]!;
      // fillScoreParts without objects: the same parts, summed in the same order, so the same score
      // to the last bit; a listing's features and parts are built only when it makes the cut.
      const hasOccupations = snapshot.hasOccupations[i] === 1;
      const weighsOccupations = hasOccupations && query.personHasOccupations;
      const needHits = Math.min(bitCount(snapshot.categories[i]! & needMask), W.needs.maxCounted);
      const category = needHits === 0 ? 0 : W.needs.first + W.needs.each * (needHits - 1);
      const country =
        nationalBit !== 0 && (countries & nationalBit) !== 0
          ? W.country.national
          : (countries & euBit) !== 0
            ? W.country.euWide
            : 0;
      const audience =
        (audiences & audienceBit) !== 0
          ? W.audience.same + (bitCount(audiences) === 1 ? W.audience.only : 0)
          : (audiences & relatedMask) !== 0
            ? W.audience.related
            : 0;
      const skill = W.skill.each * Math.min(skillHits[i]!, W.skill.maxCounted);
      const active = snapshot.knownActive[i] === 1 ? W.knownActive : 0;
      const full = best.length === query.limit;
      if (full && (weighsOccupations || wantsLanguage)) {
        // The most the listing's codes and languages could add: when even that does not beat the last
        // one kept, they need not be read (sums and rounding only grow with their terms).
        const occupationAtMost = weighsOccupations ? bestCodeWeight : hasOccupations ? 0 : W.occupation.openToAll;
        const languageAtMost = wantsLanguage ? W.language : 0;
        const sumAtMost =
          occupationAtMost + category + country + audience + languageAtMost + skill + textPointsAt[i]! + active;
        if (Math.round(sumAtMost * 100) / 100 <= best[best.length - 1]!.score) continue;
      }
      const occupation = !hasOccupations ? W.occupation.openToAll : weighsOccupations ? occupationWeightOf(i) : 0;
      const language = wantsLanguage && languageHitsOf(i) > 0 ? W.language : 0;
      const sum = occupation + category + country + audience + language + skill + textPointsAt[i]! + active;
      const score = Math.round(sum * 100) / 100;
      if (full && score <= best[best.length - 1]!.score) continue;
      const listingFeatures = features(i, countries, audiences);
      const parts = emptyParts();
      fillScoreParts(listingFeatures, query.personHasOccupations, parts);
      let at = best.length;
      while (at > 0 && best[at - 1]!.score < score) at--;
      best.splice(at, 0, { id: snapshot.ids[i]!, score, features: listingFeatures, parts });
      if (best.length > query.limit) best.pop();
    }
    return best;
  };

  const ranked = select(query.country !== undefined);
  return ranked.length === 0 && query.country !== undefined ? select(false) : ranked;
}
