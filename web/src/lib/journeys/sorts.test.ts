import { describe, expect, it } from 'vitest';
import { SearchQuerySchema } from '@skillway/core';
import { defaultSort, SORTS } from '$lib/search/search-state';

describe('the sort control', () => {
  it('offers exactly the orders the API takes, and its defaults', () => {
    const schema = SearchQuerySchema.properties.sort as unknown as { enum: string[] };
    expect([...SORTS].sort()).toEqual([...schema.enum].sort());
    // The API's defaults (docs/near-me.md): relevance, or nearest first when there is a place and no words.
    expect(SORTS[0]).toBe('relevance');
    expect(defaultSort({ near: '', q: '' })).toBe('relevance');
    expect(defaultSort({ near: 'Cork', q: '' })).toBe('distance');
    expect(defaultSort({ near: 'Cork', q: 'nurse' })).toBe('relevance');
    expect(defaultSort({ near: 'Cork', q: '  ' })).toBe('distance');
  });
});
