/**
 * Synthetic directories of any size for the benchmarks: the 146 seed listings plus generated ones,
 * the same for the same seed.
 *
 *   npx tsx scripts/bench/generate-listings.ts --size 100000 [--seed 1] [--out listings.json]
 *
 * Built on the store's load-test generator (store/src/testing/generate-listings.ts), which gives
 * countries, categories, audiences, skills and languages in the seed data's proportions and ISCO codes
 * weighted towards the professions the seed data targets. On top of it, each listing here gets:
 *
 * - a summary in the language of its country (en, nl, fr, es, it, hu, sk, sl; English for a share
 *   everywhere), built from SUMMARY_FRAMES, the vocabulary labels and occupation labels from the
 *   ESCO/ISCO taxonomy in that language, so multilingual queries have something to find;
 * - some occupations as ESCO occupation URIs instead of ISCO codes, as providers enter them;
 * - a kind and an owner such that organisations run several services and initiatives each
 *   (about 3.5 on average, a few many more), in their own country.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { VOCABULARY_LABELS, countryLabel, type Kind, type ListingRecord } from '@skillway/core';
import { createRandom, DATA_DIR, generateListings, readSeedListings } from '@skillway/store/testing';
import { SUMMARY_FRAMES, SUMMARY_LANGUAGE_WEIGHTS, fillFrame, type SummaryLanguage } from './summary-templates';

export interface BenchListingsOptions {
  /** PRNG seed (default 1) */
  seed?: number;
  /** include the seed data's own listings first (default true when size allows) */
  withSeedListings?: boolean;
}

interface Occupation {
  uri: string;
  isco: string;
  labels: Record<string, string>;
}
interface IscoGroup {
  code: string;
  labels: Record<string, string>;
}

interface Taxonomy {
  occupationsByGroup: Map<string, Occupation[]>;
  occupationByUri: Map<string, Occupation>;
  groupLabels: Map<string, Record<string, string>>;
}

let taxonomy: Taxonomy | undefined;
function loadTaxonomy(): Taxonomy {
  if (taxonomy) return taxonomy;
  const read = <T>(file: string) => JSON.parse(readFileSync(join(DATA_DIR, 'taxonomy', file), 'utf8')) as T;
  const occupations = read<Occupation[]>('occupations.json');
  const occupationsByGroup = new Map<string, Occupation[]>();
  for (const o of occupations) {
    const list = occupationsByGroup.get(o.isco) ?? [];
    list.push(o);
    occupationsByGroup.set(o.isco, list);
  }
  taxonomy = {
    occupationsByGroup,
    occupationByUri: new Map(occupations.map((o) => [o.uri, o])),
    groupLabels: new Map(read<IscoGroup[]>('isco_groups.json').map((g) => [g.code, g.labels])),
  };
  return taxonomy;
}

const KIND_WEIGHTS: [Kind, number][] = [
  ['organisation', 20],
  ['service', 55],
  ['initiative', 25],
];
/** share of services and initiatives that name the organisation running them */
const OWNED_SHARE = 0.85;
/** the organisations of a country that new services are spread over (recent ones, so owners cluster) */
const OWNER_WINDOW = 40;
/** share of 4-digit occupation codes given as one of the group's ESCO occupation URIs instead */
const ESCO_URI_SHARE = 0.25;

