import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { localizePath } from '$lib/i18n/routing';
import { ApiError, ApiUnavailableError } from '$lib/server/api';
import { rethrowApiFailure } from '$lib/server/problem-errors';
import { requireModerator, userContext } from '$lib/server/session';
import { decideStory, storiesQueue, storyCards } from '../../stories/stories-api.server';

/** Submitted stories, oldest first, for a moderator to publish or reject (issue 19). */
export const load = (async (event) => {
  const session = await requireModerator(event);
  event.setHeaders({ 'cache-control': 'private, no-store' });
  try {
    const queue = await storiesQueue(userContext(event, session));
    // Moderators read a story in the language it was written in.
    const cards = await storyCards(queue.items, event.locals.locale, userContext(event, session), {
      original: true,
    });
    return { user: session.user, stories: cards, done: event.url.searchParams.has('done') };
  } catch (e) {
    rethrowApiFailure(e, { notFound: m.error_not_found(), unavailable: m.error_unavailable() });
  }
}) satisfies PageServerLoad;

export const actions = {
  default: async (event) => {
    const session = await requireModerator(event);
    const data = await event.request.formData();
    const id = String(data.get('story') ?? '').slice(0, 120);
    const reject = data.get('decision') === 'reject';
    const reason = String(data.get('reason') ?? '')
      .trim()
      .slice(0, 1000);
    const target = `story-${id}`;
    if (reject && !reason) return fail(400, { target, problem: m.stories_mod_reason() });
    try {
      await decideStory(id, reject ? { reject: reason } : {}, userContext(event, session));
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 409))
        return fail(409, { target, problem: m.stories_mod_gone() });
      if (e instanceof ApiError || e instanceof ApiUnavailableError)
        return fail(503, { target, problem: m.error_unavailable() });
      throw e;
    }
    redirect(303, `${localizePath('/moderation/stories', event.locals.locale)}?done`);
  },
} satisfies Actions;
