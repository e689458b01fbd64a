import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DIRECTORY_COUNTRY_SET, countryHint } from './country-names';
import { placeKey } from './place-key';
import { BoundedEditDistance } from './bounded-edit-distance';

/** data/gazetteer/places.tsv, written by build-gazetteer.ts (kept apart so the API never loads the builder). */
export const GAZETTEER_FILE = fileURLToPath(new URL('../../../data/gazetteer/places.tsv', import.meta.url));

/** A place of the gazetteer as the API gives it (core's Place without `kind`, always a city for now). */
export interface GazetteerPlace {
  id: string;
  name: string;
  /** the other name of the place the text matched exactly, when it was not `name` */
  matched?: string;
  country: string;
  lat: number;
  lon: number;
}

export type PlaceMatchKind = 'exact' | 'prefix' | 'typo';

export interface PlaceResolution {
  /** the place the text names, when one does */
  place?: GazetteerPlace;
  /** how it was found; `typo` when the text was read as a near miss ("Crok" is Cork) */
  match?: PlaceMatchKind;
  /** when nothing resolved: why (`postcode`: the text looks like one, and no postcode data is packaged) */
  reason?: 'not-found' | 'postcode';
  suggestions: GazetteerPlace[];
}

export interface PlaceFilter {
  /** only places in these countries (ISO codes; EU is ignored) */
  countries?: readonly string[];
}

/** How many `resolve` answers to keep (a few hundred bytes each). */
const RESOLUTION_CACHE_SIZE = 500;
/** Shortest text looked up by prefix (one or two letters name thousands of places). */
const MIN_PREFIX = 2;
/** Typos allowed in a word of this many characters (as Meilisearch: one from 4 here, two from 8). */
function allowedTypos(key: string): number {
  return key.length >= 8 ? 2 : key.length >= 4 ? 1 : 0;
}

/**
 * Eircodes (T12 X8Y2, D08), UK postcodes (SW1A 1AA, M1), Dutch (1012 AB) and other 4-5 digit codes.
 * Checked only after no place name matched.
 */
const POSTCODE = [
  /^[a-z]\d[\dw](\s?[a-z\d]{1,4})?$/i,
  /^[a-z]{1,2}\d[a-z\d]?(\s?\d[a-z]{0,2})?$/i,
  /^\d{4}(\s?[a-z]{2})?$/i,
  /^\d{5}$/,
];
/** "Dublin 8", "Dublin 6W": a city and one of its postal districts (the city is what we can place). */
const DISTRICT = /^(.*\p{L}.*?)\s+\d{1,2}\s?w?$/u;

/**
 * The packaged gazetteer (docs/near-me.md): ~28,000 places of the directory's countries and their
 * neighbours, with every name GeoNames has for them in Latin, Cyrillic and Arabic script. Held in
 * compact arrays: one Map from folded name to places, the names sorted for prefix search, and the keys
 * bucketed by length for typo search.
 */
export class Gazetteer {
  private readonly ids: string[] = [];
  private readonly names: string[] = [];
  /** alternate names joined by `|`, split only to find which one matched */
  private readonly alternates: string[] = [];
  private readonly countries: string[] = [];
  private readonly lat: Float64Array;
  private readonly lon: Float64Array;
  private readonly population: Uint32Array;
  /** folded name -> places (indices, biggest first: the file is sorted by population) */
  private readonly byKey = new Map<string, number | number[]>();
  /** every key, sorted (prefix search); built on the first need, as a resolved name never needs it */
  private sorted?: string[];
  /** keys by length (typo search); built on the first need */
  private byLength?: Map<number, string[]>;
  private readonly cityPoints = new Map<string, GazetteerPlace | null>();
  private readonly edits = new BoundedEditDistance();
  /** recent `resolve` answers by text (first in, first out) */
  private readonly resolutions = new Map<string, PlaceResolution>();

  constructor(text: string) {
    const lines = text.split('\n').filter((l) => l.length > 0);
    this.lat = new Float64Array(lines.length);
    this.lon = new Float64Array(lines.length);
    this.population = new Uint32Array(lines.length);
    lines.forEach((line, i) => {
      const [id, country, lat, lon, population, name, alternates] = line.split('\t');
      this.ids.push(id!);
      this.countries.push(country!);
      this.lat[i] = Number(lat);
      this.lon[i] = Number(lon);
      this.population[i] = Number(population);
      this.names.push(name!);
      this.alternates.push(alternates ?? '');
      this.addKey(placeKey(name!), i);
      if (alternates) for (const alternate of alternates.split('|')) this.addKey(placeKey(alternate), i);
    });
  }

