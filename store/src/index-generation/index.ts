export { bumpIndexGeneration, INDEX_GENERATION_KEY, readIndexGeneration } from './index-generation';
export { IndexGenerationReader, type IndexGenerationReaderOptions, type MetaRow } from './index-generation.reader';
