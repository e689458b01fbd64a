import type { ListingInput } from '@skillway/core';
import type { ListingValidateFunction } from './listing-validator.generated.js';
import { languagesFromNames, namesOfLanguages } from './languages';

/**
 * The "List a service" form's data: what the fields hold (strings, for showing back exactly what was
 * typed), the listing they make, and the checks run as the provider types and again on the server.
 *
 * The checks are the API's own: core's ListingInputSchema compiled by Ajv with the API's options into
 * standalone code (listing-validator.generated.js, see generate-listing-validator.ts), run on the server
 * and, once the provider starts filling the form, in the browser (`loadListingValidator`). What the API checks beyond the
 * schema (an organisation that exists) comes back as its 400 and is mapped onto the same fields
 * (`issuesFromApi`).
 */

/**
 * Form fields that fill the first item of one of the listing's lists (issue 14 gave listings lists of
 * locations, phones and e-mails; this form still asks for one of each).
 */
export const CONTACT_FIELDS = {
  address: { list: 'locations', key: 'address' },
  postcode: { list: 'locations', key: 'postcode' },
  phone: { list: 'phones', key: 'number' },
  email: { list: 'emails', key: 'address' },
} as const satisfies Record<string, { list: keyof ListingInput; key: string }>;
/** Form fields that fill a part of an object of the listing (`eligibility.note`). */
const NESTED_FIELDS = {
  eligibility_statuses: { object: 'eligibility', key: 'statuses' },
  eligibility_note: { object: 'eligibility', key: 'note' },
} as const;

/**
 * The form field an error at a JSON pointer of the listing is about: `/countries/1` -> countries,
 * `/phones/0/number` -> phone, `/eligibility/note` -> eligibility_note.
 */
export function formFieldOfPointer(pointer: string): string {
  const [top = '', second = '', third = ''] = pointer.split('/').slice(1);
  const contact = Object.entries(CONTACT_FIELDS).find(
    ([, c]) => c.list === top && (c.key === third || (!third && c.key === CONTACT_FIELDS.address.key)),
  );
  if (contact) return contact[0];
  const nested = Object.entries(NESTED_FIELDS).find(([, n]) => n.object === top && n.key === second);
  if (nested) return nested[0];
  return top;
}
/** `phones` (as the API names an error's field) -> `phone` (the form's field). */
export function formFieldOfListField(field: string): string {
  const contact = Object.entries(CONTACT_FIELDS).find(([, c]) => c.list === field);
  return contact ? contact[0] : field;
}

/** The listing fields in the order of the form (and of the moderator's diff). */
export const LISTING_FIELDS = [
  'kind',
  'text_lang',
  'name',
  'organisation',
  'countries',
  'city',
  'summary',
  'categories',
  'audiences',
  'occupations',
  'skills',
  'languages',
  'cost',
  'delivery',
  'url',
  'source_url',
  'active',
  'eligibility_statuses',
  'eligibility_note',
  'documents',
  'how_to_apply',
  'fees',
  'hours_note',
  'address',
  'postcode',
  'phone',
  'email',
] as const satisfies readonly (keyof ListingInput | keyof typeof CONTACT_FIELDS | keyof typeof NESTED_FIELDS)[];
export type ListingField = (typeof LISTING_FIELDS)[number];

/** The helper field that looks up an occupation by name and adds its code to `occupations`. */
export const OCCUPATION_LOOKUP = 'occupation_lookup';
export type FormField = ListingField | typeof OCCUPATION_LOOKUP;
export const FORM_FIELDS: readonly FormField[] = [
  ...LISTING_FIELDS.slice(0, LISTING_FIELDS.indexOf('occupations')),
  OCCUPATION_LOOKUP,
  ...LISTING_FIELDS.slice(LISTING_FIELDS.indexOf('occupations')),
];

export const ACTIVE_CHOICES = ['true', 'false', 'unknown'] as const;
export type ActiveChoice = (typeof ACTIVE_CHOICES)[number];

