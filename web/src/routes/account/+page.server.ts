import type { PageServerLoad } from './$types';
import { requireSession } from '$lib/server/session';

export const load = (async (event) => {
  const session = await requireSession(event);
  event.setHeaders({ 'cache-control': 'private, no-store' });
  return {
    user: session.user,
    passwordChanged: event.url.searchParams.has('password_changed'),
  };
}) satisfies PageServerLoad;
