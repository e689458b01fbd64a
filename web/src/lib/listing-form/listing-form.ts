import type { ListingInput } from '@skillway/core';

/**
 * The "List a service" form's data: what the fields hold (strings, for showing back exactly what was
 * typed), the listing they make, and the checks run as the provider types and again on the server.
 *
 * The checks read the API's own rules: the server hands the page core's ListingInputSchema as plain
 * JSON (`listingSchemaJson`), and `validateListing` applies the part of JSON Schema it uses. TypeBox
 * and Ajv stay out of the browser bundle, and a rule changed in core changes here too. What the API
 * checks beyond the schema (an organisation id that exists) comes back as its 400 and is mapped onto
 * the same fields (`issuesFromApi`).
 */

/**
 * Form fields that fill the first item of one of the listing's lists (issue 14 gave listings lists of
 * locations, phones and e-mails; this form still asks for one of each).
 */
export const CONTACT_FIELDS = {
  address: { list: 'locations', key: 'address' },
  phone: { list: 'phones', key: 'number' },
  email: { list: 'emails', key: 'address' },
} as const satisfies Record<string, { list: keyof ListingInput; key: string }>;
type ContactField = keyof typeof CONTACT_FIELDS;
const isContactField = (field: string): field is ContactField => Object.hasOwn(CONTACT_FIELDS, field);
/** `phones` (as the API names an error's field) -> `phone` (the form's field). */
export function formFieldOfListField(field: string): string {
  const contact = Object.entries(CONTACT_FIELDS).find(([, c]) => c.list === field);
  return contact ? contact[0] : field;
}

/** The listing fields in the order of the form (and of the moderator's diff). */
export const LISTING_FIELDS = [
  'kind',
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
  'address',
  'phone',
  'email',
] as const satisfies readonly (keyof ListingInput | keyof typeof CONTACT_FIELDS)[];
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
  languages: string;
  cost: string;
  delivery: string[];
  url: string;
  source_url: string;
  active: ActiveChoice;
  address: string;
  phone: string;
  email: string;
}

const LIST_FIELDS = ['countries', 'categories', 'audiences', 'delivery'] as const;
const TEXT_FIELDS = [
  'kind',
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
  'address',
  'phone',
  'email',
] as const satisfies readonly Exclude<keyof ListingFormValues, (typeof LIST_FIELDS)[number] | 'active'>[];

export function emptyListingForm(): ListingFormValues {
  return {
    kind: '',
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
    address: '',
    phone: '',
    email: '',
  };
}

/** A listing (a submission's content, or a live listing) in the form's fields. */
export function listingToForm(listing: ListingInput): ListingFormValues {
  return {
    kind: listing.kind,
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
    languages: listing.languages.join(', '),
    cost: listing.cost,
    delivery: [...listing.delivery],
    url: listing.url,
    source_url: listing.source_url,
    active: listing.active === null ? 'unknown' : listing.active ? 'true' : 'false',
    // The form still has one address, phone and e-mail (issue 14 gives listings lists of them).
    address: listing.locations?.[0]?.address ?? '',
    phone: listing.phones?.[0]?.number ?? '',
    email: listing.emails?.[0]?.address ?? '',
  };
}

const MAX_FIELD_CHARS = 5000;

/** The posted form, as typed (every value a string, cut at a length no field allows anyway). */
export function readListingForm(data: FormData): ListingFormValues {
  const values = emptyListingForm();
  const text = (name: string) => {
    const value = data.get(name);
    return typeof value === 'string' ? value.slice(0, MAX_FIELD_CHARS) : '';
  };
  for (const field of TEXT_FIELDS) values[field] = text(field);
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
    languages: splitList(values.languages.toLowerCase()),
    cost: trimmed(values.cost),
    delivery: [...new Set(values.delivery)],
    url: trimmed(values.url),
    source_url: trimmed(values.source_url),
    active: values.active === 'unknown' ? null : values.active === 'true',
  };
  // One of each on the form for now; the listing holds lists (docs/listing-model.md).
  const address = trimmed(values.address);
  if (address) draft.locations = [{ address }];
  const phone = trimmed(values.phone);
  if (phone) draft.phones = [{ number: phone }];
  const email = trimmed(values.email);
  if (email) draft.emails = [{ address: email }];
  return draft;
}

/* ---- Checks ------------------------------------------------------------------------------------ */

