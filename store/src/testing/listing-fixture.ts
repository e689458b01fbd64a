import type { ListingRecord } from '@skillway/core';

/** A valid listing for tests; its country follows the id's prefix (`ie-…` -> IE, `eu-…` -> EU). */
export function fixtureListing(id: string, overrides: Partial<ListingRecord> = {}): ListingRecord {
  return {
    id,
    kind: 'service',
    name: `Listing ${id}`,
    organisation: null,
    countries: [id.startsWith('eu-') ? 'EU' : (id.slice(0, 2).toUpperCase() as ListingRecord['countries'][number])],
    city: null,
    summary: 'Helps refugees get their qualifications recognised.',
    categories: ['qualification-recognition'],
    audiences: ['refugees'],
    occupations: [],
    skills: [],
    languages: ['en'],
    cost: 'free',
    delivery: ['online'],
    url: `https://example.org/${id}`,
    source_url: `https://example.org/${id}/source`,
    active: true,
    ...overrides,
  };
}
