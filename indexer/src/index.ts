export { runIndexer, meilisearchConfigFromEnv, DataProblems } from './run-indexer';
export type { IndexerOptions, IndexerSummary } from './run-indexer';
export { createProgressReporter, createLineReporter, silentReporter } from './progress-reporter';
export type { ProgressReporter, StageName, StageProgress } from './progress-reporter';
export { formatSummary } from './format-summary';
