import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileValidator, ListingInputSchema, type ListingInput, type ListingRecord } from '@skillway/core';
import {
  emptyListingForm,
  fieldsWithIssues,
  formFieldOfPointer,
  formToListing,
  issuesFromApi,
  listingToForm,
  loadListingValidator,
  readListingForm,
  splitList,
  validateListing,
} from './listing-form';
import { fieldName, issueMessage } from './field-messages';
import validate from './listing-validator.generated.js';

const seed = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../../../data/listings.json'), 'utf8'),
) as ListingRecord[];
const ajv = compileValidator(ListingInputSchema);

function contentOf(record: ListingRecord): ListingInput {
  const { id: _id, checked_at: _checked, ...content } = record;
  return content;
}

/** `phones[0].number` -> `/phones/0/number` */
const pointerOf = (field: string) =>
  `/${field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .join('/')}`;

/** The fields Ajv (the API's validator) finds fault with: `countries[1]` is the countries field. */
function ajvFields(draft: unknown): string[] {
  return [...new Set(ajv.errors(draft).map((e) => formFieldOfPointer(pointerOf(e.field))))].sort();
}

describe('the form and the listing', () => {
  it('shows every seed listing in the fields and reads the same listing back, with no issues', () => {
    expect(seed.length).toBeGreaterThan(100);
    for (const record of seed) {
      const content = contentOf(record);
      const draft = formToListing(listingToForm(content, 'uk'));
      // the same listing (which the form says is in English when the record does not say)
      expect(draft, record.id).toEqual({ ...content, text_lang: content.text_lang ?? 'en' });
      expect(validateListing(draft, validate), record.id).toEqual({});
      expect(ajv.errors(draft), record.id).toEqual([]);
    }
  });

  it('reads posted fields as typed: lists split on commas (the Arabic one too), languages by name', () => {
    const data = new FormData();
    for (const [k, v] of [
      ['kind', 'service'],
      ['name', '  <b>Bold</b> name '],
      ['countries', 'IE'],
      ['countries', 'NL'],
      ['languages', 'English، Arabic; українська,, en'],
      ['skills', 'nursing,\nDutch'],
      ['active', 'nonsense'],
      ['unknown', 'ignored'],
    ]) {
      data.append(k!, v!);
    }
    const values = readListingForm(data);
    expect(values.name).toBe('  <b>Bold</b> name ');
    expect(values.countries).toEqual(['IE', 'NL']);
    expect(values.active).toBe('unknown');
    const draft = formToListing(values);
    expect(draft.name).toBe('<b>Bold</b> name');
    expect(draft.languages).toEqual(['en', 'ar', 'uk']);
    expect(draft.skills).toEqual(['nursing', 'Dutch']);
    expect(draft.active).toBeNull();
    expect(draft.organisation).toBeNull();
    expect(draft.city).toBeNull();
    expect('email' in draft).toBe(false);
    expect(splitList(' a ,b;\n a ')).toEqual(['a', 'b']);
  });
});

describe('validateListing', () => {
  const valid = contentOf(seed.find((r) => r.kind === 'service' && r.organisation)!);

  // Each case breaks one field; the form must fault the same field as the API's validator.
  const broken: [string, Partial<Record<keyof ListingInput, unknown>>][] = [
    ['a one-letter name', { name: 'x' }],
    ['an empty name', { name: '' }],
    ['a name too long', { name: 'n'.repeat(301) }],
    ['a url that is not one', { url: 'not a url' }],
    ['an ftp url', { url: 'ftp://example.org/' }],
    ['a source page without a host', { source_url: 'https://' }],
    ['no country', { countries: [] }],
    ['an unknown country', { countries: ['IE', 'XX'] }],
    ['a repeated country', { countries: ['IE', 'IE'] }],
    ['no category', { categories: [] }],
    ['an unknown audience', { audiences: ['refugee'] }],
    ['a language in capitals', { languages: ['EN'] }],
    ['a three-letter language', { languages: ['eng'] }],
    ['a five-digit occupation', { occupations: ['12345'] }],
    ['an occupation name', { occupations: ['nurse'] }],
    ['a skill with markup', { skills: ['<b>nursing</b>'] }],
    ['a skill too long', { skills: ['s'.repeat(101)] }],
    ['a phone with letters', { phones: [{ number: 'call us' }] }],
    ['an e-mail without a domain', { emails: [{ address: 'someone@' }] }],
    ['an e-mail without a dot', { emails: [{ address: 'someone@localhost' }] }],
    ['an organisation id with spaces', { organisation: 'Some Org' }],
    ['a summary too short', { summary: 'Short.' }],
    ['a summary too long', { summary: 's'.repeat(1501) }],
    ['an unknown cost', { cost: 'cheap' }],
    ['no delivery', { delivery: [] }],
    ['no kind', { kind: '' }],
    ['an unknown protection status', { eligibility: { statuses: ['citizen'] } }],
    ['how to apply with markup', { how_to_apply: '<script>x</script>' }],
    ['documents too long', { documents: 'd'.repeat(1001) }],
    ['a postcode too long', { locations: [{ postcode: 'p'.repeat(21) }] }],
    ['an unknown text language', { text_lang: 'english' }],
  ];

  for (const [what, change] of broken) {
    it(`faults the same field as the API for ${what}`, () => {
      const draft = { ...valid, ...change };
      const fields = fieldsWithIssues(validateListing(draft, validate));
      expect(fields).toEqual(ajvFields(draft));
      expect(fields).toHaveLength(1);
    });
  }

  it('fetches the same checks for the browser', async () => {
    expect(await loadListingValidator()).toBe(validate);
  });

  it('reports a missing required field, and an organisation on an organisation', () => {
    const { url: _url, ...withoutUrl } = valid;
    expect(validateListing(withoutUrl, validate)).toEqual({ url: { code: 'required' } });
    expect(validateListing({ ...valid, kind: 'organisation' }, validate)).toEqual({
      organisation: { code: 'organisation_on_organisation' },
    });
  });

  it('counts characters as the API does (a name of two emoji is two characters)', () => {
    expect(validateListing({ ...valid, name: '🙂🙂' }, validate)).toEqual({});
    expect(validateListing({ ...valid, name: '🙂' }, validate)).toEqual({
      name: { code: 'too_short', limit: 2 },
    });
  });

  it('says what is wrong in words that name the rule and the value', () => {
    const issues = validateListing(
      formToListing({ ...emptyListingForm(), url: 'www.example.org', languages: 'English, Klingonish' }),
      validate,
    );
    expect(fieldsWithIssues(issues)).toEqual([
      'kind',
      'name',
      'countries',
      'summary',
      'categories',
      'audiences',
      'languages',
      'delivery',
      'url',
      'source_url',
    ]);
    expect(issueMessage('url', issues.url!)).toBe('Enter a full web address, starting with https://');
    expect(issueMessage('languages', issues.languages!)).toBe(
      'We do not know a language called “Klingonish”. Write its name, such as Arabic or French.',
    );
    expect(issueMessage('countries', issues.countries!)).toBe('Choose at least one.');
    expect(issueMessage('summary', issues.summary!)).toBe('This field is required.');
    expect(fieldName('source_url')).toBe('Source page');
  });
});

