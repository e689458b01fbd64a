import { ListingInputSchema, type FieldChange, type ListingInput } from '@skillway/core';

/** Field order of the schema, so a diff reads like the form. */
export const LISTING_INPUT_FIELDS = Object.keys(ListingInputSchema.properties) as (keyof ListingInput)[];

/**
 * Field-by-field differences between two versions of a listing's content (`before` null for a new
 * listing: every field that is set). Lists compare in order, since the order is shown to readers.
 */
export function diffListing(before: Partial<ListingInput> | null, after: Partial<ListingInput>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of LISTING_INPUT_FIELDS) {
    const was = before?.[field];
    const now = after[field];
    if (JSON.stringify(was) === JSON.stringify(now)) continue;
    changes.push({ field, ...(was !== undefined && { before: was }), ...(now !== undefined && { after: now }) });
  }
  return changes;
}
