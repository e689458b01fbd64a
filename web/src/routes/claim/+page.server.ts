import type { PageServerLoad } from './$types';
import { search } from '$lib/server/api';
import { requireSession } from '$lib/server/session';

/** Find a listing to claim by its name: a plain GET form, so it works without JavaScript. */
export const load = (async (event) => {
  const session = await requireSession(event);
  event.setHeaders({ 'cache-control': 'private, no-store' });
  const q = (event.url.searchParams.get('q') ?? '').trim().slice(0, 200);
  let hits: { id: string; name: string; url: string | null }[] = [];
  let failed = false;
  if (q) {
    try {
      const answer = await search(
        { q, lang: event.locals.locale, per_page: 20 },
        { clientAddress: event.getClientAddress() },
      );
      hits = answer.hits.map((hit) => ({ id: hit.id, name: hit.name, url: hit.url ?? null }));
    } catch {
      failed = true;
    }
  }
  return { q, hits, failed, verified: session.user.email_verified };
}) satisfies PageServerLoad;
