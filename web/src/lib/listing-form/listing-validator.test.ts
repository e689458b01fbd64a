import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_PATH, generateListingValidator } from './generate-listing-validator';

describe('listing-validator.generated.js', () => {
  it('is core’s listing schema as it is now (run generate-listing-validator.ts after changing it)', async () => {
    expect(
      readFileSync(GENERATED_PATH, 'utf8') === (await generateListingValidator()),
      'the generated checks are stale',
    ).toBe(true);
  });
});
