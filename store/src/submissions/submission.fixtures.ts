import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ListingInput, ListingRecord, UserRole } from '@skillway/core';
import { AccountService } from '../accounts/account.service';
import type { Mailer } from '../accounts/mailer';
import type { Store } from '../db';
import { replaceDataListings } from '../listing.repository';

/** Shared by the store's and the API's tests of submissions: real data, real accounts. */
export const SEED_LISTINGS: ListingRecord[] = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../data/listings.json', import.meta.url)), 'utf8'),
);

/** Loads the seed listings whose ids are given (all when omitted) as origin 'data'. */
export async function loadSeedListings(store: Store, ids?: readonly string[]): Promise<void> {
  const wanted = ids ? new Set(ids) : undefined;
  await replaceDataListings(store.db, wanted ? SEED_LISTINGS.filter((l) => wanted.has(l.id)) : SEED_LISTINGS);
}

/** A valid new service under the ENIC-NARIC organisation of the seed data. */
export function sampleListing(overrides: Partial<ListingInput> = {}): ListingInput {
  return {
    kind: 'service',
    name: 'Nurse Bridging Course Dublin',
    organisation: 'eu-enic-naric-network',
    countries: ['IE'],
    city: 'Dublin',
    summary: 'A bridging course that prepares refugee nurses for registration with the Irish nursing board.',
    categories: ['qualification-recognition', 'vocational-training'],
    audiences: ['refugees'],
    occupations: ['2221'],
    skills: ['nursing'],
    languages: ['en', 'ar'],
    cost: 'free',
    delivery: ['in-person'],
    url: 'https://example.org/nurse-bridging',
    source_url: 'https://example.org/nurse-bridging',
    active: true,
    ...overrides,
  };
}

const noMail: Mailer = { send: async () => {} };

/** Accounts with cheap scrypt parameters: these tests are about submissions, not hashing. */
export async function createTestUser(store: Store, email: string, role: UserRole = 'provider') {
  const accounts = new AccountService(store.db, { mailer: noMail, scrypt: { N: 2 ** 10, r: 8, p: 1 } });
  const user = await accounts.createUser(
    { email, password: 'a long enough password', role },
    { action: 'user.create', actorId: null },
  );
  return { id: user.id, role: user.role, email: user.email };
}
