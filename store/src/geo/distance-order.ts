import { DocSet } from '../search/doc-set';
import { distanceKm } from './listing-point';

/**
 * Per document (by the embedded engine's doc_id), its search point and near group (listing-point.ts):
 * what ordering by distance needs, held in memory per index generation (5 bytes a listing). Listings
 * share their city's centre, so each distinct point is measured once per search.
 */
export interface DocPoints {
  /** the distinct points */
  points: { lat: number; lon: number }[];
  /** per doc_id, its index in `points`, -1 for none */
  point: Int32Array;
  /** 0: has a point; 1: national or online; 2: EU-wide only */
  group: Uint8Array;
}

/**
 * The embedded index files each document under its point as a bitmap term (`point`, "lat,lon"; see
 * documentTerms): one bitmap per distinct point (listings share their city's centre), so reading every
 * document's point costs a few bitmaps, not a pass over 100,000 JSON documents.
 */
export const POINT_BITMAPS_SQL = "select value, bits from search_bitmap where field = 'point'";

export function pointTerm(point: { lat: number; lon: number }): string {
  return `${point.lat},${point.lon}`;
}

/**
 * Points by doc_id from the `point` bitmaps; without one, group 1 when the listing is in a directory
 * country (`national`: the union of the country bitmaps but EU), else 2.
 */
export function docPoints(
  bitmaps: readonly { value: string; bits: Uint8Array }[],
  national: DocSet,
  size: number,
): DocPoints {
  const points: DocPoints = { points: [], point: new Int32Array(size).fill(-1), group: new Uint8Array(size) };
  for (let id = 0; id < size; id++) points.group[id] = national.has(id) ? 1 : 2;
  for (const { value, bits } of bitmaps) {
    const [lat, lon] = value.split(',').map(Number) as [number, number];
    const index = points.points.push({ lat, lon }) - 1;
    for (const id of DocSet.decode(bits).ids()) {
      if (id >= size) continue;
      points.point[id] = index;
      points.group[id] = 0;
    }
  }
  return points;
}

/**
 * The first `limit` of `ids` (given in the order the query has without `near`) reordered: listings with
 * a point nearest first, then national and online ones, then EU-wide; equal keys keep their order
 * (relevance or browsing). Only the placed listings are sorted, and only as far as the page needs: the
 * other groups keep the given order, and a page of 20 out of 18,000 placed listings is a top-20.
 */
export function nearestFirst(
  ids: readonly number[],
  points: DocPoints,
  from: { lat: number; lon: number },
  limit = ids.length,
): number[] {
  const distances = points.points.map((p) => distanceKm(from, p));
  const placed: { id: number; distance: number; i: number }[] = [];
  const national: number[] = [];
  const euWide: number[] = [];
  ids.forEach((id, i) => {
    const group = points.group[id] ?? 2;
    if (group === 0) placed.push({ id, distance: distances[points.point[id]!]!, i });
    else (group === 1 ? national : euWide).push(id);
  });
  const closer = (a: (typeof placed)[number], b: (typeof placed)[number]) => a.distance - b.distance || a.i - b.i;
  const out = limit < placed.length ? smallest(placed, limit, closer) : placed.sort(closer);
  return [...out.map((p) => p.id), ...national, ...euWide].slice(0, limit);
}

/** The `k` smallest of `items` by `compare`, in order: one pass, a sorted buffer of k. */
function smallest<T>(items: readonly T[], k: number, compare: (a: T, b: T) => number): T[] {
  const best: T[] = [];
  for (const item of items) {
    if (best.length === k && compare(item, best[k - 1]!) >= 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(best[mid]!, item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, item);
    if (best.length > k) best.pop();
  }
  return best;
}
