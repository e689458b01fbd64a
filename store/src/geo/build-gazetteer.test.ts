import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGazetteer, gazetteerRow } from './build-gazetteer';
import { GAZETTEER_FILE } from './gazetteer';

/** A line of GeoNames' cities500.txt: geonameid, name, asciiname, alternatenames, lat, lon, class, code, country, …, population */
const line = (over: Partial<Record<'name' | 'alternates' | 'code' | 'country' | 'population', string>> = {}) => [
  '2965140',
  over.name ?? 'Cork',
  'Cork',
  over.alternates ?? 'Corcaigh,Cork,ORK,ke ke,Корк,كورك,کورک,コーク,Cork city',
  '51.89797',
  '-8.47061',
  'P',
  over.code ?? 'PPLA2',
  over.country ?? 'IE',
  '',
  'M',
  '04',
  '',
  '',
  over.population ?? '190384',
];

describe('gazetteer build', () => {
  it('keeps Latin, Cyrillic and Arabic names once each (both Arabic and Persian spellings); drops codes, lower-case romanisations and other scripts', () => {
    expect(gazetteerRow(line())).toEqual({
      id: '2965140',
      country: 'IE',
      lat: 51.89797,
      lon: -8.47061,
      population: 190384,
      name: 'Cork',
      alternates: ['Corcaigh', 'Корк', 'كورك', 'کورک', 'Cork city'],
    });
  });

  it('keeps our countries from 500 people, neighbours from 15,000, nothing else, and no historical places', () => {
    expect(gazetteerRow(line({ population: '600' }))).toBeDefined();
    expect(gazetteerRow(line({ country: 'FR', population: '14000' }))).toBeUndefined();
    expect(gazetteerRow(line({ country: 'FR', population: '16000' }))).toBeDefined();
    expect(gazetteerRow(line({ country: 'US' }))).toBeUndefined();
    expect(gazetteerRow(line({ code: 'PPLH' }))).toBeUndefined();
  });

  it('the committed data/gazetteer/places.tsv is what the script makes from the pinned package', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gazetteer-'));
    try {
      const out = join(dir, 'places.tsv');
      await buildGazetteer(undefined, out);
      expect(readFileSync(out, 'utf8') === readFileSync(GAZETTEER_FILE, 'utf8')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
