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

/** A point as the API gives it (docs/near-me.md): on a search hit, or one of a listing's `points`. */
export interface ApiPoint {
  lat: number;
  lon: number;
  approximate: boolean;
  label?: string;
}

/**
 * What a page needs to show a map (built by map-view.server.ts in a server load): the image's
 * address, its text alternative and size, and the key line when some places are approximate.
 */
export interface MapView {
  src: string;
  alt: string;
  width: number;
  height: number;
  /** "A dashed ring marks an approximate place …", when a marker is approximate */
  key: string | null;
}
