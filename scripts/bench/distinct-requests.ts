import { createRandom } from '@skillway/store/testing';
import type { CannonRequest } from './api-throughput.phase';
import { MATCH_REQUESTS, toQueryString } from './query-mix';

/**
 * Requests that never repeat, for the uncached runs: every one is new to a result cache (whatever it
 * keys on), so each costs the full understanding, ranking, serialisation and compression.
 */

// prettier-ignore
const WORDS = [
  'nurse', 'nursing', 'teacher', 'doctor', 'dentist', 'engineer', 'electrician', 'cook', 'driver', 'accountant',
  'recognition', 'language', 'job', 'jobs', 'mentoring', 'employers', 'diploma', 'validation', 'skills', 'career',
  'refugee', 'refugees', 'training', 'work', 'business', 'interpreter', 'cv', 'guidance', 'welding', 'care',
  'verpleegkundige', 'leraar', 'vluchtelingen', 'infirmier', 'enseignant', 'enfermera', 'profesor', 'cocinero',
  'infermiere', 'insegnante', 'ápoló', 'tanár', 'szakács', 'učiteľ', 'kuchár', 'učitelj', 'kuhar', 'pharmacist',
  'midwife', 'plumber', 'carpenter', 'mechanic', 'programmer', 'lawyer', 'architect', 'chef', 'cleaner', 'farmer',
];
const COUNTRIES = ['BE', 'HU', 'IE', 'IT', 'NL', 'SK', 'SI', 'ES', 'GB', 'EU'] as const;
// prettier-ignore
const CATEGORIES = [
  'job-matching', 'language-training', 'qualification-recognition', 'career-guidance', 'vocational-training',
  'mentoring', 'skills-assessment', 'information',
] as const;
const LANGUAGES = ['en', 'nl', 'fr', 'es', 'it', 'hu', 'sk', 'sl', 'ar', 'uk'] as const;

/** A source of requests: `next()` gives the following one; the uncached ones never repeat. */
export interface RequestSource {
  next(): CannonRequest;
}

export function cycle(requests: readonly CannonRequest[]): RequestSource {
  let i = 0;
  return { next: () => requests[i++ % requests.length]! };
}

/**
 * GET /search with a pair of words of the mix's vocabulary (60 words in nine languages; 1,770 pairs)
 * and none, one country (10) or one category (8): 33,630 distinct searches, in a seeded order, then
 * single words with a country and a category (another 4,800). Text with filters, the mix's commonest
 * expensive kind.
 */
export function distinctSearches(seed = 1): RequestSource {
  const random = createRandom(seed);
  const combos: string[] = [];
  const filters: Record<string, string>[] = [
    {},
    ...COUNTRIES.map((country) => ({ country })),
    ...CATEGORIES.map((category) => ({ category })),
  ];
  for (let a = 0; a < WORDS.length; a++) {
    for (let b = a + 1; b < WORDS.length; b++) {
      for (const filter of filters) combos.push(toQueryString({ q: `${WORDS[a]} ${WORDS[b]}`, ...wrap(filter) }));
    }
  }
  for (const word of WORDS) {
    for (const country of COUNTRIES) {
      for (const category of CATEGORIES)
        combos.push(toQueryString({ q: word, country: [country], category: [category] }));
    }
  }
  shuffle(combos, random);
  let i = 0;
  return {
    next: () => {
      if (i >= combos.length) throw new Error(`the uncached search run needs more than ${combos.length} searches`);
      return { method: 'GET', path: `/api/v1/search?${combos[i++]}` };
    },
  };
}

/**
 * POST /match: the 12 profiles of the mix, each with a country (10, or its own), up to two needs (37
 * choices) and a language a person speaks (10, or none): 48,000+ distinct profiles in a seeded order.
 */
export function distinctMatches(seed = 1): RequestSource {
  const random = createRandom(seed);
  const needSets: string[][] = [[]];
  for (let a = 0; a < CATEGORIES.length; a++) {
    needSets.push([CATEGORIES[a]!]);
    for (let b = a + 1; b < CATEGORIES.length; b++) needSets.push([CATEGORIES[a]!, CATEGORIES[b]!]);
  }
  const bodies: string[] = [];
  for (const base of MATCH_REQUESTS) {
    for (const country of [undefined, ...COUNTRIES]) {
      for (const needs of needSets) {
        for (const language of [undefined, ...LANGUAGES]) {
          const body: Record<string, unknown> = { ...base };
          if (country && country !== 'EU') body.country = country;
          if (needs.length > 0) body.needs = needs;
          if (language) body.languages = [language];
          bodies.push(JSON.stringify(body));
        }
      }
    }
  }
  const unique = [...new Set(bodies)];
  shuffle(unique, random);
  let i = 0;
  return {
    next: () => {
      if (i >= unique.length) throw new Error(`the uncached match run needs more than ${unique.length} profiles`);
      return { method: 'POST', path: '/api/v1/match', body: unique[i++] };
    },
  };
}

function wrap(filter: Record<string, string>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(filter).map(([k, v]) => [k, [v]]));
}

function shuffle<T>(list: T[], random: () => number): void {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
}