describe('issuesFromApi', () => {
  it('puts the API’s field errors on the form’s fields and keeps the rest for above the form', () => {
    const { issues, other } = issuesFromApi([
      { field: 'body.countries[0]', reason: '"XX" is not one of BE, HU' },
      { field: 'body.countries[1]', reason: 'second reason for the same field' },
      { field: 'body.organisation', reason: '"no-such-org" is not a listing' },
      { field: 'body.nickname', reason: 'is not a known field' },
      { field: 'body', reason: 'must be an object' },
    ]);
    expect(issues).toEqual({
      countries: { code: 'api', reason: '"XX" is not one of BE, HU' },
      organisation: { code: 'api', reason: '"no-such-org" is not a listing' },
    });
    expect(other).toEqual(['nickname: is not a known field', 'must be an object']);
    expect(
      issuesFromApi([
        { field: 'body.phones[0].number', reason: 'bad number' },
        { field: 'body.locations[0].postcode', reason: 'bad postcode' },
        { field: 'body.eligibility.note', reason: 'bad note' },
      ]).issues,
    ).toEqual({
      phone: { code: 'api', reason: 'bad number' },
      postcode: { code: 'api', reason: 'bad postcode' },
      eligibility_note: { code: 'api', reason: 'bad note' },
    });
    expect(issueMessage('organisation', issues.organisation!)).toBe('"no-such-org" is not a listing');
  });
});

describe('the new fields', () => {
  it('keep what the form does not show through an edit: other places, phones, hours, texts', () => {
    const listing = {
      ...contentOf(seed[0]!),
      text_lang: 'fr',
      locations: [
        { name: 'HQ', address: 'Rue 1', city: 'Liège', latitude: 50.6, longitude: 5.6 },
        { city: 'Namur', postcode: '5000' },
      ],
      phones: [{ number: '+32 4 000', description: 'desk' }, { number: '+32 4 001' }],
      emails: [{ address: 'a@example.org' }, { address: 'b@example.org', description: 'jobs' }],
      schedules: [{ days: ['mo' as const], opens: '09:00', closes: '12:00' }],
      service_area: { cities: ['Liège'] },
      texts: { ar: { name: 'اسم', status: 'machine' as const, from: 'fr' } },
    } satisfies ListingInput;
    const values = listingToForm(listing, 'en');
    expect(values.address).toBe('Rue 1');
    const posted = new FormData();
    for (const [key, value] of Object.entries({ ...values, address: 'Rue 2', phone: '+32 4 999' })) {
      for (const v of Array.isArray(value) ? value : [value]) posted.append(key, v);
    }
    const draft = formToListing(readListingForm(posted));
    expect(draft).toEqual({
      ...listing,
      locations: [{ ...listing.locations[0], address: 'Rue 2' }, listing.locations[1]],
      phones: [{ number: '+32 4 999', description: 'desk' }, listing.phones[1]],
    });
    expect(validateListing(draft, validate)).toEqual({});
    // texts in the language the form now says the listing is written in are its own, not kept
    expect(formToListing({ ...values, text_lang: 'ar' }).texts).toBeUndefined();
    // a hidden field tampered with is ignored, not trusted into a crash
    expect(formToListing({ ...values, kept: '[1,2' }).schedules).toBeUndefined();
  });

  it('become the listing’s eligibility, documents, how to apply, fees, hours and place', () => {
    const draft = formToListing({
      ...emptyListingForm('ar'),
      city: 'Gent',
      eligibility_statuses: ['refugee', 'temporary-protection'],
      eligibility_note: ' Living in Gent ',
      documents: 'Diploma',
      how_to_apply: 'Call first.',
      fees: 'Free for refugees',
      hours_note: 'Mon 9-12',
      address: 'Kerkstraat 1',
      postcode: '9000',
    });
    expect(draft).toMatchObject({
      text_lang: 'ar',
      eligibility: { statuses: ['refugee', 'temporary-protection'], note: 'Living in Gent' },
      documents: 'Diploma',
      how_to_apply: 'Call first.',
      fees: 'Free for refugees',
      hours_note: 'Mon 9-12',
      locations: [{ address: 'Kerkstraat 1', postcode: '9000', city: 'Gent' }],
    });
    expect('eligibility' in formToListing(emptyListingForm())).toBe(false);
  });
});
