import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AUDIENCES,
  CATEGORIES,
  COUNTRIES,
  type Audience,
  type Category,
  type Country,
  type ListingRecord,
} from '@skillway/core';
import { DATA_DIR, readSeedListings } from './seed-store';

/**
 * Synthetic listings for load tests: any number, the same ones for the same seed. They are built from
 * the seed data's own words and proportions (its summaries' sentences, its names, skills, languages,
 * category and audience frequencies) so the search index sees realistic text, and they pass
 * ListingRecordSchema.
 *
 * Occupations follow what a skills-recognition directory holds: most listings have none, and those that
 * do mostly target the regulated professions the seed data targets (22xx health, 23xx teaching), with a
 * tail of any ISCO unit group and a few whole sub-major groups.
 */
export interface GenerateListingsOptions {
  /** PRNG seed (default 1) */
  seed?: number;
  /** first running number in ids (default 1), to generate more listings that do not collide */
  start?: number;
}

/** mulberry32: small, fast, and good enough to spread values; not for anything secret. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Pools {
  sentences: string[];
  names: string[];
  skills: string[];
  languages: string[];
  cities: Map<string, string[]>;
  seedCodes: string[];
  unitGroups: string[];
  subMajorGroups: string[];
  categoryWeights: [Category, number][];
  audienceWeights: [Audience, number][];
  countryWeights: [Country, number][];
}

const SUMMARY_MAX = 1_500;

let pools: Pools | undefined;
function loadPools(): Pools {
  if (pools) return pools;
  const seed = readSeedListings();
  const count = <T extends string>(values: T[], vocabulary: readonly T[]): [T, number][] =>
    vocabulary.map((v) => [v, values.filter((x) => x === v).length + 1]);
  const groups = JSON.parse(readFileSync(join(DATA_DIR, 'taxonomy/isco_groups.json'), 'utf8')) as {
    code: string;
    level: number;
  }[];
  const cities = new Map<string, string[]>();
  for (const l of seed) {
    if (!l.city) continue;
    const list = cities.get(l.countries[0]!) ?? [];
    list.push(l.city);
    cities.set(l.countries[0]!, list);
  }
  pools = {
    // Splitting on full stops also cuts "e.g." into fragments; those are left out.
    sentences: seed
      .flatMap((l) => l.summary.match(/[^.!?]+[.!?]+/g) ?? [l.summary])
      .map((s) => s.trim())
      .filter((s) => s.length >= 20),
    names: seed.map((l) => l.name),
    skills: [...new Set(seed.flatMap((l) => l.skills))],
    languages: seed.flatMap((l) => l.languages),
    cities,
    seedCodes: seed.flatMap((l) => l.occupations),
    unitGroups: groups.filter((g) => g.level === 4).map((g) => g.code),
    subMajorGroups: groups.filter((g) => g.level === 2).map((g) => g.code),
    categoryWeights: count(
      seed.flatMap((l) => l.categories),
      CATEGORIES,
    ),
    audienceWeights: count(
      seed.flatMap((l) => l.audiences),
      AUDIENCES,
    ),
    countryWeights: count(
      seed.flatMap((l) => l.countries),
      COUNTRIES,
    ),
  };
  return pools;
}

/** `count` listings; organisations come first in each block of 10 so services can point at them. */
export function generateListings(count: number, options: GenerateListingsOptions = {}): ListingRecord[] {
  const p = loadPools();
  const random = createRandom(options.seed ?? 1);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const chance = (p: number) => random() < p;
  const weighted = <T>(weights: readonly [T, number][]): T => {
    const total = weights.reduce((a, [, w]) => a + w, 0);
    let r = random() * total;
    for (const [value, w] of weights) if ((r -= w) < 0) return value;
    return weights[weights.length - 1]![0];
  };
  const several = <T>(n: number, next: () => T): T[] => {
    const out = new Set<T>();
    for (let i = 0; i < n * 3 && out.size < n; i++) out.add(next());
    return [...out];
  };
  const organisations = new Map<Country, string[]>();

  const out: ListingRecord[] = [];
  const start = options.start ?? 1;
  for (let n = start; n < start + count; n++) {
    const kind = n % 10 < 4 ? 'organisation' : n % 10 < 8 ? 'service' : 'initiative';
    const eu = chance(0.05);
    const countries: Country[] = eu
      ? ['EU']
      : several(chance(0.05) ? 2 : 1, () => weighted(p.countryWeights.filter(([c]) => c !== 'EU')));
    const home = countries[0]!;
    const id = `${home.toLowerCase()}-gen-${n}`;
    const city = !eu && chance(0.5) && p.cities.has(home) ? pick(p.cities.get(home)!) : null;
    const ownOrgs = organisations.get(home) ?? [];
    const organisation = kind !== 'organisation' && ownOrgs.length > 0 && chance(0.7) ? pick(ownOrgs) : null;
    if (kind === 'organisation') organisations.set(home, [...ownOrgs.slice(-200), id]);

    const occupations = chance(0.65)
      ? []
      : several(1 + int(3), () => {
          const r = random();
          return r < 0.7 ? pick(p.seedCodes) : r < 0.95 ? pick(p.unitGroups) : pick(p.subMajorGroups);
        });
    const delivery: ListingRecord['delivery'] = chance(0.5)
      ? ['in-person']
      : chance(0.4)
        ? ['online']
        : ['in-person', 'online'];
    const r = random();
    out.push({
      id,
      kind,
      name: `${pick(p.names)} ${city ?? home} ${n}`,
      organisation,
      countries,
      city,
      // ListingRecordSchema allows 1,500 characters; a few seed sentences are long.
      summary: several(1 + int(3), () => pick(p.sentences)).reduce((acc, s) =>
        acc.length + 1 + s.length <= SUMMARY_MAX ? `${acc} ${s}` : acc,
      ),
      categories: several(1 + int(3), () => weighted(p.categoryWeights)),
      audiences: several(1 + int(2), () => weighted(p.audienceWeights)),
      occupations,
      skills: chance(0.5) ? [] : several(1 + int(3), () => pick(p.skills)),
      languages: chance(0.5) ? [] : several(1 + int(4), () => pick(p.languages)),
      cost: r < 0.4 ? 'free' : r < 0.95 ? 'unknown' : 'fee',
      delivery,
      url: `https://example.org/listings/${id}`,
      source_url: `https://example.org/sources/${id}`,
      active: chance(0.7) ? true : chance(0.83) ? null : false,
    });
  }
  return out;
}
