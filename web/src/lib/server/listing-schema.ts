import { ListingInputSchema } from '@skillway/core';
import type { ObjectSchema } from '$lib/listing-form/listing-form';

/**
 * The API's listing schema as plain JSON, for the form to check fields as they are typed with the
 * same rules the API applies (descriptions dropped: the form has its own words).
 */
export const LISTING_SCHEMA_JSON: ObjectSchema = JSON.parse(
  JSON.stringify({ required: ListingInputSchema.required, properties: ListingInputSchema.properties }, (key, value) =>
    key === 'description' ? undefined : value,
  ),
);
