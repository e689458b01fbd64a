import { error } from '@sveltejs/kit';
import { STORY_ID_PATTERN } from '@skillway/core';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { occupationNames } from '$lib/server/api';
import { rethrowApiFailure } from '$lib/server/problem-errors';
import { getStory, storyCards } from '../stories-api.server';

const ID = new RegExp(STORY_ID_PATTERN);

/** One story: its texts in the reader's language when it has them (?original=1: the original), its path, its source. */
export const load = (async ({ params, locals, url, getClientAddress }) => {
  if (!ID.test(params.id) || params.id.length > 120) error(404, { message: m.error_not_found() });
  const ctx = { clientAddress: getClientAddress() };
  try {
    const story = await getStory(params.id, ctx);
    const original = url.searchParams.get('original') === '1';
    const [card] = await storyCards([story], locals.locale, ctx, { original });
    const names = story.occupation
      ? await occupationNames([story.occupation], locals.locale, ctx).catch((): Record<string, string> => ({}))
      : {};
    return {
      story: card!,
      occupationName: story.occupation ? (names[story.occupation] ?? story.occupation) : null,
      showingOriginal: original,
    };
  } catch (e) {
    rethrowApiFailure(e, { notFound: m.error_not_found(), unavailable: m.error_unavailable() });
  }
}) satisfies PageServerLoad;
