import type { SearchQuery } from '@skillway/core';
import { createRandom } from '@skillway/store/testing';

/**
 * The fixed mix of searches every latency figure is measured over: the same queries in the same order
 * for the same seed and count, for both engines, called directly and through the API.
 *
 * Shares follow what the directory's users do: people type a job or a need (often with their country
 * ticked), browse and narrow with facets, and many type in their own language.
 */
export const QUERY_TYPES = ['text', 'filters', 'text+filters', 'browse', 'all-facets', 'multilingual'] as const;
export type QueryType = (typeof QUERY_TYPES)[number];

export interface MixQuery {
  type: QueryType;
  query: SearchQuery;
}

const TYPE_WEIGHTS: [QueryType, number][] = [
  ['text', 30],
  ['filters', 20],
  ['text+filters', 22],
  ['browse', 8],
  ['all-facets', 5],
  ['multilingual', 15],
];

// prettier-ignore
const WORDS = [
  'nurse', 'nursing', 'teacher', 'doctor', 'dentist', 'engineer', 'electrician', 'cook', 'driver', 'accountant',
  'recognition', 'language', 'job', 'jobs', 'mentoring', 'employers', 'diploma', 'validation', 'skills', 'career',
  'refugee', 'refugees', 'training', 'work', 'business', 'interpreter', 'cv', 'guidance', 'welding', 'care',
];
const PREFIXES = ['nurs', 'reco', 'teach', 'ment', 'qualif', 'eng', 'vocat'];
const PHRASES = [
  'recognition of qualifications',
  'language courses',
  'job matching',
  'refugee doctors',
  'skills assessment',
  'vocational training',
  'support for employers',
  'career guidance for refugees',
];
/** Occupations and needs in the languages of the nine countries, as people type them (accents and all). */
// prettier-ignore
const MULTILINGUAL = [
  'verpleegkundige', 'leraar', 'taalcursussen', 'loopbaanbegeleiding', 'vluchtelingen', 'werkgevers', 'kok',
  'infirmier', 'enseignant', 'reconnaissance des diplômes', 'formation professionnelle', 'réfugiés', 'cuisinier',
  'enfermera', 'enfermero', 'profesor', 'cursos de idiomas', 'refugiados', 'cocinero', 'orientación profesional',
  'infermiere', 'insegnante', 'formazione professionale', 'rifugiati', 'cuoco', 'riconoscimento',
  'ápoló', 'tanár', 'szakképzés', 'pályatanácsadás', 'menekültek', 'szakács',
  'ošetrovateľ', 'učiteľ', 'jazykové kurzy', 'utečenci', 'kuchár',
  'medicinska sestra', 'učitelj', 'begunci', 'kuhar', 'poklicno usposabljanje',
];
const COUNTRIES = ['BE', 'HU', 'IE', 'IT', 'NL', 'SK', 'SI', 'ES', 'GB', 'EU'] as const;
// prettier-ignore
const CATEGORIES = [
  'job-matching', 'language-training', 'qualification-recognition', 'career-guidance', 'vocational-training',
  'mentoring', 'skills-assessment', 'information',
] as const;
const AUDIENCES = ['refugees', 'asylum-seekers', 'employers', 'service-providers'] as const;
const KINDS = ['organisation', 'service', 'initiative'] as const;
const LANGUAGES = ['en', 'nl', 'fr', 'es', 'it', 'hu', 'sk', 'sl', 'ar', 'uk'] as const;
const COSTS = ['free', 'unknown', 'fee'] as const;
const DELIVERY = ['in-person', 'online'] as const;
const OCCUPATIONS = ['22', '2221', '2211', '23', '2341', '2330', '5120', '7411'] as const;
/** which language's country a multilingual query usually comes with */
const COUNTRY_OF: [RegExp, (typeof COUNTRIES)[number]][] = [
  [/verpleeg|leraar|taal|loopbaan|vlucht|werkgev|^kok$/, 'NL'],
  [/infirm|enseign|reconnaissance|formation|réfugiés|cuisinier/, 'BE'],
  [/enferm|profesor|cursos|refugiados|cocinero|orientación/, 'ES'],
  [/infermiere|insegnante|formazione|rifugiati|cuoco|riconoscimento/, 'IT'],
  [/ápoló|tanár|szakképzés|pálya|menekült|szakács/, 'HU'],
  [/ošetrovateľ|učiteľ|jazykové|utečenci|kuchár/, 'SK'],
  [/medicinska|učitelj|begunci|kuhar|poklicno/, 'SI'],
];