  private get sortedKeys(): string[] {
    this.sorted ??= [...this.byKey.keys()].sort();
    return this.sorted;
  }

  private get keysByLength(): Map<number, string[]> {
    if (this.byLength) return this.byLength;
    this.byLength = new Map();
    for (const key of this.byKey.keys()) {
      const bucket = this.byLength.get(key.length);
      if (bucket) bucket.push(key);
      else this.byLength.set(key.length, [key]);
    }
    return this.byLength;
  }

  static fromFile(path = GAZETTEER_FILE): Gazetteer {
    return new Gazetteer(readFileSync(path, 'utf8'));
  }

  get size(): number {
    return this.ids.length;
  }

  private addKey(key: string, index: number): void {
    if (!key) return;
    const known = this.byKey.get(key);
    if (known === undefined) this.byKey.set(key, index);
    else if (typeof known === 'number') {
      if (known !== index) this.byKey.set(key, [known, index]);
    } else if (!known.includes(index)) known.push(index);
  }

  private placesOf(key: string): number[] {
    const found = this.byKey.get(key);
    return found === undefined ? [] : typeof found === 'number' ? [found] : found;
  }

  /** Places in the directory's countries first, then the bigger (ties: the lower GeoNames id). */
  private rank = (a: number, b: number): number =>
    Number(DIRECTORY_COUNTRY_SET.has(this.countries[b]!)) - Number(DIRECTORY_COUNTRY_SET.has(this.countries[a]!)) ||
    this.population[b]! - this.population[a]! ||
    a - b;

  private allowed(index: number, countries: ReadonlySet<string> | undefined): boolean {
    return !countries || countries.has(this.countries[index]!);
  }

  /** The place at `index`; `key` (and the text as typed) say which of its names matched. */
  private place(index: number, key?: string, typed?: string): GazetteerPlace {
    const name = this.names[index]!;
    let matched: string | undefined;
    if (key && placeKey(name) !== key) {
      const spellings = this.alternates[index]!.split('|').filter((a) => placeKey(a) === key);
      matched = spellings.find((a) => a === typed?.trim()) ?? spellings[0];
    }
    return {
      id: this.ids[index]!,
      name,
      ...(matched && { matched }),
      country: this.countries[index]!,
      lat: this.lat[index]!,
      lon: this.lon[index]!,
    };
  }

  /** Places whose folded name is exactly `key`, best first. */
  private exact(key: string, countries: ReadonlySet<string> | undefined): number[] {
    return this.placesOf(key)
      .filter((i) => this.allowed(i, countries))
      .sort(this.rank);
  }

  /** Places with a name that starts with `key` (each once, with the key it was found by), best first. */
  private prefixed(key: string, countries: ReadonlySet<string> | undefined): Map<number, string> {
    const found = new Map<number, string>();
    if (key.length < MIN_PREFIX) return found;
    let lo = 0;
    let hi = this.sortedKeys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sortedKeys[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < this.sortedKeys.length && this.sortedKeys[k]!.startsWith(key); k++) {
      const name = this.sortedKeys[k]!;
      for (const i of this.placesOf(name)) if (!found.has(i) && this.allowed(i, countries)) found.set(i, name);
    }
    return found;
  }

  /** Places within the allowed typos of `key` (a swap of two letters is one), closest then best first. */
  private nearMisses(key: string, countries: ReadonlySet<string> | undefined): { index: number; distance: number }[] {
    const max = allowedTypos(key);
    if (max === 0) return [];
    const found = new Map<number, number>();
    for (let length = key.length - max; length <= key.length + max; length++) {
      for (const candidate of this.keysByLength.get(length) ?? []) {
        const distance = this.edits.distance(key, candidate, max);
        if (distance > max) continue;
        for (const i of this.placesOf(candidate))
          if (this.allowed(i, countries) && (found.get(i) ?? Infinity) > distance) found.set(i, distance);
      }
    }
    return [...found]
      .map(([index, distance]) => ({ index, distance }))
      .sort((a, b) => a.distance - b.distance || this.rank(a.index, b.index));
  }

  /**
   * Up to `limit` places for what someone is typing (a datalist, "did you mean"): exact names, then
   * names that start with the text, then near misses.
   */
  suggest(text: string, limit = 8, filter: PlaceFilter = {}): GazetteerPlace[] {
    const { key, countries } = this.read(text, filter);
    if (!key) return [];
    const out = new Map<number, GazetteerPlace>();
    for (const i of this.exact(key, countries)) out.set(i, this.place(i, key, text));
    if (out.size < limit) {
      const prefixed = this.prefixed(key, countries);
      for (const i of [...prefixed.keys()].sort(this.rank)) {
        if (out.size >= limit) break;
        if (!out.has(i)) out.set(i, this.place(i, prefixed.get(i)));
      }
    }
    if (out.size < limit)
      for (const { index } of this.nearMisses(key, countries)) {
        if (out.size >= limit) break;
        if (!out.has(index)) out.set(index, this.place(index));
      }
    return [...out.values()].slice(0, limit);
  }

