/**
 * The parts of HSDS 3.x that Skillway fills in (field names as in the schemas under schema/; every
 * field we leave out is one Skillway does not know). The schemas are the authority: the tests check
 * every answer and the export against them.
 */
export interface HsdsTaxonomy {
  id: string;
  name: string;
  description: string;
  uri?: string;
  version?: string;
}

export interface HsdsTaxonomyTerm {
  id: string;
  code: string;
  name: string;
  description: string;
  parent_id?: string;
  taxonomy: string;
  taxonomy_id: string;
  language: string;
  term_uri?: string;
}

export interface HsdsAttribute {
  id: string;
  link_id: string;
  link_type: string;
  link_entity: string;
  taxonomy_term_id?: string;
  taxonomy_term?: HsdsTaxonomyTerm;
  value?: string;
  label?: string;
}

export interface HsdsUrl {
  id: string;
  label: string;
  url: string;
  service_id?: string;
  organization_id?: string;
}

export interface HsdsPhone {
  id: string;
  service_id?: string;
  organization_id?: string;
  number: string;
  description?: string;
}

export interface HsdsContact {
  id: string;
  service_id?: string;
  organization_id?: string;
  name?: string;
  email: string;
}

export interface HsdsSchedule {
  id: string;
  service_id: string;
  freq?: 'WEEKLY';
  wkst?: 'MO';
  byday?: string;
  opens_at?: string;
  closes_at?: string;
  description?: string;
}

export interface HsdsServiceArea {
  id: string;
  service_id: string;
  name: string;
  description?: string;
}

export interface HsdsLanguage {
  id: string;
  service_id: string;
  name: string;
  code: string;
}

export interface HsdsRequiredDocument {
  id: string;
  service_id: string;
  document: string;
}

export interface HsdsAddress {
  id: string;
  location_id: string;
  address_1: string;
  city: string;
  region?: string;
  state_province: string;
  postal_code: string;
  country: string;
  address_type: 'physical';
}

export interface HsdsAccessibility {
  id: string;
  location_id: string;
  description: string;
}

/** A location's one-to-one fields (what paged lists carry). */
export interface HsdsLocationSummary {
  id: string;
  location_type: 'physical';
  organization_id?: string;
  name?: string;
  latitude?: number;
  longitude?: number;
}
export interface HsdsLocation extends HsdsLocationSummary {
  addresses: HsdsAddress[];
  accessibility: HsdsAccessibility[];
}

/** An organization's one-to-one fields. */
export interface HsdsOrganizationSummary {
  id: string;
  name: string;
  description: string;
  email?: string;
  website: string;
}
export interface HsdsOrganization extends HsdsOrganizationSummary {
  additional_websites: HsdsUrl[];
  phones: HsdsPhone[];
  contacts: HsdsContact[];
  locations: HsdsLocation[];
}

/** A service's one-to-one fields, as paged lists carry them (compiled/service_list.json). */
export interface HsdsServiceSummary {
  id: string;
  organization_id?: string;
  name: string;
  description: string;
  url: string;
  email?: string;
  status: 'active' | 'defunct';
  application_process?: string;
  fees_description?: string;
  eligibility_description?: string;
  assured_date?: string;
  alert?: string;
  last_modified: string;
}

export interface HsdsServiceAtLocationSummary {
  id: string;
  service_id: string;
  location_id: string;
}
export interface HsdsServiceAtLocation extends HsdsServiceAtLocationSummary {
  location: HsdsLocation;
}

/** The fully nested service of `/services/{id}` (compiled/service.json). */
export interface HsdsService extends HsdsServiceSummary {
  organization?: HsdsOrganizationSummary;
  additional_urls: HsdsUrl[];
  phones: HsdsPhone[];
  contacts: HsdsContact[];
  schedules: HsdsSchedule[];
  service_areas: HsdsServiceArea[];
  languages: HsdsLanguage[];
  required_documents: HsdsRequiredDocument[];
  service_at_locations: HsdsServiceAtLocation[];
  attributes: HsdsAttribute[];
}

/** The profile's paging, on every list. */
export interface HsdsPage<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}
