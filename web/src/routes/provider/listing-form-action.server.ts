import { error, fail, redirect, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import type { ListingInput, Submission, UiLanguage } from '@skillway/core';
import { m } from '$lib/paraglide/messages';
import { localizePath } from '$lib/i18n/routing';
import {
  formToListing,
  issuesFromApi,
  readListingForm,
  splitList,
  validateListing,
  type Issues,
  type ListingFormFailure,
  type ListingFormValues,
} from '$lib/listing-form/listing-form';
import validate from '$lib/listing-form/listing-validator.generated.js';
import {
  ApiError,
  ApiUnavailableError,
  occupationNames,
  search,
  type RequestContext,
  type UserContext,
} from '$lib/server/api';
import { resolveOccupation } from '$lib/server/occupation-resolver';
import { requireSession, signInPath, userContext } from '$lib/server/session';

/**
 * The server half of the listing form, shared by "List a service", changing a pending submission and
 * proposing an edit: read the fields, look up a typed occupation, check with the schema's rules, send,
 * and map what the API refuses back onto the fields.
 */

/** Organisations to offer in the organisation field (a datalist: typing any id still works). */
export async function organisationChoices(
  ctx: RequestContext,
  lang: UiLanguage,
): Promise<{ id: string; name: string }[]> {
  try {
    const result = await search({ lang, kind: ['organisation'], active: 'any', per_page: 100, sort: 'name' }, ctx);
    return result.hits.map((hit) => ({ id: hit.id, name: hit.name }));
  } catch {
    // Only a convenience: the field takes an id typed by hand.
    return [];
  }
}

/** Names of the occupations the form holds, in the reader's language (none when the API cannot say). */
export async function namesOfOccupations(
  codes: string,
  ctx: RequestContext,
  lang: UiLanguage,
): Promise<Record<string, string>> {
  try {
    return await occupationNames(splitList(codes), lang, ctx);
  } catch {
    return {};
  }
}

/**
 * Without JavaScript the occupation lookup is a plain text field: the name typed there becomes a code
 * when it names one occupation; otherwise the provider is asked which one, rather than guessed for.
 */
async function resolveLookup(values: ListingFormValues, event: RequestEvent): Promise<Issues> {
  const text = values.occupation_lookup.trim();
  if (!text) return {};
  try {
    const resolved = await resolveOccupation(text.slice(0, 100), event.locals.locale, {
      clientAddress: event.getClientAddress(),
    });
    const code = resolved.chosen?.isco_code ?? resolved.chosen?.uri;
    if (code) {
      const codes = splitList(values.occupations);
      if (!codes.includes(code)) values.occupations = [...codes, code].join(', ');
      values.occupation_lookup = '';
      return {};
    }
    if (resolved.alternatives.length) {
      return {
        occupation_lookup: {
          code: 'occupation_choose',
          value: text,
          choices: resolved.alternatives.map((a) => ({ label: a.label, code: a.isco_code ?? a.uri })),
        },
      };
    }
  } catch {
    // the lookup is unavailable: say it was not found, the codes field still works
  }
  return { occupation_lookup: { code: 'occupation_unknown', value: text } };
}

type Failure = ActionFailure<ListingFormFailure>;

/** The API's refusals on the form: field errors beside their fields, the rest above the form. */
function refused(
  e: unknown,
  values: ListingFormValues,
  event: RequestEvent,
  conflict: string,
  occupationNames: Record<string, string>,
): Failure {
  const other = (text: string, status: number) => fail(status, { values, issues: {}, other: [text], occupationNames });
  if (e instanceof ApiError) {
    if (e.status === 400) {
      const { issues, other: rest } = issuesFromApi(e.problem?.errors ?? []);
      if (!Object.keys(issues).length && !rest.length) rest.push(e.problem?.detail ?? m.form_error_invalid());
      return fail(400, { values, issues, other: rest, occupationNames });
    }
    if (e.status === 401) redirect(303, signInPath(event.locals.locale, event.url.pathname));
    if (e.status === 404) error(404, { message: m.error_not_found() });
    if (e.status === 403) error(403, { message: e.problem?.detail ?? m.error_heading_other() });
    if (e.status === 409) return other(conflict, 409);
    if (e.status === 413) return other(m.form_too_large(), 413);
    if (e.status === 429) return other(m.form_too_many_submissions(), 429);
    return other(m.error_unavailable(), 502);
  }
  if (e instanceof ApiUnavailableError) return other(m.error_unavailable(), 503);
  throw e;
}

/**
 * Handles one submit of the listing form: `send` makes the API call, `done` says where to go after it.
 * Returns the failure to show, or redirects.
 */
export async function submitListingForm(
  event: RequestEvent,
  options: {
    send: (input: ListingInput, ctx: UserContext) => Promise<Submission>;
    done: (submission: Submission) => string;
    /** what a 409 means for this form */
    conflict: string;
  },
): Promise<Failure> {
  const session = await requireSession(event);
  const values = readListingForm(await event.request.formData());
  const issues: Issues = await resolveLookup(values, event);
  const draft = formToListing(values);
  Object.assign(issues, validateListing(draft, validate));
  const names = () =>
    namesOfOccupations(values.occupations, { clientAddress: event.getClientAddress() }, event.locals.locale);
  if (Object.keys(issues).length) return fail(400, { values, issues, other: [], occupationNames: await names() });

  let submission: Submission;
  try {
    submission = await options.send(draft as ListingInput, userContext(event, session));
  } catch (e) {
    return refused(e, values, event, options.conflict, await names());
  }
  redirect(303, localizePath(options.done(submission), event.locals.locale));
}