export function buildQueryMix(count: number, seed = 7): MixQuery[] {
  const random = createRandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const weighted = <T>(weights: readonly [T, number][]): T => {
    const total = weights.reduce((a, [, w]) => a + w, 0);
    let r = random() * total;
    for (const [value, w] of weights) if ((r -= w) < 0) return value;
    return weights[weights.length - 1]![0];
  };
  const text = () => {
    const r = random();
    if (r < 0.55) return pick(WORDS);
    if (r < 0.75) return pick(PHRASES);
    if (r < 0.85) return pick(PREFIXES);
    return `${pick(WORDS)} ${pick(WORDS)}`;
  };
  const filters = (q: SearchQuery, atLeastOne: boolean) => {
    const before = Object.keys(q).length;
    if (random() < 0.6) q.country = random() < 0.85 ? [pick(COUNTRIES)] : [pick(COUNTRIES), pick(COUNTRIES)];
    if (random() < 0.35) q.category = [pick(CATEGORIES)];
    if (random() < 0.2) q.audience = [pick(AUDIENCES)];
    if (random() < 0.1) q.kind = [pick(KINDS)];
    if (random() < 0.12) q.language = [pick(LANGUAGES)];
    if (random() < 0.1) q.cost = ['free'];
    if (random() < 0.1) q.delivery = ['online'];
    if (random() < 0.1) q.occupation = [pick(OCCUPATIONS)];
    if (atLeastOne && Object.keys(q).length === before) q.country = [pick(COUNTRIES)];
    for (const key of Object.keys(q) as (keyof SearchQuery)[]) {
      const value = q[key];
      if (Array.isArray(value)) (q as Record<string, unknown>)[key] = [...new Set(value)];
    }
    return q;
  };

  const out: MixQuery[] = [];
  for (let i = 0; i < count; i++) {
    const type = weighted(TYPE_WEIGHTS);
    let query: SearchQuery;
    switch (type) {
      case 'text':
        query = { q: text() };
        break;
      case 'filters':
        query = filters({}, true);
        break;
      case 'text+filters':
        query = filters({ q: text() }, true);
        break;
      case 'browse':
        query = {};
        if (random() < 0.5) query.page = 1 + int(20);
        if (random() < 0.3) query.sort = 'name';
        break;
      case 'all-facets':
        // A value ticked in every facet: each one costs its own disjunctive count.
        query = {
          country: [pick(COUNTRIES)],
          category: [pick(CATEGORIES)],
          audience: [pick(AUDIENCES)],
          kind: [pick(KINDS)],
          language: [pick(LANGUAGES.slice(0, 8))],
          cost: [pick(COSTS)],
          delivery: [pick(DELIVERY)],
        };
        break;
      case 'multilingual': {
        const q = pick(MULTILINGUAL);
        query = { q };
        if (random() < 0.4) query.country = [COUNTRY_OF.find(([re]) => re.test(q))?.[1] ?? pick(COUNTRIES)];
        break;
      }
    }
    out.push({ type, query });
  }
  return out;
}

/** The query as the API's (and the web page's) query string: lists as repeated parameters. */
export function toQueryString(query: SearchQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, String(v));
  }
  return params.toString();
}

/** Bodies for POST /match: a picked occupation, free text in several languages, skills, needs. */
export const MATCH_REQUESTS = [
  { text: 'I was a doctor in Syria and want to work for the NHS', country: 'GB' },
  { occupations: ['2341'], country: 'GB', needs: ['qualification-recognition'] },
  { text: 'verpleegkundige uit Oekraïne, diploma laten erkennen', country: 'NL', lang: 'nl' },
  { occupations: ['2221'], country: 'IE', languages: ['en', 'ar'] },
  { text: 'ingeniero civil, busco trabajo', country: 'ES', lang: 'es' },
  { skills: ['welding', 'forklift'], country: 'BE', needs: ['job-matching'] },
  { text: 'szakács vagyok, munkát keresek', country: 'HU', lang: 'hu' },
  { occupations: ['5120'], text: 'cook', country: 'IT', needs: ['vocational-training', 'language-training'] },
  { text: 'učiteľka matematiky', country: 'SK', lang: 'sk' },
  { text: 'electrician', audience: 'refugees', country: 'SI' },
  { text: 'I want to hire refugees for my restaurant', audience: 'employers', country: 'NL' },
  { occupations: ['22'], needs: ['skills-assessment'] },
] as const;
