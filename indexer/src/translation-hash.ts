/** One home for the translation fingerprint: the store, which also drops stale translations of provider edits. */
export { translatedFields, translationSourceHash } from '@skillway/store';
