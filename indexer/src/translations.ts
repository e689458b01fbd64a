import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  compileValidator,
  LANGUAGE_CODE_PATTERN,
  originalText,
  TranslationEntrySchema,
  type ListingRecord,
  type TranslationEntry,
} from '@skillway/core';
import { DataProblems, readJsonFile } from './read-data-files';
import { translatedFields, translationSourceHash } from './translation-hash';

/** Seed translations: data/translations/<lang>.json = { "<listing id>": TranslationEntry }. */
export const TRANSLATIONS_DIR = 'translations';

export interface TranslationFile {
  /** as shown in messages */
  path: string;
  lang: string;
  /** as parsed, not yet checked */
  entries: unknown;
}

/** Reads every data/translations/*.json (none when the folder is absent), collecting all syntax problems. */
export function readTranslationFiles(dataDir: string): TranslationFile[] {
  const dir = join(dataDir, TRANSLATIONS_DIR);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: TranslationFile[] = [];
  const problems: string[] = [];
  for (const name of names.sort()) {
    const path = join(dir, name);
    try {
      files.push({ path, lang: name.slice(0, -'.json'.length), entries: readJsonFile(path) });
    } catch (error) {
      if (!(error instanceof DataProblems)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new DataProblems(problems);
  return files;
}

export interface TranslationOutcome {
  /** the records with their seed translations merged into `texts` (new objects; the input is left alone) */
  records: ListingRecord[];
  /** `<file>: <id>: <field> <reason>`; any problem means nothing is written */
  problems: string[];
  /** translations used, per language */
  used: Record<string, number>;
  /** left out because the original changed since they were made (`<lang> <id>`) */
  stale: string[];
  /** used without a from_hash (`npm run translations:stamp` adds it) */
  unstamped: number;
  /** left out because the record has its own texts in that language (`<lang> <id>`) */
  overridden: string[];
}

const checkEntry = compileValidator(TranslationEntrySchema);
const languageCode = new RegExp(LANGUAGE_CODE_PATTERN);

/**
 * Checks the translation files against the records and merges them in: each entry must name a listing,
 * come from the listing's own language and translate texts it has. A translation whose from_hash no
 * longer matches the original is stale: it is left out (the page shows the original instead) and listed.
 */
export function applyTranslations(
  records: readonly ListingRecord[],
  files: readonly TranslationFile[],
): TranslationOutcome {
  const byId = new Map(records.map((r) => [r.id, r]));
  const out: TranslationOutcome = { records: [], problems: [], used: {}, stale: [], unstamped: 0, overridden: [] };
  const merged = new Map<string, NonNullable<ListingRecord['texts']>>();

  for (const file of files) {
    const problem = (where: string, reason: string) => out.problems.push(`${file.path}: ${where}${reason}`);
    if (!languageCode.test(file.lang)) {
      problem('', `the file name must be a two-letter language code (ISO 639-1), like ar.json`);
      continue;
    }
    if (typeof file.entries !== 'object' || file.entries === null || Array.isArray(file.entries)) {
      problem('', 'must hold a JSON object of listing id -> translation');
      continue;
    }
    for (const [id, entry] of Object.entries(file.entries as Record<string, unknown>)) {
      const at = `${id}: `;
      const before = out.problems.length;
      const errors = checkEntry.errors(entry);
      for (const e of errors) problem(at, `${e.field ? `${e.field} ` : ''}${e.reason}`);
      const record = byId.get(id);
      if (!record) {
        problem(at, 'is not the id of any record in listings.json');
        continue;
      }
      if (errors.length > 0) continue;
      const t = entry as TranslationEntry;
      const own = record.text_lang ?? 'en';
      const fields = translatedFields(t);
      if (fields.length === 0)
        problem(at, 'has no text (give name, summary, how_to_apply, eligibility_note or documents)');
      if (file.lang === own) problem(at, `is in the record's own language (${own}): nothing to translate`);
      if (t.from !== own) problem(at, `from ${JSON.stringify(t.from)} is not the record's language (text_lang ${own})`);
      for (const f of fields) {
        if (originalText(record, f) === undefined) problem(at, `${f} translates a text the record does not have`);
      }
      if (out.problems.length > before) continue;
      if (record.texts?.[file.lang]) {
        out.overridden.push(`${file.lang} ${id}`);
        continue;
      }
      if (t.from_hash === undefined) out.unstamped++;
      else if (t.from_hash !== translationSourceHash(record, fields)) {
        out.stale.push(`${file.lang} ${id}`);
        continue;
      }
      const texts = merged.get(id) ?? { ...record.texts };
      texts[file.lang] = { ...t };
      merged.set(id, texts);
      out.used[file.lang] = (out.used[file.lang] ?? 0) + 1;
    }
  }
  if (out.problems.length > 0) return { ...out, records: [] };
  out.records = records.map((r) => {
    const texts = merged.get(r.id);
    return texts ? { ...r, texts: Object.fromEntries(Object.entries(texts).sort(([a], [b]) => (a < b ? -1 : 1))) } : r;
  });
  return out;
}
