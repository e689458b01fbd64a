import type { Kysely } from 'kysely';
import type { DB } from '../database';
import { LexiconIndex, type LabelInput } from '@skillway/query';
import { stemWord } from '@skillway/query';
import { UI_LANGUAGES } from '@skillway/core';

/**
 * Label languages people's words are matched against: the target countries' languages plus English
 * and Arabic. The other ESCO languages are left out: they add little for our users and a lot of
 * accidental matches (a Danish word that happens to be an English one).
 */
export const LEXICON_LANGUAGES = ['en', 'nl', 'fr', 'hu', 'it', 'sk', 'sl', 'es', 'ar', 'uk', 'fa'] as const;

/** ISCO levels whose titles are worth matching: major groups ("Professionals") are too vague. */
const MIN_ISCO_LEVEL_FOR_TEXT = 2;

export interface IscoGroupInfo {
  code: string;
  level: number;
  labels: Map<string, string>;
}

export interface OccupationInfo {
  uri: string;
  isco: string;
  labels: Map<string, string>;
}

/**
 * The taxonomy as the matcher needs it in memory: an index of every occupation and skill label for
 * text interpretation, and the lookups that turn codes and URIs into labels in the request language.
 * Read once from SQLite (a few hundred ms at ESCO size); the taxonomy only changes when the indexer runs.
 */
export interface TaxonomyLexicon {
  index: LexiconIndex;
  iscoGroups: Map<string, IscoGroupInfo>;
  occupations: Map<string, OccupationInfo>;
  skills: Map<string, string>;
}

export async function loadTaxonomyLexicon(db: Kysely<DB>): Promise<TaxonomyLexicon> {
  const [groupRows, groupLabelRows, occupationRows, occupationLabelRows, skillRows] = await Promise.all([
    db.selectFrom('isco_group').select(['code', 'level']).execute(),
    // Group names in the languages they are read (lexicon) and shown (UI) in, not in ESCO's 27.
    db
      .selectFrom('isco_group_label')
      .select(['code', 'lang', 'label'])
      .where('lang', 'in', [...new Set<string>([...LEXICON_LANGUAGES, ...UI_LANGUAGES])])
      .execute(),
    db.selectFrom('occupation').select(['uri', 'isco_code']).execute(),
    db
      .selectFrom('occupation_label')
      .select(['uri', 'lang', 'label', 'preferred'])
      .where('lang', 'in', [...LEXICON_LANGUAGES])
      .orderBy('id')
      .execute(),
    db.selectFrom('skill').select(['uri', 'label']).execute(),
  ]);

  const iscoGroups = new Map<string, IscoGroupInfo>();
  for (const row of groupRows) iscoGroups.set(row.code, { code: row.code, level: row.level, labels: new Map() });
  const langs = new Map<string, string>(LEXICON_LANGUAGES.map((lang) => [lang, lang]));
  for (const row of groupLabelRows) iscoGroups.get(row.code)?.labels.set(langs.get(row.lang) ?? row.lang, row.label);

  const occupations = new Map<string, OccupationInfo>();
  for (const row of occupationRows) occupations.set(row.uri, { uri: row.uri, isco: row.isco_code, labels: new Map() });

  // Each row brings its own copy of the language code and the URI: the lexicon keeps one of each
  // (tens of thousands of labels, held by every API process).
  const labels: LabelInput[] = [];
  for (const row of occupationLabelRows) {
    const occupation = occupations.get(row.uri);
    if (!occupation) continue;
    const lang = langs.get(row.lang) ?? row.lang;
    if (row.preferred) occupation.labels.set(lang, row.label);
    labels.push({
      kind: 'occupation',
      concept: occupation.isco,
      uri: occupation.uri,
      code: occupation.isco,
      lang,
      label: row.label,
      preferred: row.preferred === 1,
    });
  }
  for (const group of iscoGroups.values()) {
    if (group.level < MIN_ISCO_LEVEL_FOR_TEXT) continue;
    for (const lang of LEXICON_LANGUAGES) {
      const label = group.labels.get(lang);
      if (label)
        labels.push({
          kind: 'occupation',
          concept: group.code,
          uri: null,
          code: group.code,
          lang,
          label,
          preferred: true,
        });
    }
  }
  const skills = new Map<string, string>();
  for (const row of skillRows) {
    skills.set(row.uri, row.label);
    labels.push({
      kind: 'skill',
      concept: row.uri,
      uri: row.uri,
      code: null,
      lang: 'en',
      label: row.label,
      preferred: true,
    });
  }
  return { index: new LexiconIndex(labels), iscoGroups, occupations, skills };
}

const MIN_WORD_SHARE = 0.4;
const wordCache = new WeakMap<TaxonomyLexicon, Map<string, string | null>>();

/**
 * The English word most occupations of an ISCO group are named with: "nurse" for 2221, "teacher" for
 * 23, "doctor" for 221, "pharmacist" for 2262. Listing summaries are written in English, so this lets
 * "médecin" or "enfermera" find a summary that mentions doctors or nurses without being tagged with an
 * occupation. Null when no word is in at least `MIN_WORD_SHARE` of the group's labels (health
 * professionals, 22, have no common name).
 */
export function englishOccupationWord(lexicon: TaxonomyLexicon, code: string): string | null {
  let cache = wordCache.get(lexicon);
  if (!cache) wordCache.set(lexicon, (cache = new Map()));
  if (cache.has(code)) return cache.get(code)!;
  const counts = new Map<string, { count: number; surface: string }>();
  let total = 0;
  for (const occupation of lexicon.occupations.values()) {
    if (!occupation.isco.startsWith(code)) continue;
    const label = occupation.labels.get('en');
    if (!label) continue;
    total++;
    // The head noun (last word before "of"/"in"/"for") names the occupation; other words count half.
    const head = label
      .toLowerCase()
      .split(/ (?:of|in|for|responsible) /)[0]!
      .match(/[a-z]+/g)
      ?.at(-1);
    const seen = new Set<string>();
    for (const word of label.toLowerCase().match(/[a-z]{4,}/g) ?? []) {
      const stem = stemWord(word);
      if (seen.has(stem)) continue;
      seen.add(stem);
      const weight = word === head ? 1 : 0.5;
      const current = counts.get(stem);
      if (!current) counts.set(stem, { count: weight, surface: word });
      else {
        current.count += weight;
        if (word.length < current.surface.length) current.surface = word;
      }
    }
  }
  let best: { count: number; surface: string } | null = null;
  for (const candidate of counts.values()) {
    if (!best || candidate.count > best.count || (candidate.count === best.count && candidate.surface < best.surface)) {
      best = candidate;
    }
  }
  const word = best && best.count >= MIN_WORD_SHARE * total ? best.surface : null;
  cache.set(code, word);
  return word;
}

/** Label of an ISCO group in `lang`, else English, else the bare code. */
export function iscoLabel(lexicon: TaxonomyLexicon, code: string, lang: string): string {
  const labels = lexicon.iscoGroups.get(code)?.labels;
  return labels?.get(lang) ?? labels?.get('en') ?? code;
}

/** Preferred label of an ESCO occupation in `lang`, else English. */
export function occupationLabel(lexicon: TaxonomyLexicon, uri: string, lang: string): string {
  const labels = lexicon.occupations.get(uri)?.labels;
  return labels?.get(lang) ?? labels?.get('en') ?? uri;
}
