/**
 * @skillway/store/match — matching a person's skills and needs to listings, and the data it reads
 * (listing snapshot, taxonomy lexicon, their cache). One export per module: adding a name is a
 * small edit.
 */
export { createMatcher, MatchInputError, type Matcher } from './matcher';
export { MatchDataCache } from './match-data.cache';
export { EncodedMatchAnswer } from './match-answer.cache';
export { loadListingSnapshot } from './listing.snapshot';
export { loadTaxonomyLexicon } from './taxonomy.lexicon';
