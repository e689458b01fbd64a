import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ListingRecord } from '@skillway/core';
import { fixtureListing } from '../testing';
import { HsdsDirectory } from './hsds-directory';
import { createHsdsValidator } from './hsds-validator';
import { organizationId, serviceId } from './hsds.mapper';
import { taxonomyId, termId } from './hsds-taxonomies';
import { describeEachDatabase, type TestStore } from '../testing/test-databases';

/** A listing with every field of the model filled in, and its organisation. */
const org: ListingRecord = fixtureListing('be-hsds-org', {
  kind: 'organisation',
  name: 'HSDS Test Organisation',
  organisation: null,
  countries: ['BE'],
  phones: [{ number: '+32 2 000 00 00', description: 'reception' }],
});
const full: ListingRecord = fixtureListing('be-hsds-full', {
  kind: 'service',
  name: 'Diploma recognition help',
  organisation: 'be-hsds-org',
  countries: ['BE'],
  city: 'Brussels',
  categories: ['qualification-recognition'],
  audiences: ['refugees'],
  occupations: ['2221', 'http://data.europa.eu/esco/occupation/f2cc5978-e45c-4f28-b859-7f89221b0505'],
  skills: ['http://data.europa.eu/esco/skill/9bc3b9ae-50d8-4a32-857e-8cf8d9b4ba8e', 'driving'],
  languages: ['fr', 'ar'],
  cost: 'free',
  delivery: ['in-person'],
  active: null,
  checked_at: '2026-12-01',
  text_lang: 'fr',
  eligibility: { statuses: ['refugee', 'subsidiary-protection'], note: 'Living in Brussels.' },
  documents: 'Your diploma and residence permit.',
  how_to_apply: 'Book an appointment by phone.',
  locations: [
    {
      name: 'Main office',
      address: 'Rue Exemple 1',
      city: 'Brussels',
      postcode: '1000',
      latitude: 50.85,
      longitude: 4.35,
      accessibility: 'Step-free entrance.',
    },
    { city: 'Liège' },
  ],
  schedules: [{ days: ['mo', 'tu'], opens: '09:00', closes: '12:30', note: 'walk-in' }],
  hours_note: 'Closed in August.',
  phones: [{ number: '+32 2 000 00 01' }],
  emails: [{ address: 'help@example.org', description: 'appointments' }],
  service_area: { cities: ['Brussels', 'Liège'] },
});

let store: TestStore;
let directory: HsdsDirectory;
const strict = createHsdsValidator({ closed: true });
const paging = { page: 1, perPage: 500 };

