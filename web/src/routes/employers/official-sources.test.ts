import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RIGHT_TO_WORK_SOURCES } from './official-sources';

const listings = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../../data/listings.json'), 'utf8')) as {
  id: string;
  countries: string[];
  audiences: string[];
}[];
const byId = new Map(listings.map((l) => [l.id, l]));

describe('where employers check the right to work', () => {
  it('names only listings of the directory, each in the country it is listed under', () => {
    for (const [country, ids] of Object.entries(RIGHT_TO_WORK_SOURCES)) {
      for (const id of ids) {
        expect(byId.has(id), `${id} is not in data/listings.json`).toBe(true);
        expect(byId.get(id)!.countries).toContain(country);
      }
    }
  });
});
