import { UI_LANGUAGES } from '@skillway/core';
import type { SkillwayLabels, Taxonomy } from '@skillway/store';

/**
 * data/taxonomy/skillway-labels.json: the project's own translations of ISCO group titles and ESCO
 * occupation labels (not ESCO's), for the languages ESCO lacks and the words people use. People write
 * this file by hand, so, like listings, every record is checked and each problem names the file, the
 * record and the field:
 *
 *   data/taxonomy/skillway-labels.json: occupations record 12 (http://…/occupation/…): labels.uk[1] is empty
 */
export const SKILLWAY_LABELS_FILE = 'taxonomy/skillway-labels.json';

/** Languages the project may label in: the languages of the user interface. */
export const SKILLWAY_LABEL_LANGUAGES: readonly string[] = UI_LANGUAGES;

const TOP_FIELDS = ['source', 'about', 'licence', 'languages', 'isco_groups', 'occupations'];
const GROUP_FIELDS = ['code', 'en', 'labels'];
const OCCUPATION_FIELDS = ['uri', 'en', 'labels'];
const MAX_LABEL_LENGTH = 200;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface SkillwayLabelsCheck {
  labels?: SkillwayLabels;
  problems: string[];
}

/** Checks the parsed file against the ESCO taxonomy it adds to; returns the labels only when all is well. */
export function checkSkillwayLabels(path: string, raw: unknown, taxonomy: Taxonomy): SkillwayLabelsCheck {
  const problems: string[] = [];
  if (!isObject(raw)) return { problems: [`${path}: must hold a JSON object with isco_groups and occupations`] };
  for (const key of Object.keys(raw))
    if (!TOP_FIELDS.includes(key)) problems.push(`${path}: ${key} is not a known field (${TOP_FIELDS.join(', ')})`);
  if (raw.source !== 'skillway')
    problems.push(`${path}: source must be "skillway" (these labels are the project's own, not ESCO's)`);
  if (typeof raw.about !== 'string' || raw.about.trim() === '')
    problems.push(`${path}: about must say what the file is and who wrote it`);

  const groupTitles = new Map(taxonomy.iscoGroups.map((g) => [g.code, g.labels.en]));
  const occupationTitles = new Map(taxonomy.occupations.map((o) => [o.uri, o.labels.en]));

  const checkLabel = (where: string, field: string, value: unknown) => {
    if (typeof value !== 'string') return problems.push(`${where}: ${field} must be a string`);
    if (value.trim() === '') return problems.push(`${where}: ${field} is empty`);
    if (value.length > MAX_LABEL_LENGTH)
      return problems.push(`${where}: ${field} is longer than ${MAX_LABEL_LENGTH} characters`);
    if (/\p{Cc}/u.test(value)) return problems.push(`${where}: ${field} holds a control character`);
    return undefined;
  };
  const checkLang = (where: string, lang: string) => {
    if (SKILLWAY_LABEL_LANGUAGES.includes(lang)) return true;
    problems.push(`${where}: labels.${lang}: "${lang}" is not one of ${SKILLWAY_LABEL_LANGUAGES.join(', ')}`);
    return false;
  };
  /** the English title is there for people reading the file; it must be ESCO's, which catches a wrong code */
  const checkEnglish = (where: string, record: Record<string, unknown>, title: string | undefined) => {
    if (record.en === undefined || title === undefined) return;
    if (record.en !== title)
      problems.push(`${where}: en ${JSON.stringify(record.en)} is not ESCO's ${JSON.stringify(title)}`);
  };
  const records = (
    key: 'isco_groups' | 'occupations',
    each: (record: Record<string, unknown>, where: string) => void,
  ) => {
    const list = raw[key];
    if (!Array.isArray(list)) return problems.push(`${path}: ${key} must be a JSON array`);
    list.forEach((record, i) => {
      const where = `${path}: ${key} record ${i + 1}`;
      if (!isObject(record)) problems.push(`${where}: is not an object`);
      else each(record, where);
    });
    return undefined;
  };

  const groups: SkillwayLabels['isco_groups'] = [];
  const seenCodes = new Set<string>();
  records('isco_groups', (g, at) => {
    const where = typeof g.code === 'string' ? `${at} (${g.code})` : at;
    for (const key of Object.keys(g))
      if (!GROUP_FIELDS.includes(key))
        problems.push(`${where}: ${key} is not a known field (${GROUP_FIELDS.join(', ')})`);
    if (typeof g.code !== 'string' || !groupTitles.has(g.code))
      return problems.push(`${where}: code ${JSON.stringify(g.code)} is not an ISCO group in the taxonomy`);
    if (seenCodes.has(g.code)) problems.push(`${where}: code ${g.code} is listed twice`);
    seenCodes.add(g.code);
    checkEnglish(where, g, groupTitles.get(g.code));
    if (!isObject(g.labels)) return problems.push(`${where}: labels must be an object of language -> title`);
    const labels: Record<string, string> = {};
    for (const [lang, label] of Object.entries(g.labels)) {
      if (!checkLang(where, lang)) continue;
      if (checkLabel(where, `labels.${lang}`, label) === undefined) labels[lang] = (label as string).trim();
    }
    groups.push({ code: g.code, labels });
    return undefined;
  });

  const occupations: SkillwayLabels['occupations'] = [];
  const seenUris = new Set<string>();
  records('occupations', (o, at) => {
    const where = typeof o.uri === 'string' ? `${at} (${o.uri})` : at;
    for (const key of Object.keys(o))
      if (!OCCUPATION_FIELDS.includes(key))
        problems.push(`${where}: ${key} is not a known field (${OCCUPATION_FIELDS.join(', ')})`);
    if (typeof o.uri !== 'string' || !occupationTitles.has(o.uri))
      return problems.push(`${where}: uri ${JSON.stringify(o.uri)} is not an ESCO occupation in the taxonomy`);
    if (seenUris.has(o.uri)) problems.push(`${where}: uri is listed twice`);
    seenUris.add(o.uri);
    checkEnglish(where, o, occupationTitles.get(o.uri));
    if (!isObject(o.labels)) return problems.push(`${where}: labels must be an object of language -> [labels]`);
    const labels: Record<string, string[]> = {};
    for (const [lang, list] of Object.entries(o.labels)) {
      if (!checkLang(where, lang)) continue;
      if (!Array.isArray(list) || list.length === 0) {
        problems.push(`${where}: labels.${lang} must be a non-empty array of labels`);
        continue;
      }
      labels[lang] = [];
      list.forEach((label, j) => {
        if (checkLabel(where, `labels.${lang}[${j}]`, label) === undefined)
          labels[lang]!.push((label as string).trim());
      });
    }
    occupations.push({ uri: o.uri, labels });
    return undefined;
  });

  return problems.length > 0 ? { problems } : { labels: { isco_groups: groups, occupations }, problems };
}
