import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import type { ListingRecord } from '@skillway/core';
import type { Taxonomy } from '@skillway/store';
import { fixtureListing } from '@skillway/store/testing';

export { fixtureListing };

/** Test data shared by the indexer's tests: a small taxonomy and a few listings that reference it. */

export const NURSE_URI = 'http://data.europa.eu/esco/occupation/00000000-0000-0000-0000-000000000001';
export const COOK_URI = 'http://data.europa.eu/esco/occupation/00000000-0000-0000-0000-000000000002';
export const NURSING_SKILL_URI = 'http://data.europa.eu/esco/skill/00000000-0000-0000-0000-000000000001';
export const COOKING_SKILL_URI = 'http://data.europa.eu/esco/skill/00000000-0000-0000-0000-000000000002';

export function fixtureTaxonomy(): Taxonomy {
  const group = (code: string, en: string) => ({ code, level: code.length, labels: { en } });
  return {
    iscoGroups: [
      group('2', 'Professionals'),
      group('22', 'Health professionals'),
      group('222', 'Nursing and midwifery professionals'),
      group('2221', 'Nursing professionals'),
      group('5', 'Service and sales workers'),
      group('51', 'Personal service workers'),
      group('512', 'Cooks'),
      group('5120', 'Cooks'),
    ],
    occupations: [
      {
        uri: NURSE_URI,
        code: '2221.1',
        isco: '2221',
        labels: { en: 'specialist nurse', hu: 'szakápoló' },
        alt_en: ['nurse'],
      },
      { uri: COOK_URI, code: '5120.1', isco: '5120', labels: { en: 'cook', es: 'cocinero/cocinera' } },
    ],
    skills: [
      {
        uri: NURSING_SKILL_URI,
        type: 'skill/competence',
        reuse: 'sector-specific',
        labels: { en: 'provide nursing care' },
      },
      { uri: COOKING_SKILL_URI, type: 'skill/competence', reuse: 'sector-specific', labels: { en: 'cook meals' } },
    ],
    occupationSkills: { [NURSE_URI]: [NURSING_SKILL_URI], [COOK_URI]: [COOKING_SKILL_URI] },
  };
}

export function fixtureListings(): ListingRecord[] {
  return [
    fixtureListing('ie-org', { kind: 'organisation', name: 'Irish nursing board', occupations: ['2221', '22'] }),
    fixtureListing('ie-org-service', {
      organisation: 'ie-org',
      name: 'Registration for nurses trained abroad',
      occupations: [NURSE_URI],
      skills: ['nursing', NURSING_SKILL_URI],
    }),
    fixtureListing('nl-cooking-course', {
      kind: 'initiative',
      categories: ['vocational-training', 'language-training'],
      occupations: ['5120'],
      languages: ['nl', 'ar'],
      delivery: ['in-person'],
      active: null,
    }),
    fixtureListing('eu-skills-tool', { categories: ['skills-assessment'], cost: 'unknown', checked_at: '2026-11-22' }),
  ];
}

/** Writes listings.json (an array, or raw text) and the taxonomy into a fresh temp folder. */
export function writeDataDir(
  listings: unknown[] | string,
  taxonomy: Taxonomy = fixtureTaxonomy(),
  root = mkdtempSync(join(tmpdir(), 'skillway-indexer-')),
): string {
  mkdirSync(join(root, 'taxonomy'), { recursive: true });
  writeFileSync(
    join(root, 'listings.json'),
    typeof listings === 'string' ? listings : JSON.stringify(listings, null, 2),
  );
  writeFileSync(join(root, 'taxonomy', 'isco_groups.json'), JSON.stringify(taxonomy.iscoGroups));
  writeFileSync(join(root, 'taxonomy', 'occupations.json'), JSON.stringify(taxonomy.occupations));
  writeFileSync(join(root, 'taxonomy', 'skills.json'), JSON.stringify(taxonomy.skills));
  writeFileSync(join(root, 'taxonomy', 'occupation_skills.json'), JSON.stringify(taxonomy.occupationSkills));
  return root;
}

/** Every row of every table (FTS shadow tables included), in a fixed order: equal dumps, equal databases. */
export function dumpDatabase(path: string): Record<string, unknown[]> {
  // Read-write so that a WAL left by a killed process is recovered, as the next real open would.
  const sqlite = new SQLite(path, { fileMustExist: true });
  try {
    const tables = sqlite
      .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`)
      .pluck()
      .all() as string[];
    return Object.fromEntries(
      tables.map((t) => {
        const width = sqlite.prepare(`select * from "${t}"`).columns().length;
        const order = Array.from({ length: width }, (_, i) => i + 1).join(', ');
        return [t, sqlite.prepare(`select * from "${t}" order by ${order}`).all()];
      }),
    );
  } finally {
    sqlite.close();
  }
}

/** A data/taxonomy/skillway-labels.json for the fixture taxonomy (the project's own labels). */
export function fixtureSkillwayLabels(): Record<string, unknown> {
  return {
    source: 'skillway',
    about: "Skillway's own translations, not ESCO's (test fixture).",
    isco_groups: [
      { code: '2221', en: 'Nursing professionals', labels: { uk: 'Медичні сестри та брати', fa: 'پرستاران' } },
      { code: '5120', labels: { uk: 'Кухарі', fa: 'آشپزها' } },
    ],
    occupations: [
      {
        uri: NURSE_URI,
        en: 'specialist nurse',
        labels: { uk: ['медсестра-спеціаліст', 'медсестра'], fa: ['پرستار متخصص'], ar: ['ممرض', 'ممرضة'] },
      },
      // "cocinero/cocinera" is ESCO's own Spanish label: skipped, not an error.
      { uri: COOK_URI, labels: { uk: ['кухар', 'кухарка'], fa: ['آشپز'], es: ['cocinero/cocinera'] } },
    ],
  };
}

/** Writes (or with `undefined`, leaves out) taxonomy/skillway-labels.json in a data folder. */
export function writeSkillwayLabels(dataDir: string, labels: unknown): void {
  writeFileSync(
    join(dataDir, 'taxonomy', 'skillway-labels.json'),
    typeof labels === 'string' ? labels : JSON.stringify(labels, null, 2),
  );
}
