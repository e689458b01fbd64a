export * from './lexicon-index';
export * from './stop-words';
export * from './word-stemmer';
export * from './text.interpreter';
