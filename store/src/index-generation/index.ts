export { bumpIndexGeneration, INDEX_GENERATION_KEY, readIndexGeneration } from './index-generation';
export { isPostgres } from './dialect';