/** What the fields hold: text as typed, ticked boxes as lists. */
export interface ListingFormValues {
  kind: string;
  /** ISO 639-1 code of the language the texts are written in */
  text_lang: string;
  name: string;
  organisation: string;
  countries: string[];
  city: string;
  summary: string;
  categories: string[];
  audiences: string[];
  occupation_lookup: string;
  /** codes, comma separated */
  occupations: string;
  skills: string;
  /** names (in any UI language or English) or codes, comma separated */
  languages: string;
  cost: string;
  delivery: string[];
  url: string;
  source_url: string;
  active: ActiveChoice;
  eligibility_statuses: string[];
  eligibility_note: string;
  documents: string;
  how_to_apply: string;
  fees: string;
  hours_note: string;
  address: string;
  postcode: string;
  phone: string;
  email: string;
  /** JSON of what the form does not show (see keptOf) */
  kept: string;
}

const LIST_FIELDS = ['countries', 'categories', 'audiences', 'delivery', 'eligibility_statuses'] as const;
const TEXT_FIELDS = [
  'kind',
  'text_lang',
  'name',
  'organisation',
  'city',
  'summary',
  'occupation_lookup',
  'occupations',
  'skills',
  'languages',
  'cost',
  'url',
  'source_url',
  'eligibility_note',
  'documents',
  'how_to_apply',
  'fees',
  'hours_note',
  'address',
  'postcode',
  'phone',
  'email',
] as const satisfies readonly Exclude<keyof ListingFormValues, (typeof LIST_FIELDS)[number] | 'active'>[];

/** `textLang`: the language the provider is expected to write in (the page's). */
export function emptyListingForm(textLang = 'en'): ListingFormValues {
  return {
    kind: '',
    text_lang: textLang,
    name: '',
    organisation: '',
    countries: [],
    city: '',
    summary: '',
    categories: [],
    audiences: [],
    occupation_lookup: '',
    occupations: '',
    skills: '',
    languages: '',
    cost: 'unknown',
    delivery: [],
    url: '',
    source_url: '',
    active: 'true',
    eligibility_statuses: [],
    eligibility_note: '',
    documents: '',
    how_to_apply: '',
    fees: '',
    hours_note: '',
    address: '',
    postcode: '',
    phone: '',
    email: '',
    kept: '',
  };
}

/** A listing (a submission's content, or a live listing) in the form's fields; languages named in `locale`. */
export function listingToForm(listing: ListingInput, locale = 'en'): ListingFormValues {
  return {
    kind: listing.kind,
    text_lang: listing.text_lang ?? 'en',
    name: listing.name,
    organisation: listing.organisation ?? '',
    countries: [...listing.countries],
    city: listing.city ?? '',
    summary: listing.summary,
    categories: [...listing.categories],
    audiences: [...listing.audiences],
    occupation_lookup: '',
    occupations: listing.occupations.join(', '),
    skills: listing.skills.join(', '),
    languages: namesOfLanguages(listing.languages, locale),
    cost: listing.cost,
    delivery: [...listing.delivery],
    url: listing.url,
    source_url: listing.source_url,
    active: listing.active === null ? 'unknown' : listing.active ? 'true' : 'false',
    eligibility_statuses: [...(listing.eligibility?.statuses ?? [])],
    eligibility_note: listing.eligibility?.note ?? '',
    documents: listing.documents ?? '',
    how_to_apply: listing.how_to_apply ?? '',
    fees: listing.fees ?? '',
    hours_note: listing.hours_note ?? '',
    // The form has one place, phone and e-mail (a listing may have lists of them).
    address: listing.locations?.[0]?.address ?? '',
    postcode: listing.locations?.[0]?.postcode ?? '',
    phone: listing.phones?.[0]?.number ?? '',
    email: listing.emails?.[0]?.address ?? '',
    kept: keptOf(listing),
  };
}

const MAX_FIELD_CHARS = 5000;
/** `kept` carries a listing's translations too: room for 40 languages of long texts. */
const MAX_KEPT_CHARS = 200_000;

/**
 * What of a listing the form does not show, carried through it unchanged (a hidden field), so that an
 * edit changes only what the provider changed: the other places, phones and e-mails, the first ones'
 * details, opening hours, the service area and the texts in other languages.
 */