describeEachDatabase('HsdsDirectory', (database) => {
  beforeAll(async () => {
    store = await database.openSeeded([org, full], { withSkills: true });
    directory = new HsdsDirectory(store.db);
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it('gives a fully nested service that is valid HSDS with every field of the listing mapped', async () => {
    const service = await directory.service(serviceId('be-hsds-full'));
    expect(strict.table('service', service)).toEqual([]);
    expect(service).toMatchObject({
      name: 'Diploma recognition help',
      organization_id: organizationId('be-hsds-org'),
      organization: { name: 'HSDS Test Organisation' },
      status: 'active',
      alert: expect.stringContaining('no source confirming'),
      application_process: 'Book an appointment by phone.',
      fees_description: 'Free of charge.',
      eligibility_description:
        'Open to: Recognised refugees; Beneficiaries of subsidiary protection. Living in Brussels.',
      assured_date: '2026-12-01',
      email: 'help@example.org',
      required_documents: [{ document: 'Your diploma and residence permit.' }],
      phones: [{ number: '+32 2 000 00 01' }],
      contacts: [{ email: 'help@example.org', name: 'appointments' }],
      languages: [
        { code: 'fr', name: 'French' },
        { code: 'ar', name: 'Arabic' },
      ],
      service_areas: [{ name: 'Brussels' }, { name: 'Liège' }],
      schedules: [
        { freq: 'WEEKLY', byday: 'MO,TU', opens_at: '09:00', closes_at: '12:30', description: 'walk-in' },
        { description: 'Closed in August.' },
      ],
    });
    const [main, second] = service!.service_at_locations;
    expect(main!.location).toMatchObject({
      name: 'Main office',
      latitude: 50.85,
      longitude: 4.35,
      addresses: [{ address_1: 'Rue Exemple 1', city: 'Brussels', postal_code: '1000', country: 'BE' }],
      accessibility: [{ description: 'Step-free entrance.' }],
    });
    // a part of an address nobody gave is empty, not made up
    expect(second!.location.addresses[0]).toMatchObject({ address_1: '', city: 'Liège', postal_code: '' });

    const byType = (type: string) => service!.attributes.filter((a) => a.link_type === type);
    expect(byType('occupation').map((a) => a.taxonomy_term?.name)).toEqual([
      'Nursing professionals',
      'air force officer',
    ]);
    expect(byType('occupation')[0]!.taxonomy_term_id).toBe(termId({ taxonomy: 'isco-08', code: '2221' }));
    expect(byType('skill').map((a) => a.taxonomy_term?.name ?? a.value)).toEqual([
      '3D body scanning technologies',
      'driving',
    ]);
    expect(byType('eligibility')).toHaveLength(2);
    expect(byType('text_language')).toEqual([expect.objectContaining({ value: 'fr' })]);
  });

  it('pages services, organizations, services at locations, taxonomies and terms as valid HSDS', async () => {
    const services = await directory.services({}, paging);
    expect(strict.page(services, (s) => strict.listItem('service_list', s))).toEqual([]);
    expect(services.total_items).toBe(2);

    const orgs = await directory.organizations({}, paging);
    expect(strict.page(orgs, (o) => strict.listItem('organization_list', o))).toEqual([]);
    expect(orgs.contents.map((o) => o.name)).toEqual(['HSDS Test Organisation']);

    const organization = await directory.organization(organizationId('be-hsds-org'), true);
    expect(strict.nested('organization', organization)).toEqual([]);
    expect(organization!.services.map((s) => s.name)).toEqual(['HSDS Test Organisation', 'Diploma recognition help']);

    const places = await directory.servicesAtLocations({}, paging);
    expect(strict.page(places, (p) => strict.listItem('service_at_location_list', p))).toEqual([]);
    expect(places.total_items).toBe(2);
    const place = await directory.serviceAtLocation(places.contents[0]!.id);
    expect(strict.nested('service_at_location', place)).toEqual([]);

    const taxonomies = directory.taxonomies(paging);
    expect(strict.page(taxonomies, (t) => strict.table('taxonomy', t))).toEqual([]);
    expect(taxonomies.contents.find((t) => t.name === 'ESCO occupations')?.description).toContain(
      'This service uses the ESCO classification of the European Commission.',
    );

    const terms = await directory.taxonomyTerms({}, { page: 3, perPage: 100 });
    expect(strict.page(terms, (t) => strict.table('taxonomy_term', t))).toEqual([]);
    expect(terms.contents).toHaveLength(100);
  });

  it('filters services by organization, taxonomy term and taxonomy; unknown ids match nothing', async () => {
    const names = async (filter: Parameters<HsdsDirectory['services']>[0]) =>
      (await directory.services(filter, paging)).contents.map((s) => s.name);
    expect(await names({ organizationId: organizationId('be-hsds-org') })).toHaveLength(2);
    const nurse = termId({ taxonomy: 'isco-08', code: '2221' });
    expect(await names({ taxonomyTermId: nurse })).toEqual(['Diploma recognition help']);
    const refugee = termId({ taxonomy: 'skillway-protection-statuses', code: 'refugee' });
    expect(await names({ taxonomyTermId: refugee })).toEqual(['Diploma recognition help']);
    expect(await names({ taxonomyId: taxonomyId('esco-skills') })).toEqual(['Diploma recognition help']);
    expect(await names({ search: 'diploma' })).toEqual(['Diploma recognition help']);
    expect(await names({ taxonomyTermId: '00000000-0000-4000-8000-000000000000' })).toEqual([]);
    expect(await directory.service('00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });

  it('pages ISCO terms under a parent, and counts pages as the profile says', async () => {
    const parent = termId({ taxonomy: 'isco-08', code: '222' });
    const children = await directory.taxonomyTerms({ parentId: parent }, { page: 1, perPage: 1 });
    expect(children).toMatchObject({
      total_items: 2,
      total_pages: 2,
      page_number: 1,
      size: 1,
      first_page: true,
      last_page: false,
    });
    expect(children.contents[0]).toMatchObject({ code: '2221', parent_id: parent });
  });

  it('finds a listing added after the first look (the id index follows the listings)', async () => {
    await directory.services({}, paging);
    const later = fixtureListing('be-hsds-later', { kind: 'initiative' });
    const { upsertListing } = await import('../listing.repository');
    await upsertListing(store.db, later, 'provider');
    expect((await directory.service(serviceId('be-hsds-later')))?.name).toBe(later.name);
  });
});
