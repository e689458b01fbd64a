import { distanceKm } from './listing-point';

/**
 * Per document (by the embedded engine's doc_id), its search point and near group (listing-point.ts):
 * what ordering by distance needs, held in memory per index generation (17 bytes a listing).
 */
export interface DocPoints {
  lat: Float64Array;
  lon: Float64Array;
  /** 0: has a point; 1: national or online; 2: EU-wide only */
  group: Uint8Array;
}

/** Reads every document's point from the embedded index's `search_doc.hit` (documentToHit wrote it). */
export const DOC_POINTS_SQL = `select doc_id as id, json_extract(hit, '$.point.lat') as lat,
  json_extract(hit, '$.point.lon') as lon,
  exists (select 1 from json_each(hit, '$.countries') where value <> 'EU') as national
  from search_doc`;

export function docPoints(
  rows: readonly { id: number; lat: number | null; lon: number | null; national: number }[],
  size: number,
): DocPoints {
  const points: DocPoints = {
    lat: new Float64Array(size).fill(NaN),
    lon: new Float64Array(size).fill(NaN),
    group: new Uint8Array(size).fill(2),
  };
  for (const row of rows) {
    if (row.id >= size) continue;
    if (row.lat !== null && row.lon !== null) {
      points.lat[row.id] = row.lat;
      points.lon[row.id] = row.lon;
      points.group[row.id] = 0;
    } else points.group[row.id] = row.national ? 1 : 2;
  }
  return points;
}

/**
 * `ids` (in the order the query has without `near`) reordered: listings with a point nearest first,
 * then national and online ones, then EU-wide; equal keys keep their order (relevance or browsing).
 */
export function nearestFirst(ids: readonly number[], points: DocPoints, from: { lat: number; lon: number }): number[] {
  const keyed = ids.map((id, i) => {
    const group = points.group[id] ?? 2;
    const distance = group === 0 ? distanceKm(from, { lat: points.lat[id]!, lon: points.lon[id]! }) : 0;
    return { id, group, distance, i };
  });
  keyed.sort((a, b) => a.group - b.group || a.distance - b.distance || a.i - b.i);
  return keyed.map((k) => k.id);
}
