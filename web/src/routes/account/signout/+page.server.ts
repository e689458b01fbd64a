import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizePath } from '$lib/i18n/routing';
import { ApiError, signOut } from '$lib/server/api';
import { currentSession, forgetSession, passCookies, userContext } from '$lib/server/session';

export const load = (async (event) => ({ signedIn: (await currentSession(event)) !== null })) satisfies PageServerLoad;

export const actions = {
  default: async (event) => {
    const session = await currentSession(event);
    if (session) {
      try {
        passCookies(event, (await signOut(userContext(event, session))).setCookies);
      } catch (e) {
        // Already ended on the server: the browser's cookie goes all the same.
        if (!(e instanceof ApiError && e.status === 401)) throw e;
      }
    }
    forgetSession(event);
    redirect(303, `${localizePath('/account/signin', event.locals.locale)}?signed_out`);
  },
} satisfies Actions;
