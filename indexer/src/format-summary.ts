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
    `  texts       ${translationLine(s.translations)}`,
    `  search      SQLite FTS5 index rebuilt; Meilisearch ${meili}`,
  ].join('\n');
}

/** `translations ar 146, uk 146; 2 stale left out (ar be-foo, …); 10 unstamped` */
function translationLine(t: IndexerSummary['translations']): string {
  const used = Object.entries(t.used).sort(([a], [b]) => (a < b ? -1 : 1));
  if (used.length === 0 && t.stale.length === 0) return 'no seed translations (data/translations/)';
  const few = (list: string[]) => list.slice(0, 5).join(', ') + (list.length > 5 ? ', …' : '');
  return [
    `seed translations ${used.map(([lang, count]) => `${lang} ${n(count)}`).join(', ') || 'none used'}`,
    ...(t.stale.length > 0
      ? [
          `${n(t.stale.length)} STALE, left out as their original changed (${few(t.stale)}): re-translate, then npm run translations:stamp`,
        ]
      : []),
    ...(t.unstamped > 0 ? [`${n(t.unstamped)} without from_hash (npm run translations:stamp)`] : []),
    ...(t.overridden.length > 0
      ? [`${n(t.overridden.length)} left out as the record has its own (${few(t.overridden)})`]
      : []),
  ].join('; ');
}
