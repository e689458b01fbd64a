import {
  compileValidator,
  ESCO_OCCUPATION_URI_PATTERN,
  ESCO_SKILL_URI_PATTERN,
  listingRuleProblems,
  ListingRecordSchema,
  type ListingRecord,
} from '@skillway/core';
import type { Taxonomy } from '@skillway/store';

export interface TaxonomyIndex {
  iscoCodes: ReadonlySet<string>;
  occupationUris: ReadonlySet<string>;
  skillUris: ReadonlySet<string>;
}

export function indexTaxonomy(taxonomy: Taxonomy): TaxonomyIndex {
  return {
    iscoCodes: new Set(taxonomy.iscoGroups.map((g) => g.code)),
    occupationUris: new Set(taxonomy.occupations.map((o) => o.uri)),
    skillUris: new Set(taxonomy.skills.map((s) => s.uri)),
  };
}

export interface ListingProblem {
  /** 1-based position of the record in the file */
  position: number;
  id: string | undefined;
  /** e.g. `audiences[1]`; empty when the problem is the record as a whole */
  field: string;
  reason: string;
}

/** `data/listings.json: record 17 (be-foo): audiences[1] "refugee" is not one of ...` */
export function formatListingProblem(file: string, p: ListingProblem): string {
  return `${file}: record ${p.position} (${p.id ?? 'no id'}): ${p.field ? `${p.field} ` : ''}${p.reason}`;
}

const checkSchema = compileValidator(ListingRecordSchema);
const escoOccupation = new RegExp(ESCO_OCCUPATION_URI_PATTERN);
const escoSkill = new RegExp(ESCO_SKILL_URI_PATTERN);

const stringId = (record: unknown): string | undefined => {
  const id = (record as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
};

/**
 * Checks every record against the schema and against the others and the taxonomy: unique ids, the id
 * prefix, organisation references, ISCO codes and ESCO URIs that exist. Collects all problems (never
 * stops at the first) so one run shows everything to fix.
 */
export function validateListings(
  records: readonly unknown[],
  taxonomy: TaxonomyIndex,
  onProgress?: (done: number, total: number) => void,
): { records: ListingRecord[]; problems: ListingProblem[] } {
  const problems: ListingProblem[] = [];
  const firstPosition = new Map<string, number>();
  const kindById = new Map<string, unknown>();
  records.forEach((record, i) => {
    const id = stringId(record);
    if (id !== undefined && !firstPosition.has(id)) {
      firstPosition.set(id, i + 1);
      kindById.set(id, (record as { kind?: unknown }).kind);
    }
  });

  records.forEach((record, i) => {
    const position = i + 1;
    const id = stringId(record);
    const add = (field: string, reason: string) => problems.push({ position, id, field, reason });

    for (const error of checkSchema.errors(record)) add(error.field, error.reason);
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      onProgress?.(position, records.length);
      return;
    }
    const r = record as Partial<Record<keyof ListingRecord, unknown>>;
    for (const error of listingRuleProblems(record as Partial<ListingRecord>)) add(error.field, error.reason);

    if (id !== undefined) {
      const first = firstPosition.get(id)!;
      if (first !== position) add('id', `${JSON.stringify(id)} is already the id of record ${first}`);
      const country = Array.isArray(r.countries) && typeof r.countries[0] === 'string' ? r.countries[0] : undefined;
      if (country && !id.startsWith(`${country.toLowerCase()}-`) && !id.startsWith('eu-')) {
        add('id', `${JSON.stringify(id)} must start with "${country.toLowerCase()}-" (its first country) or "eu-"`);
      }
    }

    if (r.kind === 'organisation') {
      if (r.organisation !== null && r.organisation !== undefined) {
        add('organisation', `must be null on an organisation, not ${JSON.stringify(r.organisation)}`);
      }
    } else if (typeof r.organisation === 'string') {
      const target = firstPosition.get(r.organisation);
      if (target === undefined) add('organisation', `${JSON.stringify(r.organisation)} is not the id of any record`);
      else if (kindById.get(r.organisation) !== 'organisation') {
        add(
          'organisation',
          `${JSON.stringify(r.organisation)} is record ${target}, a ${String(kindById.get(r.organisation))}, not an organisation`,
        );
      }
    }

    if (Array.isArray(r.occupations)) {
      r.occupations.forEach((code: unknown, j) => {
        if (typeof code !== 'string') return;
        if (/^\d{1,4}$/.test(code) && !taxonomy.iscoCodes.has(code)) {
          add(`occupations[${j}]`, `${JSON.stringify(code)} is not an ISCO-08 group in the taxonomy`);
        } else if (escoOccupation.test(code) && !taxonomy.occupationUris.has(code)) {
          add(`occupations[${j}]`, `${JSON.stringify(code)} is not an ESCO occupation in the taxonomy`);
        }
      });
    }
    if (Array.isArray(r.skills)) {
      r.skills.forEach((skill: unknown, j) => {
        if (typeof skill === 'string' && escoSkill.test(skill) && !taxonomy.skillUris.has(skill)) {
          add(`skills[${j}]`, `${JSON.stringify(skill)} is not an ESCO skill in the taxonomy`);
        }
      });
    }
    onProgress?.(position, records.length);
  });

  return { records: problems.length === 0 ? (records as ListingRecord[]) : [], problems };
}
