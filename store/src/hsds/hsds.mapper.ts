import type { ListingRecord, Location } from '@skillway/core';
import { hsdsId } from './hsds-ids';
import { PROTECTION_STATUS_NAMES, termId, termOfValue, type TermRef } from './hsds-taxonomies';
import type {
  HsdsAttribute,
  HsdsLocation,
  HsdsOrganization,
  HsdsOrganizationSummary,
  HsdsService,
  HsdsServiceAtLocation,
  HsdsServiceSummary,
  HsdsTaxonomyTerm,
} from './hsds.types';

/**
 * Skillway listing -> HSDS records. Pure functions: the caller reads the listing (and its organisation,
 * and the terms its values name) and gets back what the HSDS API answers and the export writes.
 *
 * - Every listing is an HSDS service (what people look for); a listing of kind `organisation` is also an
 *   HSDS organization, and its own service belongs to it. Services of an organisation listing belong to
 *   that organization; a service whose organisation Skillway does not know has no organization_id.
 * - Texts are the listing's own, in its `text_lang` (an attribute of link_type `text_language` says
 *   which). HSDS 3 has one text per field, so translations are not exported (see README).
 * - Unknown stays unknown: a field Skillway does not know is left out, never guessed.
 */

export interface ListingWithDates {
  record: ListingRecord;
  /** when the listing last changed in Skillway (HSDS last_modified) */
  updatedAt: string;
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
const countryName = (code: string) => (code === 'EU' ? 'European Union' : (regionNames.of(code) ?? code));

export function serviceId(listingId: string): string {
  return hsdsId('service', listingId);
}
export function organizationId(listingId: string): string {
  return hsdsId('organization', listingId);
}

/** The organization a listing's service belongs to: itself for organisations, else its organisation. */
export function organizationIdOf(record: ListingRecord): string | undefined {
  if (record.kind === 'organisation') return organizationId(record.id);
  return record.organisation ? organizationId(record.organisation) : undefined;
}

/** The listing's places: its `locations`, or the one city it names when it has none. */
export function placesOf(record: ListingRecord): Location[] {
  if (record.locations && record.locations.length > 0) return record.locations;
  return record.city ? [{ city: record.city }] : [];
}

/** The HSDS location of a listing's place number `position`. */
export function locationOf(record: ListingRecord, position: number): HsdsLocation {
  const place = placesOf(record)[position]!;
  const id = hsdsId('location', record.id, position);
  const orgId = organizationIdOf(record);
  // HSDS requires every part of an address; a part Skillway does not know is an empty string, and a
  // listing in several countries gives none (we cannot tell which one the place is in).
  const country = record.countries.length === 1 && record.countries[0] !== 'EU' ? record.countries[0]! : '';
  const known = place.address ?? place.city ?? place.postcode;
  return {
    id,
    location_type: 'physical',
    ...(orgId && { organization_id: orgId }),
    ...((place.name ?? place.city) && { name: place.name ?? place.city }),
    ...(place.latitude !== undefined && { latitude: place.latitude }),
    ...(place.longitude !== undefined && { longitude: place.longitude }),
    addresses: known
      ? [
          {
            id: hsdsId('address', record.id, position),
            location_id: id,
            address_1: place.address ?? '',
            city: place.city ?? '',
            ...(place.region && { region: place.region }),
            state_province: place.region ?? '',
            postal_code: place.postcode ?? '',
            country,
            address_type: 'physical',
          },
        ]
      : [],
    accessibility: place.accessibility
      ? [{ id: hsdsId('accessibility', record.id, position), location_id: id, description: place.accessibility }]
      : [],
  };
}

export function serviceAtLocationOf(record: ListingRecord, position: number): HsdsServiceAtLocation {
  const location = locationOf(record, position);
  return {
    id: hsdsId('service_at_location', record.id, position),
    service_id: serviceId(record.id),
    location_id: location.id,
    location,
  };
}

function eligibilityText(record: ListingRecord): string | undefined {
  const statuses = record.eligibility?.statuses?.map((s) => PROTECTION_STATUS_NAMES[s]);
  const parts = [statuses?.length ? `Open to: ${statuses.join('; ')}.` : undefined, record.eligibility?.note];
  const text = parts.filter(Boolean).join(' ');
  return text || undefined;
}

function feesText(record: ListingRecord): string | undefined {
  if (record.fees) return record.fees;
  if (record.cost === 'free') return 'Free of charge.';
  if (record.cost === 'fee') return 'There is a fee; Skillway does not record the amount.';
  return undefined;
}

/** The one-to-one fields of a listing's service (the items of `/services`). */
export function serviceSummaryOf({ record, updatedAt }: ListingWithDates): HsdsServiceSummary {
  const orgId = organizationIdOf(record);
  const email = record.emails?.[0]?.address;
  const application = record.how_to_apply;
  const eligibility = eligibilityText(record);
  const fees = feesText(record);
  return {
    id: serviceId(record.id),
    ...(orgId && { organization_id: orgId }),
    name: record.name,
    description: record.summary,
    url: record.url,
    ...(email && { email }),
    // HSDS requires a status from its list, which has no "unknown": a listing not known to have ended
    // is `active`, and the alert says that nobody has confirmed it.
    status: record.active === false ? 'defunct' : 'active',
    ...(application && { application_process: application }),
    ...(fees && { fees_description: fees }),
    ...(eligibility && { eligibility_description: eligibility }),
    ...(record.checked_at && { assured_date: record.checked_at }),
    ...(record.active === null && {
      alert: 'Skillway has no source confirming that this service still runs; check with the provider.',
    }),
    last_modified: updatedAt,
  };
}

/** The taxonomy terms a listing names, for termsOf(). */
export function termRefsOf(record: ListingRecord): TermRef[] {
  return valuesOf(record).flatMap(([field, value]) => termOfValue(field, value) ?? []);
}

function valuesOf(record: ListingRecord): [string, string][] {
  return [
    ['kind', record.kind],
    ...record.categories.map((v) => ['categories', v] as [string, string]),
    ...record.audiences.map((v) => ['audiences', v] as [string, string]),
    ...(record.eligibility?.statuses ?? []).map((v) => ['eligibility', v] as [string, string]),
    ...record.delivery.map((v) => ['delivery', v] as [string, string]),
    ...record.occupations.map((v) => ['occupations', v] as [string, string]),
    ...record.skills.map((v) => ['skills', v] as [string, string]),
  ];
}

const LINK_TYPES: Record<string, string> = {
  kind: 'listing_kind',
  categories: 'category',
  audiences: 'audience',
  eligibility: 'eligibility',
  delivery: 'delivery',
  occupations: 'occupation',
  skills: 'skill',
};

/** The service's classifications as HSDS attributes; `terms` (from termsOf) by term id. */
export function attributesOf(record: ListingRecord, terms: ReadonlyMap<string, HsdsTaxonomyTerm>): HsdsAttribute[] {
  const link = { link_id: serviceId(record.id), link_entity: 'service' };
  const attributes: HsdsAttribute[] = [];
  for (const [field, value] of valuesOf(record)) {
    const ref = termOfValue(field, value);
    const term = ref && terms.get(termId(ref));
    const id = hsdsId('attribute', record.id, field, value);
    if (term) {
      attributes.push({ id, ...link, link_type: LINK_TYPES[field]!, taxonomy_term_id: term.id, taxonomy_term: term });
    } else if (field === 'skills' && !ref) {
      // a free English tag: no taxonomy holds it, so it travels as a value
      attributes.push({ id, ...link, link_type: 'skill', value, label: 'Skill (free tag, in English)' });
    }
  }
  attributes.push({
    id: hsdsId('attribute', record.id, 'text_language'),
    ...link,
    link_type: 'text_language',
    value: record.text_lang ?? 'en',
    label: 'Language (ISO 639-1) of the name, description and other texts of this record',
  });
  return attributes;
}

export function organizationSummaryOf(record: ListingRecord): HsdsOrganizationSummary {
  const email = record.emails?.[0]?.address;
  return {
    id: organizationId(record.id),
    name: record.name,
    description: record.summary,
    ...(email && { email }),
    website: record.url,
  };
}

/** An organisation listing as an HSDS organization (without its services). */
export function organizationOf(record: ListingRecord): HsdsOrganization {
  const id = organizationId(record.id);
  return {
    ...organizationSummaryOf(record),
    additional_websites:
      record.source_url !== record.url
        ? [
            {
              id: hsdsId('url', record.id, 'organization-source'),
              label: 'Source checked by Skillway',
              url: record.source_url,
              organization_id: id,
            },
          ]
        : [],
    phones: (record.phones ?? []).map((p, i) => ({
      id: hsdsId('phone', record.id, 'organization', i),
      organization_id: id,
      number: p.number,
      ...(p.description && { description: p.description }),
    })),
    contacts: (record.emails ?? []).map((e, i) => ({
      id: hsdsId('contact', record.id, 'organization', i),
      organization_id: id,
      ...(e.description && { name: e.description }),
      email: e.address,
    })),
    locations: placesOf(record).map((_, i) => locationOf(record, i)),
  };
}

const BYDAY = { mo: 'MO', tu: 'TU', we: 'WE', th: 'TH', fr: 'FR', sa: 'SA', su: 'SU' } as const;

/** The fully nested service of a listing. `organization`: the listing's organisation, when known. */
export function serviceOf(
  listing: ListingWithDates,
  organization: ListingRecord | undefined,
  terms: ReadonlyMap<string, HsdsTaxonomyTerm>,
): HsdsService {
  const { record } = listing;
  const id = serviceId(record.id);
  const own = record.kind === 'organisation' ? record : organization;
  return {
    ...serviceSummaryOf(listing),
    ...(own && { organization: organizationSummaryOf(own) }),
    additional_urls:
      record.source_url !== record.url
        ? [
            {
              id: hsdsId('url', record.id, 'source'),
              label: 'Source checked by Skillway',
              url: record.source_url,
              service_id: id,
            },
          ]
        : [],
    phones: (record.phones ?? []).map((p, i) => ({
      id: hsdsId('phone', record.id, i),
      service_id: id,
      number: p.number,
      ...(p.description && { description: p.description }),
    })),
    contacts: (record.emails ?? []).map((e, i) => ({
      id: hsdsId('contact', record.id, i),
      service_id: id,
      ...(e.description && { name: e.description }),
      email: e.address,
    })),
    schedules: [
      ...(record.schedules ?? []).map((s, i) => ({
        id: hsdsId('schedule', record.id, i),
        service_id: id,
        freq: 'WEEKLY' as const,
        wkst: 'MO' as const,
        byday: s.days.map((d) => BYDAY[d]).join(','),
        opens_at: s.opens,
        closes_at: s.closes,
        ...(s.note && { description: s.note }),
      })),
      ...(record.hours_note
        ? [{ id: hsdsId('schedule', record.id, 'note'), service_id: id, description: record.hours_note }]
        : []),
    ],
    service_areas: serviceAreasOf(record),
    languages: record.languages.map((code) => ({
      id: hsdsId('language', record.id, code),
      service_id: id,
      name: languageNames.of(code) ?? code,
      code,
    })),
    required_documents: record.documents
      ? [{ id: hsdsId('required_document', record.id), service_id: id, document: record.documents }]
      : [],
    service_at_locations: placesOf(record).map((_, i) => serviceAtLocationOf(record, i)),
    attributes: attributesOf(record, terms),
  };
}

/** Regions and cities when the listing names them; otherwise its countries, whole. */
function serviceAreasOf(record: ListingRecord): HsdsService['service_areas'] {
  const id = serviceId(record.id);
  const where = record.countries.map(countryName).join(', ');
  const named = [
    ...(record.service_area?.regions ?? []).map((name) => ({ name, description: `Region (${where})` })),
    ...(record.service_area?.cities ?? []).map((name) => ({ name, description: `City (${where})` })),
  ];
  const areas = named.length
    ? named
    : record.countries.map((c) => ({
        name: countryName(c),
        description: c === 'EU' ? 'EU-wide or several countries' : 'The whole country',
      }));
  return areas.map((a, i) => ({ id: hsdsId('service_area', record.id, i), service_id: id, ...a }));
}