/** The part of JSON Schema the listing schema uses. */
export interface SchemaFragment {
  type?: string;
  enum?: string[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  anyOf?: SchemaFragment[];
  items?: SchemaFragment;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  properties?: Record<string, SchemaFragment>;
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
}

const codePoints = (s: string) => [...s].length;
/** The API's "email" format (ajv-formats, full mode), so both sides agree on an address. */
export const EMAIL_PATTERN =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

function formatProblem(value: string, format: string | undefined): boolean {
  if (format === 'uri') {
    try {
      new URL(value);
      return false;
    } catch {
      return true;
    }
  }
  if (format === 'email') return !EMAIL_PATTERN.test(value);
  if (format === 'date') return !/^\d{4}-\d{2}-\d{2}$/.test(value);
  return false;
}

function checkValue(value: unknown, schema: SchemaFragment): Issue | null {
  if (schema.anyOf) {
    const results = schema.anyOf.map((branch) => checkValue(value, branch));
    if (results.some((r) => r === null)) return null;
    // One branch of the value's own type (a string for "string or null"): its reason is the precise one.
    const sameType = schema.anyOf
      .map((branch, i) => ({ branch, issue: results[i]! }))
      .filter(
        ({ branch }) => branch.type === (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value),
      );
    if (sameType.length === 1) return sameType[0]!.issue;
    return { code: 'invalid', value: typeof value === 'string' ? value : undefined };
  }
  switch (schema.type) {
    case 'null':
      return value === null ? null : { code: 'invalid' };
    case 'boolean':
      return typeof value === 'boolean' ? null : { code: 'invalid' };
    case 'string': {
      if (typeof value !== 'string') return { code: 'invalid' };
      if (schema.enum) return schema.enum.includes(value) ? null : { code: value ? 'invalid' : 'required', value };
      const length = codePoints(value);
      if (schema.minLength !== undefined && length < schema.minLength) {
        return length === 0 ? { code: 'required' } : { code: 'too_short', limit: schema.minLength };
      }
      if (schema.maxLength !== undefined && length > schema.maxLength) {
        return { code: 'too_long', limit: schema.maxLength };
      }
      if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) {
        return { code: 'invalid', value };
      }
      if (formatProblem(value, schema.format)) return { code: 'invalid', value };
      return null;
    }
    case 'array': {
      if (!Array.isArray(value)) return { code: 'invalid' };
      if (schema.minItems !== undefined && value.length < schema.minItems) {
        return { code: 'too_few', limit: schema.minItems };
      }
      if (schema.maxItems !== undefined && value.length > schema.maxItems) {
        return { code: 'too_many', limit: schema.maxItems };
      }
      if (schema.uniqueItems) {
        const seen = new Set<string>();
        for (const item of value) {
          const key = JSON.stringify(item);
          if (seen.has(key)) return { code: 'repeated', value: String(item) };
          seen.add(key);
        }
      }
      if (schema.items) {
        for (const item of value) {
          const issue = checkValue(item, schema.items);
          if (issue) return { ...issue, value: issue.value ?? String(item) };
        }
      }
      return null;
    }
    default:
      return null;
  }
}

/**
 * Checks a draft listing against the schema, one issue per field (the first), plus the rule the schema
 * cannot say: an organisation belongs to no other organisation.
 */
export function validateListing(draft: Record<string, unknown>, schema: ObjectSchema): Issues {
  const issues: Issues = {};
  const required = new Set(schema.required ?? []);
  for (const field of LISTING_FIELDS) {
    let rule = schema.properties[field];
    let value = draft[field];
    if (isContactField(field)) {
      const { list, key } = CONTACT_FIELDS[field];
      rule = schema.properties[list]?.items?.properties?.[key];
      const first: unknown = (draft[list] as unknown[] | undefined)?.[0];
      value = first && typeof first === 'object' ? (first as Record<string, unknown>)[key] : undefined;
    }
    if (!rule) continue;
    if (value === undefined) {
      if (required.has(field)) issues[field] = { code: 'required' };
      continue;
    }
    const issue = checkValue(value, rule);
    if (issue) issues[field] = issue;
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
    const listField = /^[a-z_]+/.exec(path)?.[0];
    const field = listField && formFieldOfListField(listField);
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
const GROUPS = new Set<FormField>(['kind', 'countries', 'categories', 'audiences', 'cost', 'delivery', 'active']);

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
