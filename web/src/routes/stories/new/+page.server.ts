import { fail, redirect } from '@sveltejs/kit';
import { LISTING_ID_PATTERN, UI_LANGUAGES } from '@skillway/core';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { localizePath } from '$lib/i18n/routing';
import { ApiError, ApiUnavailableError } from '$lib/server/api';
import { occupationRef, resolveOccupation } from '$lib/server/occupation-resolver';
import { requireSession, userContext } from '$lib/server/session';
import { submitStory } from '../stories-api.server';
import { checkStoryForm, readStoryForm, toSubmission, type StoryFormErrors } from './story-form';

const LISTING_ID = new RegExp(LISTING_ID_PATTERN);
/** API body fields whose form field has another name. */
const FORM_FIELD: Record<string, string> = { took_months: 'took' };
/** Languages a story may be written in: the UI's and others refugees often write in (any ISO 639-1 code works in the API). */
const STORY_LANGUAGES = [...UI_LANGUAGES, 'am', 'de', 'ku', 'pl', 'ps', 'pt', 'ro', 'ru', 'so', 'sw', 'ti', 'tr', 'ur'];

/**
 * The story form, for signed-in providers and employers. `?listing=<id>` starts it with that listing
 * (the "tell a story" link of a listing page). It posts to itself: no JavaScript needed.
 */
export const load = (async (event) => {
  const session = await requireSession(event);
  event.setHeaders({ 'cache-control': 'private, no-store' });
  const listing = event.url.searchParams.get('listing');
  const names = new Intl.DisplayNames([event.locals.locale], { type: 'language' });
  return {
    user: session.user,
    languages: STORY_LANGUAGES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) =>
      a.name.localeCompare(b.name, event.locals.locale),
    ),
    sent: event.url.searchParams.has('sent'),
    start: {
      listings: listing && LISTING_ID.test(listing) ? listing : '',
      told_to: session.user.name ?? '',
      lang: event.locals.locale,
    },
  };
}) satisfies PageServerLoad;

export const actions = {
  default: async (event) => {
    const session = await requireSession(event);
    const values = readStoryForm(await event.request.formData());
    const errors: StoryFormErrors = checkStoryForm(values);
    let occupation: string | undefined;
    if (values.occupation && !errors.occupation) {
      const resolved = await resolveOccupation(values.occupation, event.locals.locale, {
        clientAddress: event.getClientAddress(),
      }).catch(() => null);
      if (resolved?.chosen) occupation = occupationRef(resolved.chosen);
      else errors.occupation = 'invalid';
    }
    if (Object.keys(errors).length) return fail(400, { values, errors, problem: m.stories_new_problems() });
    try {
      await submitStory(toSubmission(values, occupation), userContext(event, session));
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) {
        // The API names the field (body.listings[1]): mark the form field it belongs to.
        const apiErrors: StoryFormErrors = {};
        for (const err of e.problem?.errors ?? []) {
          const field = err.field.replace(/^body\./, '').replace(/\[\d+\]$/, '');
          apiErrors[(FORM_FIELD[field] ?? field) as keyof StoryFormErrors] = 'invalid';
        }
        return fail(400, { values, errors: apiErrors, problem: e.problem?.detail ?? m.stories_new_problems() });
      }
      if (e instanceof ApiError && e.status === 429)
        return fail(429, { values, errors: {}, problem: m.account_too_many() });
      if (e instanceof ApiError || e instanceof ApiUnavailableError)
        return fail(503, { values, errors: {}, problem: m.error_unavailable() });
      throw e;
    }
    redirect(303, `${localizePath('/stories/new', event.locals.locale)}?sent`);
  },
} satisfies Actions;
