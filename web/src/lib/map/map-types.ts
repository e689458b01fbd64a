/**
 * What a map shows, in plain data: browser-safe (the URL builder and the results-map component use it),
 * while drawing happens on the server only (`*.server.ts` beside this file).
 */

/** A place on the map: a listing's location or a search hit's point (see docs/near-me.md). */
export interface MapPoint {
  lat: number;
  lon: number;
  /** true when the point is derived (e.g. the centre of the city the listing names), not an address */
  approximate: boolean;
  /** what the point is, for the text alternative: "Cork", "12 Main Street, Cork" */
  label?: string;
}

/** A marker: a point with the number it has in the list beside the map (1-based). */
export interface MapMarker extends MapPoint {
  number: number;
}

/** A bounding box in degrees; west may be greater than east only across the antimeridian (not used here). */
export interface GeoExtent {
  west: number;
  south: number;
  east: number;
  north: number;
}
