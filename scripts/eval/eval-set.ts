/**
 * The evaluation set and its scoring, shared by `npm run eval` (run-eval.ts) and the integrity test
 * (eval-set.test.ts).
 *
 * Two files hold the cases: eval-set.json (the tuning set: engines may be tuned on it) and
 * eval-set.heldout.json (the held-out set: nobody tuning the engines reads it; its scores are reported
 * apart to show whether the tuning generalises). Both have the same shape.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  compileValidator,
  MatchRequestSchema,
  SearchQuerySchema,
  UI_LANGUAGES,
  type ListingRecord,
  type MatchRequest,
  type SearchQuery,
  type UiLanguage,
} from '@skillway/core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const EVAL_DIR = join(ROOT, 'scripts', 'eval');
export const TUNING_FILE = join(EVAL_DIR, 'eval-set.json');
export const HELDOUT_FILE = join(EVAL_DIR, 'eval-set.heldout.json');
export const LISTINGS_FILE = join(ROOT, 'data', 'listings.json');

/** A good answer has every expected listing in its top TOP. */
export const TOP = 5;
/** MRR looks this deep: a first good answer at rank 6-10 still counts, less. */
export const MRR_DEPTH = 10;
/** Cases per UI language, at least. */
export const MIN_CASES_PER_LANGUAGE = 12;

export type Split = 'tuning' | 'heldout';
export type Who = 'refugees' | 'employers' | 'service-providers';
export const WHO: readonly Who[] = ['refugees', 'employers', 'service-providers'];

export interface EvalCase {
  id: string;
  /** the language of the page the person uses (the UI language) */
  lang: UiLanguage;
  who: Who;
  note?: string;
  /** what the person asks /match (the wizard: text, and what they would pick) */
  match: MatchRequest;
  /** what the person types in the search box, the page language, and the filters they ticked */
  search: SearchQuery;
  /** listing ids a good answer must have in its top 5 */
  expect: string[];
}

export interface EvalSetFile {
  about: string;
  cases: EvalCase[];
}

export interface SplitCase extends EvalCase {
  split: Split;
}

export function readListings(path = LISTINGS_FILE): ListingRecord[] {
  return JSON.parse(readFileSync(path, 'utf8')) as ListingRecord[];
}

export function readEvalFile(path: string): EvalSetFile {
  return JSON.parse(readFileSync(path, 'utf8')) as EvalSetFile;
}

/** Both files, each case marked with its split. */
export function readEvalSets(tuningPath = TUNING_FILE, heldoutPath = HELDOUT_FILE): SplitCase[] {
  const tuning = readEvalFile(tuningPath).cases.map((c) => ({ ...c, split: 'tuning' as const }));
  const heldout = readEvalFile(heldoutPath).cases.map((c) => ({ ...c, split: 'heldout' as const }));
  return [...tuning, ...heldout];
}

/**
 * Everything wrong with a set of cases: schema errors in match/search, unknown or ended expected
 * listings, duplicate ids, a missing or unknown lang, empty or too long expect lists. Empty = fine.
 */
export function problemsOf(cases: readonly SplitCase[], listings: readonly ListingRecord[]): string[] {
  const matchValid = compileValidator(MatchRequestSchema);
  const searchValid = compileValidator(SearchQuerySchema);
  const known = new Map(listings.map((l) => [l.id, l]));
  const problems: string[] = [];
  const seen = new Map<string, Split>();
  for (const c of cases) {
    const where = `${c.split === 'heldout' ? 'eval-set.heldout.json' : 'eval-set.json'}: ${c.id}`;
    if (seen.has(c.id)) problems.push(`${where}: id also used in the ${seen.get(c.id)} set`);
    seen.set(c.id, c.split);
    if (!(UI_LANGUAGES as readonly string[]).includes(c.lang))
      problems.push(`${where}: lang "${c.lang}" is not a UI language`);
    if (!WHO.includes(c.who)) problems.push(`${where}: who "${c.who}" is not one of ${WHO.join(', ')}`);
    for (const e of matchValid.errors(structuredClone(c.match)))
      problems.push(`${where}: match.${e.field} ${e.reason}`);
    for (const e of searchValid.errors(structuredClone(c.search)))
      problems.push(`${where}: search.${e.field} ${e.reason}`);
    if (!c.match.text && !c.match.occupations?.length && !c.match.skills?.length)
      problems.push(`${where}: match needs text, occupations or skills`);
    if (c.expect.length < 1 || c.expect.length > 3) problems.push(`${where}: expect has ${c.expect.length} ids (1-3)`);
    if (new Set(c.expect).size !== c.expect.length) problems.push(`${where}: expect repeats an id`);
    for (const id of c.expect) {
      const listing = known.get(id);
      if (!listing) problems.push(`${where}: expected listing ${id} does not exist`);
      else if (listing.active === false) problems.push(`${where}: expected listing ${id} has ended (active: false)`);
    }
  }
  return problems;
}

export interface Scored {
  /** the first MRR_DEPTH ids returned */
  ids: string[];
  /** share of the expected ids in the top TOP */
  recall: number;
  /** 1 / rank of the first expected id within MRR_DEPTH, 0 when none */
  reciprocalRank: number;
  /** how many results the answer said it had (0 = "nothing found") */
  total: number;
  ms: number;
}

export function score(ids: readonly string[], expect: readonly string[], total: number, ms: number): Scored {
  const top = ids.slice(0, TOP);
  const recall = expect.length === 0 ? 0 : expect.filter((id) => top.includes(id)).length / expect.length;
  const rank = ids.slice(0, MRR_DEPTH).findIndex((id) => expect.includes(id));
  return { ids: ids.slice(0, MRR_DEPTH), recall, reciprocalRank: rank === -1 ? 0 : 1 / (rank + 1), total, ms };
}

export interface Summary {
  cases: number;
  recall: number;
  mrr: number;
}

export function summarise(scores: readonly Scored[]): Summary {
  const n = scores.length;
  if (n === 0) return { cases: 0, recall: Number.NaN, mrr: Number.NaN };
  return {
    cases: n,
    recall: scores.reduce((a, s) => a + s.recall, 0) / n,
    mrr: scores.reduce((a, s) => a + s.reciprocalRank, 0) / n,
  };
}

/** The rows of the report: splits, then per UI language and per audience over all cases. */
export interface Group {
  label: string;
  pick: (c: SplitCase) => boolean;
}

export function groupsOf(cases: readonly SplitCase[]): Group[] {
  const groups: Group[] = [
    { label: 'tuning', pick: (c) => c.split === 'tuning' },
    { label: 'held-out', pick: (c) => c.split === 'heldout' },
    { label: 'all', pick: () => true },
  ];
  for (const lang of UI_LANGUAGES) groups.push({ label: `  lang ${lang}`, pick: (c) => c.lang === lang });
  for (const who of WHO)
    if (cases.some((c) => c.who === who)) groups.push({ label: `  ${who}`, pick: (c) => c.who === who });
  return groups;
}

/** How many cases of each split per language and per audience (for the report and the test). */
export function counts(cases: readonly SplitCase[]): Record<string, { tuning: number; heldout: number }> {
  const out: Record<string, { tuning: number; heldout: number }> = {};
  const add = (key: string, split: Split) => {
    out[key] ??= { tuning: 0, heldout: 0 };
    out[key][split] += 1;
  };
  for (const c of cases) {
    add('all', c.split);
    add(`lang ${c.lang}`, c.split);
    add(c.who, c.split);
  }
  return out;
}
