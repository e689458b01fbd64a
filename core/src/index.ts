export * from './vocabularies';
export * from './text';
export * from './schema-helpers';
export * from './listing.schema';
export * from './search.schema';
export * from './match.schema';
export * from './problem.schema';
export * from './validation';