interface Kept {
  place?: Record<string, unknown>;
  locations?: unknown[];
  phone?: Record<string, unknown>;
  phones?: unknown[];
  email?: Record<string, unknown>;
  emails?: unknown[];
  schedules?: unknown;
  service_area?: unknown;
  texts?: unknown;
}

function keptOf(listing: ListingInput): string {
  const kept: Kept = {};
  const [firstPlace, ...places] = listing.locations ?? [];
  if (firstPlace) {
    // kept even when empty: the place exists, and the form must not add the listing's city to it
    const { address: _a, postcode: _p, ...place } = firstPlace;
    kept.place = place;
  }
  if (places.length) kept.locations = places;
  const [firstPhone, ...phones] = listing.phones ?? [];
  if (firstPhone?.description) kept.phone = { description: firstPhone.description };
  if (phones.length) kept.phones = phones;
  const [firstEmail, ...emails] = listing.emails ?? [];
  if (firstEmail?.description) kept.email = { description: firstEmail.description };
  if (emails.length) kept.emails = emails;
  if (listing.schedules) kept.schedules = listing.schedules;
  if (listing.service_area) kept.service_area = listing.service_area;
  if (listing.texts) kept.texts = listing.texts;
  return Object.keys(kept).length ? JSON.stringify(kept) : '';
}

