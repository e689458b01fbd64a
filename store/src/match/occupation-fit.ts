import { MATCH_WEIGHTS, type OccupationFit } from './match.weights';

const W = MATCH_WEIGHTS.occupation;

export interface CodeRelation {
  fit: OccupationFit | 'within';
  weight: number;
  personCode: string;
  listingCode: string;
  /** the group both codes sit in (for siblings), else the broader of the two */
  sharedCode: string;
}

/** Weight of a listing naming the person's group at `level` digits (1 major ... 4 unit). */
const LEVEL_FIT: Record<number, OccupationFit> = { 1: 'major', 2: 'subMajor', 3: 'minor', 4: 'exact' };

/**
 * How one ISCO code of the person relates to one ISCO code a listing is tagged with. The single
 * definition: the SQL ranking gets its weight table from here, and the reasons are written from it.
 */
export function relateCodes(personCode: string, listingCode: string): CodeRelation {
  const base = { personCode, listingCode };
  if (personCode === listingCode) return { ...base, fit: 'exact', weight: W.exact, sharedCode: personCode };
  if (personCode.startsWith(listingCode)) {
    const fit = LEVEL_FIT[listingCode.length]!;
    return { ...base, fit, weight: W[fit], sharedCode: listingCode };
  }
  if (listingCode.startsWith(personCode)) {
    const level = LEVEL_FIT[personCode.length]!;
    return { ...base, fit: 'within', weight: W[level] - W.withinPenalty, sharedCode: personCode };
  }
  let shared = 0;
  while (shared < personCode.length && personCode[shared] === listingCode[shared]) shared++;
  const sharedCode = personCode.slice(0, shared);
  if (shared >= 3) return { ...base, fit: 'siblingMinor', weight: W.siblingMinor, sharedCode };
  if (shared === 2) return { ...base, fit: 'siblingSubMajor', weight: W.siblingSubMajor, sharedCode };
  return { ...base, fit: 'other', weight: W.other, sharedCode };
}

/** The best relation between any of the person's codes and any of the listing's (ties: first pair). */
export function bestRelation(personCodes: readonly string[], listingCodes: readonly string[]): CodeRelation | null {
  let best: CodeRelation | null = null;
  for (const listingCode of listingCodes) {
    for (const personCode of personCodes) {
      const relation = relateCodes(personCode, listingCode);
      if (!best || relation.weight > best.weight) best = relation;
    }
  }
  return best;
}

/**
 * Every ISCO code in the taxonomy that a listing could be tagged with, grouped by the weight it earns
 * against the person's codes (codes earning the `other` weight are left out). This is what the SQL
 * ranking query compares listing values with: a few IN lists instead of per-row logic.
 */
export function occupationWeightTable(
  personCodes: readonly string[],
  allCodes: Iterable<string>,
): { weight: number; codes: string[] }[] {
  const byWeight = new Map<number, string[]>();
  if (personCodes.length === 0) return [];
  // Codes that share no digit with any of the person's codes can only be `other`: skip them cheaply.
  const firstDigits = new Set(personCodes.map((c) => c[0]));
  for (const code of allCodes) {
    if (!firstDigits.has(code[0])) continue;
    let weight: number = W.other;
    for (const personCode of personCodes) weight = Math.max(weight, relateCodes(personCode, code).weight);
    if (weight === W.other) continue;
    const codes = byWeight.get(weight);
    if (codes) codes.push(code);
    else byWeight.set(weight, [code]);
  }
  return [...byWeight.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([weight, codes]) => ({ weight, codes: codes.sort() }));
}
