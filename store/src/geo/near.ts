import {
  COUNTRIES,
  DomainError,
  roundDistanceKm,
  type Near,
  type Place,
  type SearchHit,
  type SearchQuery,
} from '@skillway/core';
import { gazetteer, type Gazetteer, type GazetteerPlace } from './gazetteer';
import { distanceKm } from './listing-point';

const DIRECTORY = new Set<string>(COUNTRIES);

export function toPlace(p: GazetteerPlace): Place {
  return { ...p, kind: 'city' };
}

/** A search's `near`, read: what the response says, and what the engine is asked for. */
export interface NearReading {
  near: Near;
  /** where to measure from, when the place resolved */
  from?: { lat: number; lon: number };
  /** the query as the engine takes it: the implied country, sort=distance by default without words */
  query: SearchQuery;
  /** whether the engine orders by distance (the place resolved and no other order was asked for) */
  byDistance: boolean;
}

/**
 * Reads `near` (docs/near-me.md). A place that resolves limits the search to its country and EU-wide
 * listings, as "nurse in Ireland" does, unless `country` was chosen. Without words it orders by
 * distance unless another `sort` was asked for; with words the best match stays first (relevance),
 * because a weak match 5 km away is not what "I was a nurse" near Cork asks for, and `sort=distance`
 * gives nearest first among the matches. One that does not resolve changes nothing but the answer's
 * `near`.
 * `sort=distance` without `near` is the caller's mistake: a 400 naming `sort`.
 */
export function readNear(query: SearchQuery, places: () => Gazetteer = gazetteer): NearReading | undefined {
  const text = query.near?.trim();
  if (!text) {
    if (query.sort === 'distance')
      throw new DomainError(
        'invalid',
        'sort=distance needs a place in `near`',
        [{ field: 'sort', reason: 'distance needs near' }],
        { input: 'querystring' },
      );
    return undefined;
  }
  const resolution = places().resolve(text);
  const place = resolution.place;
  if (!place) {
    const { sort, near: _near, ...rest } = query;
    return {
      near: {
        query: query.near!,
        resolved: false,
        reason: resolution.reason ?? 'not-found',
        suggestions: resolution.suggestions.map(toPlace),
      },
      query: sort === 'distance' ? rest : { ...rest, ...(sort && { sort }) },
      byDistance: false,
    };
  }
  const byDistance = query.sort === 'distance' || (query.sort === undefined && !query.q?.trim());
  const impliesCountry = !query.country?.length && DIRECTORY.has(place.country);
  return {
    near: {
      query: query.near!,
      resolved: true,
      place: toPlace(place),
      ...(resolution.match === 'typo' && { typo: true }),
    },
    from: { lat: place.lat, lon: place.lon },
    query: {
      ...query,
      ...(impliesCountry && {
        country: [place.country as SearchQuery['country'] & string, 'EU'] as SearchQuery['country'],
      }),
      ...(byDistance ? { sort: 'distance' as const } : {}),
    },
    byDistance,
  };
}

/** Each hit with a point gets its distance from the place. */
export function withDistances<T extends Pick<SearchHit, 'point'>>(
  hits: readonly T[],
  from: { lat: number; lon: number },
): T[] {
  return hits.map((hit) => (hit.point ? { ...hit, distance_km: roundDistanceKm(distanceKm(from, hit.point)) } : hit));
}

/** GET /places: up to `limit` places for what is being typed (see Gazetteer.suggest). */
export function suggestPlaces(
  text: string,
  { limit = 8, countries }: { limit?: number; countries?: readonly string[] } = {},
  places: () => Gazetteer = gazetteer,
): Place[] {
  return places()
    .suggest(text.trim(), limit, countries ? { countries } : {})
    .map(toPlace);
}