/** The kept parts; anything but an object of them is ignored (the API checks what comes of it). */
function parseKept(text: string): Kept {
  if (!text) return {};
  try {
    const kept: unknown = JSON.parse(text);
    if (!kept || typeof kept !== 'object' || Array.isArray(kept)) return {};
    const k = kept as Kept;
    const list = (v: unknown) => (Array.isArray(v) ? v : undefined);
    const object = (v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
    return {
      place: object(k.place),
      locations: list(k.locations),
      phone: object(k.phone),
      phones: list(k.phones),
      email: object(k.email),
      emails: list(k.emails),
      schedules: k.schedules,
      service_area: k.service_area,
      texts: k.texts,
    };
  } catch {
    return {};
  }
}

/** The posted form, as typed (every value a string, cut at a length no field allows anyway). */
export function readListingForm(data: FormData): ListingFormValues {
  const values = emptyListingForm();
  const text = (name: string) => {
    const value = data.get(name);
    return typeof value === 'string' ? value.slice(0, MAX_FIELD_CHARS) : '';
  };
  for (const field of TEXT_FIELDS) values[field] = text(field);
  const kept = data.get('kept');
  values.kept = typeof kept === 'string' ? kept.slice(0, MAX_KEPT_CHARS) : '';
  for (const field of LIST_FIELDS) {
    values[field] = data.getAll(field).filter((v): v is string => typeof v === 'string');
  }
  const active = text('active');
  values.active = (ACTIVE_CHOICES as readonly string[]).includes(active) ? (active as ActiveChoice) : 'unknown';
  return values;
}

/** "en, ar; uk" -> ["en", "ar", "uk"]: commas (also the Arabic one), semicolons or new lines, no repeats. */
export function splitList(text: string): string[] {
  const items = text
    .split(/[,;\n\u060C]/)
    .map((item) => item.trim())
    .filter(Boolean);
  return [...new Set(items)];
}

/**
 * The listing the fields describe, not yet checked. Empty optional fields are left out, empty
 * nullable ones are null, and empty required text stays empty (the check reports it).
 */
export function formToListing(values: ListingFormValues): Record<string, unknown> {
  const trimmed = (s: string) => s.trim();
  const draft: Record<string, unknown> = {
    kind: trimmed(values.kind),
    name: trimmed(values.name),
    organisation: trimmed(values.organisation) || null,
    countries: [...new Set(values.countries)],
    city: trimmed(values.city) || null,
    summary: trimmed(values.summary),
    categories: [...new Set(values.categories)],
    audiences: [...new Set(values.audiences)],
    occupations: splitList(values.occupations),
    skills: splitList(values.skills),
    languages: languagesFromNames(values.languages),
    cost: trimmed(values.cost),
    delivery: [...new Set(values.delivery)],
    url: trimmed(values.url),
    source_url: trimmed(values.source_url),
    active: values.active === 'unknown' ? null : values.active === 'true',
  };
  const textLang = trimmed(values.text_lang);
  if (textLang) draft.text_lang = textLang;
  const statuses = [...new Set(values.eligibility_statuses)];
  const note = trimmed(values.eligibility_note);
  if (statuses.length || note) draft.eligibility = { ...(statuses.length && { statuses }), ...(note && { note }) };
  for (const field of ['documents', 'how_to_apply', 'fees', 'hours_note'] as const) {
    const text = trimmed(values[field]);
    if (text) draft[field] = text;
  }
  // One place, phone and e-mail on the form; the others, and what the form does not ask, come back
  // from `kept` as they were.
  const kept = parseKept(values.kept);
  const address = trimmed(values.address);
  const postcode = trimmed(values.postcode);
  const city = trimmed(values.city);
  const place = kept.place ?? (city && { city });
  const first =
    address || postcode || kept.place ? { ...place, ...(address && { address }), ...(postcode && { postcode }) } : {};
  // a place whose address was cleared and that has nothing else is gone
  const locations = [...(Object.keys(first).length ? [first] : []), ...(kept.locations ?? [])];
  if (locations.length) draft.locations = locations;
  const phone = trimmed(values.phone);
  const phones = [...(phone ? [{ ...kept.phone, number: phone }] : []), ...(kept.phones ?? [])];
  if (phones.length) draft.phones = phones;
  const email = trimmed(values.email);
  const emails = [...(email ? [{ ...kept.email, address: email }] : []), ...(kept.emails ?? [])];
  if (emails.length) draft.emails = emails;
  if (kept.schedules) draft.schedules = kept.schedules;
  if (kept.service_area) draft.service_area = kept.service_area;
  // texts in other languages; none in the language the form now says its own texts are in
  if (kept.texts && typeof kept.texts === 'object') {
    const { [String(draft.text_lang ?? 'en')]: _own, ...others } = kept.texts as Record<string, unknown>;
    if (Object.keys(others).length > 0) draft.texts = others;
  }
  return draft;
}

/* ---- Checks ------------------------------------------------------------------------------------ */

/** The part of JSON Schema the form reads for what it shows (a maximum length). */
export interface SchemaFragment {
  maxLength?: number;
}
export interface ObjectSchema {
  required?: string[];
  properties: Record<string, SchemaFragment>;
}

export type IssueCode =
  | 'required'
  | 'too_short'
  | 'too_long'
  | 'too_few'
  | 'too_many'
  | 'repeated'
  | 'invalid'
  | 'organisation_on_organisation'
  | 'occupation_unknown'
  | 'occupation_choose'
  | 'api';

export interface Issue {
  code: IssueCode;
  /** the limit a length or count rule sets */
  limit?: number;
  /** the offending value (one item of a list) */
  value?: string;
  /** the API's own words, for problems only the API can see */
  reason?: string;
  /** occupations the looked-up text could mean */
  choices?: { label: string; code: string }[];
}

export type Issues = Partial<Record<FormField, Issue>>;

/** What a refused submit answers (fail(400, …)): the values as typed, and what is wrong with them. */
export interface ListingFormFailure {
  values: ListingFormValues;
  issues: Issues;
  /** problems that belong to no field (a conflict, a rate limit) */
  other: string[];
  /** names of the occupations in `values`, in the reader's language */
  occupationNames?: Record<string, string>;
}

/** The API's "email" format (ajv-formats, full mode), so both sides agree on an address. */
export const EMAIL_PATTERN =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

/** Which of a field's errors says the most: a missing value, then a broken rule, then a wrong type. */
const RANK: Record<string, number> = { required: 0, type: 2, anyOf: 3, additionalProperties: 4 };

function valueAt(draft: unknown, pointer: string): unknown {
  let value: unknown = draft;
  for (const part of pointer.split('/').slice(1)) value = (value as Record<string, unknown> | undefined)?.[part];
  return value;
}

function issueOf(error: { keyword: string; params: Record<string, unknown> }, value: unknown): Issue {
  const limit = error.params.limit as number | undefined;
  const shown = typeof value === 'string' ? value : undefined;
  switch (error.keyword) {
    case 'required':
      return { code: 'required' };
    case 'minLength':
      return typeof value === 'string' && value.length === 0 ? { code: 'required' } : { code: 'too_short', limit };
    case 'maxLength':
      return { code: 'too_long', limit };
    case 'minItems':
    case 'minProperties':
      return { code: 'too_few', limit };
    case 'maxItems':
      return { code: 'too_many', limit };
    case 'uniqueItems':
      return { code: 'repeated', value: String((value as unknown[])[error.params.j as number]) };
    case 'enum':
      return shown === '' ? { code: 'required' } : { code: 'invalid', value: shown };
    default:
      return { code: 'invalid', value: shown };
  }
}

/**
 * The schema's checks. The browser fetches them (~12 KB gzip) when the provider first touches the
 * form rather than with the page, which stays within its JavaScript budget for people who only look.
 */
export async function loadListingValidator(): Promise<ListingValidateFunction> {
  return (await import('./listing-validator.generated.js')).default;
}

/**
 * Checks a draft listing with the schema's own checks (`validate`, from loadListingValidator), one
 * issue per field (the most telling), plus the rule the schema cannot say: an organisation belongs to
 * no other organisation.
 */
export function validateListing(draft: Record<string, unknown>, validate: ListingValidateFunction): Issues {
  const issues: Issues = {};
  const ranks: Partial<Record<FormField, number>> = {};
  if (!validate(draft)) {
    for (const error of validate.errors ?? []) {
      const pointer =
        error.keyword === 'required'
          ? `${error.instancePath}/${String(error.params.missingProperty)}`
          : error.instancePath;
      const field = formFieldOfPointer(pointer) as FormField;
      if (!(FORM_FIELDS as readonly string[]).includes(field)) continue;
      const rank = RANK[error.keyword] ?? 1;
      if ((ranks[field] ?? Infinity) <= rank) continue;
      ranks[field] = rank;
      issues[field] = issueOf(error, valueAt(draft, error.instancePath));
    }
  }
  if (!issues.organisation && draft.kind === 'organisation' && draft.organisation !== null) {
    issues.organisation = { code: 'organisation_on_organisation' };
  }
  return issues;
}

/** The form fields with an issue, in the order they appear. */
export function fieldsWithIssues(issues: Issues): FormField[] {
  return FORM_FIELDS.filter((field) => issues[field]);
}

/**
 * The API's 400 field errors on the form's fields: `body.countries[0]` is the countries field. Errors
 * about no field of the form (or the whole body) come back as `other`.
 */
export function issuesFromApi(errors: readonly { field: string; reason: string }[]): {
  issues: Issues;
  other: string[];
} {
  const issues: Issues = {};
  const other: string[] = [];
  for (const error of errors) {
    const path = error.field.replace(/^body(\.|$)/, '');
    // `phones[0].number` -> `/phones/0/number`
    const pointer = `/${path
      .replace(/\[(\d+)\]/g, '.$1')
      .split('.')
      .join('/')}`;
    const field = path && formFieldOfPointer(pointer);
    if (field && (LISTING_FIELDS as readonly string[]).includes(field)) {
      issues[field as ListingField] ??= { code: 'api', reason: error.reason };
    } else {
      other.push(path ? `${path}: ${error.reason}` : error.reason);
    }
  }
  return { issues, other };
}

/* ---- Where each field is on the page ---------------------------------------------------------- */

export const FORM_ID = 'listing';
const GROUPS = new Set<FormField>([
  'kind',
  'countries',
  'categories',
  'audiences',
  'cost',
  'delivery',
  'active',
  'eligibility_statuses',
]);

export function isGroupField(field: FormField): boolean {
  return GROUPS.has(field);
}

/** The control's id (a group's: its first box or radio button, which takes the focus). */
export function controlId(field: FormField): string {
  return isGroupField(field) ? `${FORM_ID}-${field}-0` : `${FORM_ID}-${field}`;
}

export function errorId(field: FormField): string {
  return `${FORM_ID}-${field}-error`;
}
