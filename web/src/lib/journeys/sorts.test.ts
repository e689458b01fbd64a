import { describe, expect, it } from 'vitest';
import { SearchQuerySchema } from '@skillway/core';
import { SORTS } from '$lib/search/search-state';

describe('the sort control', () => {
  it('offers exactly the orders the API takes, default first', () => {
    const schema = SearchQuerySchema.properties.sort as unknown as { enum: string[]; default: string };
    expect([...SORTS].sort()).toEqual([...schema.enum].sort());
    expect(SORTS[0]).toBe(schema.default);
  });
});
