/**
 * Near me (docs/near-me.md): the packaged gazetteer, the points of listings and distances. One export
 * per module.
 */
export { Gazetteer, gazetteer, GAZETTEER_FILE, type GazetteerPlace, type PlaceResolution } from './gazetteer';
export { distanceKm, listingPoints, nearGroup, searchPoint, type PlacedListing } from './listing-point';
export { placeKey } from './place-key';
export { DIRECTORY_COUNTRIES } from './country-names';
export { readNear, suggestPlaces, toPlace, withDistances, type NearReading } from './near';
