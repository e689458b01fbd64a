import { v5 as uuidv5 } from 'uuid';

/**
 * HSDS wants every record to have a UUID; Skillway's listings have readable ids (`be-foo`). Each HSDS
 * record gets a name-based (version 5) UUID of what it is and where it comes from, so the same listing
 * has the same HSDS ids in every export and every API answer, and nobody has to store them.
 * Never change this namespace: it would change every published id.
 */
export const SKILLWAY_HSDS_NAMESPACE = '6f1c7c2e-3a57-4d0b-9d51-5b3f8e1a2c40';

export type HsdsEntity =
  | 'service'
  | 'organization'
  | 'location'
  | 'service_at_location'
  | 'address'
  | 'accessibility'
  | 'phone'
  | 'contact'
  | 'schedule'
  | 'service_area'
  | 'language'
  | 'required_document'
  | 'url'
  | 'attribute'
  | 'taxonomy'
  | 'taxonomy_term';

/** `hsdsId('service', 'be-foo')`, `hsdsId('phone', 'be-foo', 0)`: parts joined with `/`. */
export function hsdsId(entity: HsdsEntity, ...parts: (string | number)[]): string {
  return uuidv5(`${entity}/${parts.join('/')}`, SKILLWAY_HSDS_NAMESPACE);
}