  /**
   * The place a search's `near` names: an exact name (any language; "Dublin 8" is Dublin; "cork
   * ireland" is Cork in IE), else the closest near miss ("Crok"), else a name it starts ("Carlo").
   */
  resolve(text: string, filter: PlaceFilter = {}): PlaceResolution {
    // The same place is asked for again with other words and filters; a typo costs a pass over the names.
    const cacheKey = `${text}\u0000${(filter.countries ?? []).join(',')}`;
    const cached = this.resolutions.get(cacheKey);
    if (cached) return cached;
    const resolution = this.resolveUncached(text, filter);
    this.resolutions.set(cacheKey, resolution);
    if (this.resolutions.size > RESOLUTION_CACHE_SIZE) this.resolutions.delete(this.resolutions.keys().next().value!);
    return resolution;
  }

  private resolveUncached(text: string, filter: PlaceFilter): PlaceResolution {
    const { key, countries } = this.read(text, filter);
    if (!key) return { reason: 'not-found', suggestions: [] };
    const exact = this.exact(key, countries);
    if (exact.length > 0) return { place: this.place(exact[0]!, key, text), match: 'exact', suggestions: [] };
    const district = DISTRICT.exec(key);
    if (district) {
      const city = this.exact(district[1]!, countries);
      if (city.length > 0) return { place: this.place(city[0]!, district[1]), match: 'exact', suggestions: [] };
    }
    if (POSTCODE.some((p) => p.test(key))) return { reason: 'postcode', suggestions: [] };
    const near = this.nearMisses(key, countries);
    if (near.length > 0) return { place: this.place(near[0]!.index), match: 'typo', suggestions: [] };
    if (key.length >= 4) {
      const prefixed = this.prefixed(key, countries);
      const best = [...prefixed.keys()].sort(this.rank)[0];
      if (best !== undefined) return { place: this.place(best, prefixed.get(best)), match: 'prefix', suggestions: [] };
    }
    return { reason: 'not-found', suggestions: this.suggest(text, 5, filter) };
  }

  /** The folded text without a country named in it, and the countries to look in. */
  private read(text: string, filter: PlaceFilter): { key: string; countries: ReadonlySet<string> | undefined } {
    const chosen = (filter.countries ?? []).filter((c) => c !== 'EU');
    let key = placeKey(text.slice(0, 200));
    let countries: ReadonlySet<string> | undefined = chosen.length > 0 ? new Set(chosen) : undefined;
    // A country named with the place ("cork ireland", "Košice, Slovensko") narrows the search, unless
    // the whole text is a place's name.
    if (!this.byKey.has(key)) {
      const hint = countryHint(key);
      if (hint && (!countries || countries.has(hint.country))) {
        key = hint.rest;
        countries = new Set([hint.country]);
      }
    }
    return { key, countries };
  }

  /**
   * The centre of a listing's city (`Mestre (Venice)` is Mestre, else Venice) in one of its countries,
   * or undefined when the gazetteer does not know it. Exact names only: a listing's place is never
   * guessed from a near miss.
   */
  cityPoint(city: string, countries: readonly string[]): GazetteerPlace | undefined {
    const within = countries.filter((c) => c !== 'EU');
    const cacheKey = `${city}\u0000${within.join(',')}`;
    const cached = this.cityPoints.get(cacheKey);
    if (cached !== undefined) return cached ?? undefined;
    const allowed = within.length > 0 ? new Set(within) : undefined;
    const outer = city.replace(/\(.*?\)/g, ' ');
    const inner = [...city.matchAll(/\((.*?)\)/g)].map((m) => m[1]!);
    let found: GazetteerPlace | undefined;
    for (const name of [city, outer, ...inner]) {
      const key = placeKey(name);
      const best = key ? this.exact(key, allowed)[0] : undefined;
      if (best !== undefined) {
        found = this.place(best);
        break;
      }
    }
    this.cityPoints.set(cacheKey, found ?? null);
    return found;
  }
}

let shared: Gazetteer | undefined;

/** The packaged gazetteer, read on first use (about 2 MB of text; see docs/near-me.md for its memory). */
export function gazetteer(): Gazetteer {
  shared ??= Gazetteer.fromFile();
  return shared;
}
