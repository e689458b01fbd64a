import { relative } from 'node:path';
import type { IndexerSummary } from './run-indexer';

const n = (value: number) => value.toLocaleString('en-GB');
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The closing lines of `npm run index`: what is in the database now, and what this run changed. */
export function formatSummary(s: IndexerSummary, cwd = process.cwd()): string {
  const where = relative(cwd, s.dbPath).startsWith('..') ? s.dbPath : relative(cwd, s.dbPath);
  const { listings: l, counts: c, taxonomy: t } = s;
  const list = (record: Record<string, number>) =>
    Object.entries(record)
      .map(([k, v]) => `${k} ${n(v)}`)
      .join(', ');
  const meili =
    s.meilisearch.status === 'skipped'
      ? 'not configured (MEILI_URL unset)'
      : s.meilisearch.status === 'rebuilt'
        ? `rebuilt at ${s.meilisearch.url}`
        : `FAILED at ${s.meilisearch.url}: ${s.meilisearch.error}`;
  return [
    `Indexed ${n(c.total)} listings into ${where} (${megabytes(s.dbSize)}) in ${(s.ms / 1000).toFixed(1)} s`,
    `  this run    ${n(l.inserted)} inserted, ${n(l.updated)} updated, ${n(l.deleted)} deleted, ${n(l.unchanged)} unchanged` +
      (l.overridden.length > 0
        ? `, ${n(l.overridden.length)} left to their provider version (${l.overridden.join(', ')})`
        : ''),
    `  by kind     ${list(c.byKind)}`,
    `  by country  ${list(c.byCountry)}`,
    `  by origin   ${list(c.byOrigin)}`,
    `  taxonomy    ${n(t.iscoGroups)} ISCO groups (${n(t.iscoGroupLabels)} labels), ${n(t.occupations)} occupations (${n(t.occupationLabels)} labels), ${n(t.skills)} skills, ${n(t.occupationSkills)} occupation-skill links${t.unchanged ? ' (unchanged)' : ''}`,
    `  labels      ${n(t.skillwayLabels)} of them are Skillway's own (data/taxonomy/skillway-labels.json)` +
      (t.skillwayLabelsSkipped > 0 ? `, ${n(t.skillwayLabelsSkipped)} skipped as ESCO already has them` : ''),
    `  search      SQLite FTS5 index rebuilt; Meilisearch ${meili}`,
  ].join('\n');
}