/** `size` listings: the seed listings (when asked and they fit) then generated ones. Same seed, same data. */
export function generateBenchListings(size: number, options: BenchListingsOptions = {}): ListingRecord[] {
  const seedListings = options.withSeedListings === false ? [] : readSeedListings();
  const base = seedListings.length <= size ? seedListings : [];
  const seed = options.seed ?? 1;
  const generated = generateListings(size - base.length, { seed });
  // A second stream, so the base generator's choices (and its existing callers' data) stay as they are.
  const random = createRandom(seed ^ 0x5eed_beac);
  const tax = loadTaxonomy();
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const weighted = <T>(weights: readonly [T, number][]): T => {
    const total = weights.reduce((a, [, w]) => a + w, 0);
    let r = random() * total;
    for (const [value, w] of weights) if ((r -= w) < 0) return value;
    return weights[weights.length - 1]![0];
  };
  const organisations = new Map<string, string[]>();
  for (const l of base) {
    if (l.kind !== 'organisation') continue;
    const home = l.countries[0]!;
    organisations.set(home, [...(organisations.get(home) ?? []), l.id]);
  }

  const occupationLabel = (ref: string, lang: SummaryLanguage): string | undefined => {
    if (ref.startsWith('http')) {
      const o = tax.occupationByUri.get(ref);
      return o?.labels[lang] ?? o?.labels.en;
    }
    if (ref.length === 4) {
      const inGroup = tax.occupationsByGroup.get(ref);
      if (inGroup?.length) {
        const o = pick(inGroup);
        return o.labels[lang] ?? o.labels.en;
      }
    }
    const labels = tax.groupLabels.get(ref);
    return labels?.[lang] ?? labels?.en;
  };

  const out = generated.map((listing): ListingRecord => {
    const home = listing.countries[0]!;
    const kind = weighted(KIND_WEIGHTS);
    const owners = organisations.get(home) ?? [];
    let organisation: string | null = null;
    if (kind === 'organisation') organisations.set(home, [...owners.slice(-(OWNER_WINDOW - 1)), listing.id]);
    else if (owners.length > 0 && random() < OWNED_SHARE) organisation = pick(owners);

    const occupations = [
      ...new Set(
        listing.occupations.map((ref) => {
          const group = ref.length === 4 ? tax.occupationsByGroup.get(ref) : undefined;
          return group?.length && random() < ESCO_URI_SHARE ? pick(group).uri : ref;
        }),
      ),
    ];

    const lang = weighted(SUMMARY_LANGUAGE_WEIGHTS[home]!);
    const frames = SUMMARY_FRAMES[lang];
    const vocabulary = VOCABULARY_LABELS[lang];
    const lower = (s: string) => s.toLocaleLowerCase(lang);
    const categories = listing.categories.map((c) => lower(vocabulary.categories[c]));
    const audiences = listing.audiences.map((a) => lower(vocabulary.audiences[a]));
    const slots = {
      what: categories[0]!,
      what2: categories[1] ?? lower(vocabulary.categories[pick(['information', 'career-guidance'] as const)]),
      who: audiences.slice(0, 2).join(` ${frames.and} `),
      where: listing.city ?? countryLabel(home, lang),
      occ: '',
    };
    const sentences = [fillFrame(pick(frames.opening), slots)];
    const occ = occupations.length > 0 ? occupationLabel(pick(occupations), lang) : undefined;
    if (occ) sentences.push(fillFrame(pick(frames.occupation), { ...slots, occ }));
    if (random() < 0.5) sentences.push(pick(frames.closing));
    // Some listings keep an English sentence from the seed data next to the local one, as bilingual pages do.
    if (lang !== 'en' && sentences.length < 3 && random() < 0.2)
      sentences.push(listing.summary.split(/(?<=[.!?])\s/)[0]!);

    const languages =
      listing.languages.length > 0 && !listing.languages.includes(lang)
        ? [lang, ...listing.languages]
        : listing.languages;
    const name =
      kind !== 'organisation' && lang !== 'en' && random() < 0.5
        ? `${vocabulary.categories[listing.categories[0]!]} ${slots.where} ${listing.id.split('-').at(-1)}`
        : listing.name;
    return { ...listing, kind, organisation, name, occupations, summary: sentences.join(' '), languages };
  });
  return [...base, ...out];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: '100000' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
    },
  });
  const listings = generateBenchListings(Number(values.size), { seed: Number(values.seed) });
  // One record per line, like data/listings.json, so a diff of two runs is readable.
  const text = `[\n${listings.map((l) => JSON.stringify(l)).join(',\n')}\n]\n`;
  if (values.out) writeFileSync(values.out, text);
  else process.stdout.write(text);
}
